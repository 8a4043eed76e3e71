// The settings of a LiveBench run, read from SuiteSpec.options (config keys or `--suite-opt
// key=value`; numbers may arrive as strings). Keys (docs/suites/livebench.md, "Options"):
//   release     YYYY-MM-DD: LiveBench's --livebench-release-option; default: the newest release
//               date found in the data (LiveBench's default is its newest release)
//   categories  list or comma-separated category folder names (default all)
//   tasks       list or comma-separated task folder names (default all)
//   max_tokens  new-token cap per answer (default 4096, gen_api_answer.py's --max-tokens)
// Unknown keys are errors, so a typo does not silently change a run. Never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::livebench {

inline constexpr int kLiveBenchDefaultMaxTokens = 4096;

struct LiveBenchOptions {
  std::string release;  // "" = the newest in the data
  std::vector<std::string> categories, tasks;
  int max_tokens = kLiveBenchDefaultMaxTokens;
};

Expected<LiveBenchOptions> parse_livebench_options(const Json& options);

// "KEY=VALUE" strings (as --suite-opt takes them) -> the options object parse_livebench_options
// reads. Errors name the bad entry.
Expected<Json> livebench_options_from_pairs(const std::vector<std::string>& pairs);

}  // namespace ys::livebench
