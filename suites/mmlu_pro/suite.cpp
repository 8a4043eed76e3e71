#include "suites/mmlu_pro/suite.h"

#include <map>
#include <set>

#include "datasets/mmlu_pro/file.h"
#include "harness/core/hash.h"
#include "suites/mmlu_pro/options.h"
#include "suites/mmlu_pro/prompt.h"

namespace ys {
namespace {

constexpr int kChatMaxTokens = 4000;
constexpr int kRawMaxTokens = 2048;

Json reference_of(const MmluProRecord& r) {
  return {{"answer", r.answer},
          {"n_options", static_cast<int>(r.options.size())},
          {"question_id", r.question_id}};
}

Request chat_request(const std::string& prompt, int max_tokens) {
  Request req;
  req.kind = RequestKind::chat;
  req.messages = {Message{"user", prompt}};
  req.params.temperature = 0.0;
  req.params.max_tokens = max_tokens;
  return req;
}

Request raw_request(const std::string& prompt, int max_tokens) {
  Request req;
  req.kind = RequestKind::completion;
  req.prompt = prompt;
  req.params.temperature = 0.0;
  req.params.max_tokens = max_tokens;
  req.params.stop = {"Question:"};
  return req;
}

class MmluProSuite final : public Suite {
 public:
  MmluProSuite(MmluProOptions options, std::vector<MmluProRecord> test,
               std::vector<MmluProRecord> validation, std::string fingerprint)
      : options_(std::move(options)),
        test_(std::move(test)),
        validation_(std::move(validation)),
        fingerprint_(std::move(fingerprint)) {
    for (const auto& r : validation_) examples_[r.category].push_back(&r);
  }

  SuiteInfo info() const override {
    return SuiteInfo{kMmluProSuiteName, kMmluProProtocolVersion, fingerprint_,
                     mmlu_pro_options_json(options_)};
  }

  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override {
    auto rendering = resolve_rendering(ctx);
    if (!rendering) return rendering.error();
    const bool chat = *rendering == "chat";
    const int max_tokens = options_.max_tokens.value_or(chat ? kChatMaxTokens : kRawMaxTokens);
    std::vector<Item> items;
    std::map<std::string, int> taken;
    for (const auto& r : test_) {
      if (!selected(r.category)) continue;
      if (options_.limit && taken[r.category] >= *options_.limit) continue;
      ++taken[r.category];
      items.push_back(plan_one(r, chat, max_tokens, ctx));
    }
    return items;
  }

  Score score(const Item& item, const Response& response) const override {
    return score_mmlu_pro(item, response, options_.scoring);
  }

 private:
  Expected<std::string> resolve_rendering(const PlanContext& ctx) const {
    std::string r = options_.rendering;
    if (r == "auto") r = ctx.supports_completion && !ctx.supports_chat ? "raw" : "chat";
    if (r == "chat" && !ctx.supports_chat) {
      return Error{"mmlu-pro: the model does not serve chat requests; use rendering=raw"};
    }
    if (r == "raw" && !ctx.supports_completion) {
      return Error{"mmlu-pro: the model does not serve raw completions; use rendering=chat"};
    }
    return r;
  }

  bool selected(const std::string& category) const {
    if (options_.categories.empty()) return true;
    for (const auto& c : options_.categories) {
      if (c == category) return true;
    }
    return false;
  }

  std::vector<const MmluProRecord*> examples_for(const std::string& category, int k) const {
    const auto it = examples_.find(category);
    if (it == examples_.end() || k == 0) return {};
    const size_t n = std::min(static_cast<size_t>(k), it->second.size());
    return {it->second.begin(), it->second.begin() + static_cast<std::ptrdiff_t>(n)};
  }

