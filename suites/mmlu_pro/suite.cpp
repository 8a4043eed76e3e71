#include "suites/mmlu_pro/suite.h"

#include <map>
#include <set>

#include "datasets/mmlu_pro/file.h"
#include "harness/core/hash.h"
#include "suites/mmlu_pro/loglik_score.h"
#include "suites/mmlu_pro/options.h"
#include "suites/mmlu_pro/prompt.h"

namespace ys::mmlu_pro {
namespace {

constexpr int kChatMaxTokens = 4000;
constexpr int kRawMaxTokens = 2048;
// Room left for the continuation when examples are dropped to fit the context: " X" is one token
// in the usual BPE vocabularies, two leaves a margin.
constexpr int kLoglikReserveTokens = 2;

// answer_index only when its letter is not `answer` (a counted quirk): the official guess is
// compared with the index, as upstream's scripts do.
Json reference_of(const MmluProRecord& r) {
  Json ref = {{"answer", r.answer},
              {"n_options", static_cast<int>(r.options.size())},
              {"question_id", r.question_id}};
  if (r.answer_index != r.answer[0] - 'A') ref["answer_index"] = r.answer_index;
  return ref;
}

Request chat_request(const std::string& prompt, int max_tokens) {
  Request req;
  req.kind = RequestKind::chat;
  req.messages = {Message{"user", prompt}};
  req.params.temperature = 0.0;
  req.params.max_tokens = max_tokens;
  // As evaluate_from_api.py sends them (OpenAI's defaults; other servers may differ).
  req.params.frequency_penalty = 0.0;
  req.params.presence_penalty = 0.0;
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

Request loglik_request(const std::string& prompt, size_t n_options) {
  Request req;
  req.kind = RequestKind::loglik;
  req.prompt = prompt;
  req.continuations = mmlu_pro_loglik_continuations(n_options);
  return req;
}

// What the prompt is rendered for: the CoT protocol's chat or raw layout, or the loglik protocol.
enum class Layout { chat, raw, loglik };

class MmluProSuite final : public Suite {
 public:
  MmluProSuite(MmluProOptions options, std::vector<MmluProRecord> test,
               std::vector<MmluProRecord> validation, std::string fingerprint,
               std::vector<std::string> notes, Json quirks)
      : options_(std::move(options)),
        test_(std::move(test)),
        validation_(std::move(validation)),
        fingerprint_(std::move(fingerprint)),
        notes_(std::move(notes)),
        quirks_(std::move(quirks)) {
    for (const auto& r : validation_) examples_[r.category].push_back(&r);
  }

  SuiteInfo info() const override {
    const bool loglik = options_.protocol == "loglik";
    SuiteInfo info{loglik ? kMmluProLoglikSuiteName : kMmluProSuiteName,
                   loglik ? kMmluProLoglikProtocolVersion : kMmluProProtocolVersion, fingerprint_,
                   mmlu_pro_options_json(options_)};
    // Only quirky data carries the key, so runs of clean files keep their ids.
    if (!quirks_.empty()) info.config["dataset_quirks"] = quirks_;
    return info;
  }

  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override {
    auto layout = resolve_layout(ctx);
    if (!layout) return layout.error();
    std::vector<Item> items;
    std::map<std::string, int> taken;
    for (const auto& r : test_) {
      if (!selected(r.category)) continue;
      if (options_.limit && taken[r.category] >= *options_.limit) continue;
      ++taken[r.category];
      items.push_back(plan_one(r, *layout, ctx));
    }
    return items;
  }

  Score score(const Item& item, const Response& response) const override {
    if (item.request.kind == RequestKind::loglik) return score_mmlu_pro_loglik(item, response);
    return score_mmlu_pro(item, response, options_.scoring);
  }

  std::vector<std::string> notes() const override { return notes_; }

  bool has_run_level_scoring() const override {
    return options_.protocol != "loglik" && options_.scoring.draw == OfficialDraw::per_run;
  }
  std::vector<size_t> finalize_scores(const std::vector<const Item*>& items,
                                      std::vector<Score>& scores) const override {
    if (!has_run_level_scoring()) return {};
    return finalize_mmlu_pro_scores(items, scores, options_.scoring);
  }

 private:
  Expected<Layout> resolve_layout(const PlanContext& ctx) const {
    if (options_.protocol == "loglik") {
      if (!ctx.supports_loglik) {
        return Error{
            "mmlu-pro protocol=loglik needs log-likelihoods of the option letters, which this "
            "model does not serve: chat APIs (openai:, anthropic:) and replay: return text only; "
            "use a local: GGUF model or an openai-compat: completions server, or protocol=cot"};
      }
      return Layout::loglik;
    }
    auto r = resolve_rendering(ctx);
    if (!r) return r.error();
    return *r == "chat" ? Layout::chat : Layout::raw;
  }

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

  std::string render(Layout layout, const std::vector<const MmluProRecord*>& examples,
                     const MmluProRecord& r) const {
    switch (layout) {
      case Layout::chat:
        return render_mmlu_pro_chat(examples, r);
      case Layout::raw:
        return render_mmlu_pro_raw(examples, r);
      case Layout::loglik:
        break;
    }
    return render_mmlu_pro_loglik(examples, r);
  }

  int max_tokens(Layout layout) const {
    return options_.max_tokens.value_or(layout == Layout::chat ? kChatMaxTokens : kRawMaxTokens);
  }

  Item plan_one(const MmluProRecord& r, Layout layout, const PlanContext& ctx) const {
    auto examples = examples_for(r.category, options_.k);
    std::string prompt = render(layout, examples, r);
    bool overflow = false;
    if (ctx.count_tokens && ctx.context_tokens) {
      const int reserve = layout == Layout::loglik ? kLoglikReserveTokens : max_tokens(layout);
      const int budget = *ctx.context_tokens - reserve;
      while (ctx.count_tokens(prompt) >= budget) {
        if (examples.empty()) {
          overflow = true;
          break;
        }
        examples.pop_back();
        prompt = render(layout, examples, r);
      }
    }
    Item item;
    item.id = std::to_string(r.question_id);
    item.category = r.category;
    item.reference = reference_of(r);
    item.meta = {{"k", static_cast<int>(examples.size())}};
    switch (layout) {
      case Layout::chat:
        item.request = chat_request(prompt, max_tokens(layout));
        item.meta["rendering"] = "chat";
        break;
      case Layout::raw:
        item.request = raw_request(prompt, max_tokens(layout));
        item.meta["rendering"] = "raw";
        break;
      case Layout::loglik:
        item.request = loglik_request(prompt, r.options.size());
        item.meta["protocol"] = "loglik";
        break;
    }
    // strip_think=false scores the text as the model wrote it, think blocks included (as
    // upstream's chain does), so the backend must not move them out first.
    if (layout != Layout::loglik && !options_.scoring.strip_think)
      item.request.params.keep_think_blocks = true;
    item.meta["src"] = r.src;
    if (overflow) item.meta["prompt_overflow"] = true;
    return item;
  }

  MmluProOptions options_;
  std::vector<MmluProRecord> test_;
  std::vector<MmluProRecord> validation_;
  std::map<std::string, std::vector<const MmluProRecord*>> examples_;
  std::string fingerprint_;
  std::vector<std::string> notes_;
  Json quirks_;  // {"test": {...}, "validation": {...}} for the files that have quirks, else {}
};

// Loads one split, counting its quirks into `notes` (one line for a file that has any) and
// `quirks[split]`.
Expected<std::vector<MmluProRecord>> load_split(const std::string& path, const char* split,
                                                std::vector<std::string>& notes, Json& quirks) {
  MmluProQuirks q;
  auto records = load_mmlu_pro_file(path, &q);
  if (records && q.any()) {
    notes.push_back(mmlu_pro_quirks_line(path, q));
    quirks[split] = q.to_json();
  }
  return records;
}

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
  std::vector<std::string> notes;
  Json quirks = Json::object();
  auto test = load_split(spec.target, "test", notes, quirks);
  if (!test) return test.error();
  if (test->empty()) return Error{spec.target + ": no questions"};
  auto st = check_categories(*options, *test);
  if (!st) return st.error();
  std::vector<MmluProRecord> validation;
  if (!options->validation_path.empty()) {
    auto v = load_split(options->validation_path, "validation", notes, quirks);
    if (!v) return v.error();
    validation = std::move(*v);
  }
  auto fp = fingerprint_of(spec.target, options->validation_path);
  if (!fp) return fp.error();
  return std::unique_ptr<Suite>(
      std::make_unique<MmluProSuite>(std::move(*options), std::move(*test), std::move(validation),
                                     std::move(*fp), std::move(notes), std::move(quirks)));
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
  Json config = {{"imported", true},
                 {"rendering", "chat"},
                 {"k", 0},
                 {"strip_think", scoring.strip_think},
                 {"seed", scoring.seed},
                 {"official_draw", to_string(scoring.draw)}};
  return SuiteInfo{kMmluProSuiteName, kMmluProProtocolVersion, run.fingerprint, config};
}

}  // namespace ys::mmlu_pro
