// The settings of an MMLU-Pro run, read from SuiteSpec.options (config keys or `--opt key=value`;
// numbers and booleans may also arrive as strings). Keys (docs/suites/mmlu-pro.md, "Options"):
//   validation     path of the validation split (few-shot examples); default: validation.jsonl or
//                  validation.json next to the test file; required when k > 0
//   k              few-shot examples per question, 0..5 (default 5)
//   rendering      "chat" | "raw" | "auto" (default auto: raw when the model serves completions
//                  and not chat, else chat)
//   strip_think    remove <think> blocks before extraction (default true)
//   max_tokens     new-token cap (default 4000 chat / 2048 raw)
//   categories     list or comma-separated names (alias: subjects); default all
//   limit          first N questions per category, in file order (default all)
//   seed           seed of the official random guess (default 12345, as upstream)
//   official_draw  "per-run" (default, upstream's current rule) | "reseed" (upstream before
//                  2025-02-24) | "per-question"
// Unknown keys are errors, so a typo does not silently change a run. Never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"
#include "judge/mmlu_pro/score.h"

namespace ys::mmlu_pro {

struct MmluProOptions {
  std::string protocol = "cot";  // "cot" | "loglik"
  std::string validation_path;   // "" when none is used (k == 0 and none found)
  int k = 5;
  std::string rendering = "auto";
  std::optional<int> max_tokens;
  std::vector<std::string> categories;  // empty = all
  std::optional<int> limit;
  MmluProScoring scoring;
};

// `target` is the test file; it anchors the default validation path.
Expected<MmluProOptions> parse_mmlu_pro_options(const Json& options, const std::string& target);

// The options as recorded in SuiteInfo.config (everything that can change prompts or scores).
// For protocol=loglik only {"protocol", "k", "categories", "limit"}; the CoT form has no
// "protocol" key (it predates the option, and its run ids must not change).
Json mmlu_pro_options_json(const MmluProOptions& options);

}  // namespace ys::mmlu_pro
