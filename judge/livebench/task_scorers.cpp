#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// One row per task. Scorer functions live in one file per task family (math, reasoning,
// data_analysis, language, instruction_following, coding) in this folder.
const std::vector<TaskScorer>& task_scorers() {
  static const std::vector<TaskScorer> kTaskScorers = {
      // Ground-truth tasks: math, reasoning, data_analysis, language (ground_truth_scorers.h).
      {"math_comp", "math",
       "AMC/SMC letter (solution tag, repeated letter, boxed, choice text); AIME number in the "
       "last 50 chars",
       score_math_comp},
      {"olympiad", "math",
       "proof rearrangement: 1 - edit distance / length over the expression numbers",
       score_olympiad},
      {"spatial", "reasoning", "one of the last three bold spans equals the answer", score_spatial},
      {"web_of_lies_v2", "reasoning",
       "three yes/no/unknown from solution tag, bold, boxed or plain text", score_web_of_lies_v2},
      {"web_of_lies_v3", "reasoning",
       "solution tag or boxed; half all-correct plus half per-answer share", score_web_of_lies_v3},
      {"zebra_puzzle", "reasoning",
       "before 2024-11-25 last bold-italic word; then per-cell partial credit", score_zebra_puzzle},
  };
  return kTaskScorers;
}

const TaskScorer* find_task_scorer(std::string_view task) {
  for (const auto& row : task_scorers()) {
    if (row.task == task) return &row;
  }
  return nullptr;
}

}  // namespace ys::livebench
