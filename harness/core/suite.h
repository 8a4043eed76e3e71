// The Suite interface: turns a dataset into Items (plan) and a Response into a Score (score).
// A suite never touches the store or a backend; the harness drives both.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

// Which suite to run: "KIND:TARGET" on the command line (e.g. custom:path/suite.jsonl,
// mmlu-pro:path/to/test.jsonl), or a config entry whose extra keys land in options.
struct SuiteSpec {
  std::string kind;
  std::string target;
  Json options = Json::object();
};

// "KIND:TARGET" -> SuiteSpec (the first colon separates them). Errors: no colon, or an empty kind
// or target; the message shows an example.
Expected<SuiteSpec> parse_suite_spec(const std::string& text);

struct SuiteInfo {
  std::string name;                 // e.g. "custom:sample", "mmlu-pro"
  std::string protocol_version;     // bumped when prompts or scoring change
  std::string dataset_fingerprint;  // sha256 over the exact dataset files used
  Json config = Json::object();     // suite settings that change answers or scores
};

// What the suite may know about the model when it plans requests.
struct PlanContext {
  bool supports_chat = true;
  bool supports_completion = false;
  bool supports_loglik = false;
  // The model's context size and token counter (Backend::context_tokens / count_tokens), when the
  // backend knows them; unset for most APIs.
  std::optional<int> context_tokens;
  std::function<int(const std::string&)> count_tokens;  // null when unknown
};

class Suite {
 public:
  virtual ~Suite() = default;
  virtual SuiteInfo info() const = 0;
  // Items in a stable order. Errors (e.g. a request kind the model cannot serve) come back as
  // values naming the item.
  virtual Expected<std::vector<Item>> plan(const PlanContext& ctx) const = 0;
  // Scores a finished response. Must never throw, whatever the model wrote.
  virtual Score score(const Item& item, const Response& response) const = 0;
  // Run-level scoring, after the items have their own scores, for rules that depend on the whole
  // run (MMLU-Pro's official guess draws from one random stream over the run's unanswered
  // questions). items[i] and scores[i] are the scored items of the run in plan order; the suite
  // may change scores and returns the indexes it changed. Default: nothing. The harness calls it
  // only when has_run_level_scoring() is true.
  virtual bool has_run_level_scoring() const { return false; }
  virtual std::vector<size_t> finalize_scores(const std::vector<const Item*>& /*items*/,
                                              std::vector<Score>& /*scores*/) const {
    return {};
  }
  // Lines to show the user before the run (e.g. dataset quirks counted while loading); not part
  // of the run's identity.
  virtual std::vector<std::string> notes() const { return {}; }
};

}  // namespace ys
