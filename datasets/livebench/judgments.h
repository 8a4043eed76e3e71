// LiveBench's ground-truth judgments (`<task>/model_judgment/ground_truth_judgment.jsonl`), as
// gen_ground_truth_judgment.py writes them: {question_id, task, model, score, turn, tstamp,
// category, subtask?, answer_id?}. Used to compare our scores with LiveBench's own. Errors name
// file:line and the field. A score of -1 is accepted and counted (show_livebench_result.py drops
// such rows before averaging). Never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace ys::livebench {

struct Judgment {
  std::string question_id, task, model, category;
  double score = 0.0;  // in [0, 1]; -1 = dropped by LiveBench
};

struct JudgmentFile {
  std::string path;
  std::vector<Judgment> judgments;  // file order
  int64_t n_dropped = 0;            // score == -1
};

Expected<JudgmentFile> load_judgment_file(const std::string& path);

}  // namespace ys::livebench