  Item plan_one(const MmluProRecord& r, bool chat, int max_tokens, const PlanContext& ctx) const {
    auto examples = examples_for(r.category, options_.k);
    auto render = [&] {
      return chat ? render_mmlu_pro_chat(examples, r) : render_mmlu_pro_raw(examples, r);
    };
    std::string prompt = render();
    bool overflow = false;
    if (ctx.count_tokens && ctx.context_tokens) {
      const int budget = *ctx.context_tokens - max_tokens;
      while (ctx.count_tokens(prompt) >= budget) {
        if (examples.empty()) {
          overflow = true;
          break;
        }
        examples.pop_back();
        prompt = render();
      }
    }
    Item item;
    item.id = std::to_string(r.question_id);
    item.category = r.category;
    item.request = chat ? chat_request(prompt, max_tokens) : raw_request(prompt, max_tokens);
    item.reference = reference_of(r);
    item.meta = {{"k", static_cast<int>(examples.size())},
                 {"rendering", chat ? "chat" : "raw"},
                 {"src", r.src}};
    if (overflow) item.meta["prompt_overflow"] = true;
    return item;
  }

  MmluProOptions options_;
  std::vector<MmluProRecord> test_;
  std::vector<MmluProRecord> validation_;
  std::map<std::string, std::vector<const MmluProRecord*>> examples_;
  std::string fingerprint_;
};

Status check_categories(const MmluProOptions& o, const std::vector<MmluProRecord>& test) {
  std::set<std::string> present;
  for (const auto& r : test) present.insert(r.category);
  for (const auto& c : o.categories) {
    if (present.count(c) != 0) continue;
    std::string list;
    for (const auto& p : present) list += (list.empty() ? "" : ", ") + p;
    return Error{"mmlu-pro option 'categories': \"" + c + "\" is not in the test file (" + list +
                 ")"};
  }
  return ok_status();
}

// sha256 of the test file alone, or over both files' hashes when examples are used (docs).
Expected<std::string> fingerprint_of(const std::string& test, const std::string& validation) {
  auto t = sha256_file(test);
  if (!t || validation.empty()) return t;
  auto v = sha256_file(validation);
  if (!v) return v;
  return sha256_hex("test " + *t + "\nvalidation " + *v + "\n");
}

}  // namespace

Expected<std::unique_ptr<Suite>> make_mmlu_pro_suite(const SuiteSpec& spec) {
  if (spec.target.empty()) return Error{"mmlu-pro: no test file given (mmlu-pro:PATH)"};
  auto options = parse_mmlu_pro_options(spec.options, spec.target);
  if (!options) return options.error();
  auto test = load_mmlu_pro_file(spec.target);
  if (!test) return test.error();
  if (test->empty()) return Error{spec.target + ": no questions"};
  auto st = check_categories(*options, *test);
  if (!st) return st.error();
  std::vector<MmluProRecord> validation;
  if (!options->validation_path.empty()) {
    auto v = load_mmlu_pro_file(options->validation_path);
    if (!v) return v.error();
    validation = std::move(*v);
  }
  auto fp = fingerprint_of(spec.target, options->validation_path);
  if (!fp) return fp.error();
  return std::unique_ptr<Suite>(std::make_unique<MmluProSuite>(
      std::move(*options), std::move(*test), std::move(validation), std::move(*fp)));
}

Item mmlu_pro_item_for_import(const MmluProImportedRecord& record) {
  const MmluProRecord& r = record.record;
  Item item;
  item.id = std::to_string(r.question_id);
  item.category = r.category;
  item.request = chat_request(render_mmlu_pro_chat({}, r), kChatMaxTokens);
  item.reference = reference_of(r);
  item.meta = {{"k", 0},
               {"rendering", "chat"},
               {"src", r.src},
               {"imported", true},
               {"output_field", record.output_field}};
  return item;
}

Response mmlu_pro_response_for_import(const MmluProImportedRecord& record) {
  Response r;
  r.text = record.output;
  r.finish_reason = "imported";
  return r;
}

SuiteInfo mmlu_pro_import_info(const MmluProImportedRun& run, const MmluProScoring& scoring) {
  Json config = {
      {"imported", true},
      {"rendering", "chat"},
      {"k", 0},
      {"strip_think", scoring.strip_think},
      {"seed", scoring.seed},
      {"official_draw", scoring.draw == OfficialDraw::reseed ? "reseed" : "per-question"}};
  return SuiteInfo{kMmluProSuiteName, kMmluProProtocolVersion, run.fingerprint, config};
}

}  // namespace ys
