// Which judgments a leaderboard counts, and under which names, as lmarena/arena-hard-auto's
// show_result.py does (docs/suites/arena-hard.md, "Battle rows"):
//   - every judgment line counts, also a repeated (judge, model, question): upstream concatenates
//     the files and never de-duplicates;
//   - a judgment of the baseline against itself counts (its own row in the plain table; in the
//     style-controlled fit a row with only the baseline's -1);
//   - a model named "org/model" is shown and ranked as "model" (upstream's x.split('/')[-1]); its
//     answers are still looked up under the full name.
// Each of these is counted, so the leaderboard can say how often it happened. Pure, never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/arena_hard/judgments.h"
#include "harness/core/expected.h"

namespace ys::arena {

struct SelectedJudgment {
  const ArenaJudgment* judgment = nullptr;
  std::string model;  // display name: the judgment's model after the last '/'
};

struct JudgmentSelection {
  std::vector<SelectedJudgment> judgments;  // in input order
  std::string baseline;
  std::vector<std::string> judges;  // sorted
  std::vector<std::string> models;  // sorted display names, the baseline excluded
  int64_t n_repeated = 0;           // lines repeating an earlier (judge, model, uid)
  int64_t n_self = 0;               // judgments of the baseline against itself
  int64_t n_prefixed = 0;           // judgments whose model had an "org/" prefix
  // One warning per kind of case above that occurred, with its count.
  std::vector<std::string> warnings() const;
};

// The name upstream ranks: the text after the last '/'.
std::string strip_model_path(const std::string& model);

// Judgments of `category` ("" = all; judgments without a category count for any). The baseline:
// `baseline` when given, else the judgments' baseline field, else the category's published
// default. Errors: judgments naming different baselines, no baseline at all (the message names
// --baseline and -q), no judgments.
Expected<JudgmentSelection> select_judgments(const std::vector<ArenaJudgment>& all,
                                             const std::string& category,
                                             const std::string& baseline);

}  // namespace ys::arena
