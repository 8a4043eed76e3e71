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
  std::optional<int> context_tokens;                    // unknown for most APIs
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
};

}  // namespace ys
