#include "suites/arena_hard/arena_suite.h"

#include "datasets/arena_hard/questions.h"
#include "harness/core/hash.h"

namespace ys::arena {
namespace {

class ArenaHardSuite final : public Suite {
 public:
  ArenaHardSuite(std::vector<arena::ArenaQuestion> questions, std::string fingerprint, Json config,
                 GenParams params)
      : questions_(std::move(questions)),
        fingerprint_(std::move(fingerprint)),
        config_(std::move(config)),
        params_(std::move(params)) {}

  SuiteInfo info() const override {
    return SuiteInfo{"arena-hard", kArenaHardProtocol, fingerprint_, config_};
  }

  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override {
    if (!ctx.supports_chat) return Error{"arena-hard needs a chat model"};
    std::vector<Item> items;
    items.reserve(questions_.size());
    for (const arena::ArenaQuestion& q : questions_) {
      Item it;
      it.id = q.uid;
      it.category = q.category;
      it.request.kind = RequestKind::chat;
      it.request.messages = {{"user", q.prompt}};
      it.request.params = params_;
      it.meta = {{"category", q.category}, {"subcategory", q.subcategory}};
      items.push_back(std::move(it));
    }
    return items;
  }

  Score score(const Item&, const Response& response) const override {
    Score s;
    s.status = response.ok() ? ScoreStatus::ok : ScoreStatus::error;
    s.value = 0.0;
    s.method = "arena-judged";
    s.detail = {{"note", "arena-hard scores come from pairwise judging, not from this value"}};
    return s;
  }

 private:
  std::vector<arena::ArenaQuestion> questions_;
  std::string fingerprint_;
  Json config_;
  GenParams params_;
};

Expected<GenParams> params_from_options(const Json& o) {
  GenParams p;
  if (auto it = o.find("max_tokens"); it != o.end()) {
    if (!it->is_number_integer())
      return Error{"arena-hard option 'max_tokens': expected an integer"};
    p.max_tokens = it->get<int>();
  }
  if (auto it = o.find("temperature"); it != o.end()) {
    if (!it->is_number()) return Error{"arena-hard option 'temperature': expected a number"};
    p.temperature = it->get<double>();
  }
  return p;
}

}  // namespace

Expected<std::unique_ptr<Suite>> make_arena_hard_suite(const SuiteSpec& spec) {
  auto questions = arena::load_arena_questions(spec.target);
  if (!questions) return questions.error();
  const Json& o = spec.options;
  for (const auto& [key, value] : o.items()) {
    if (key != "category" && key != "max_tokens" && key != "temperature" && key != "limit") {
      return Error{"arena-hard: unknown option '" + key +
                   "' (known: category, max_tokens, temperature, limit)"};
    }
  }
  auto params = params_from_options(o);
  if (!params) return params.error();
  std::string category;
  if (auto it = o.find("category"); it != o.end()) {
    if (!it->is_string()) return Error{"arena-hard option 'category': expected a string"};
    category = it->get<std::string>();
    std::erase_if(*questions,
                  [&](const arena::ArenaQuestion& q) { return q.category != category; });
  }
  if (auto it = o.find("limit"); it != o.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0) {
      return Error{"arena-hard option 'limit': expected a non-negative integer"};
    }
    size_t limit = it->get<size_t>();
    if (questions->size() > limit) questions->resize(limit);
  }
  if (questions->empty())
    return Error{spec.target + ": no questions" +
                 (category.empty() ? "" : " in category '" + category + "'")};
  auto fp = sha256_file(spec.target);
  if (!fp) return fp.error();
  Json config = {{"category", category}, {"n_questions", questions->size()}};
  return std::unique_ptr<Suite>(
      std::make_unique<ArenaHardSuite>(std::move(*questions), *fp, config, *params));
}

}  // namespace ys::arena
