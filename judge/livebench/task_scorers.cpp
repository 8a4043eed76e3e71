#include "judge/livebench/coding.h"
#include "judge/livebench/instruction_following.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// One row per task. Scorer functions live in one file per task family (math, reasoning,
// data_analysis, language, instruction_following, coding) in this folder.
const std::vector<TaskScorer>& task_scorers() {
  static const std::vector<TaskScorer> kTaskScorers = {
      // instruction_following: IFEval checkers, strict, (all + share followed) / 2
      {"paraphrase", "instruction_following", "IFEval instructions on a paraphrase",
       score_instruction_following},
      {"simplify", "instruction_following", "IFEval instructions on a simplification",
       score_instruction_following},
      {"story_generation", "instruction_following", "IFEval instructions on a story",
       score_instruction_following},
      {"summarize", "instruction_following", "IFEval instructions on a summary",
       score_instruction_following},
      // coding: last ``` block (+ partial_solution), LiveCodeBench tests in the sandbox
      {"LCB_generation", "coding", "LiveCodeBench problems, tests run in the sandbox", score_lcb},
      {"coding_completion", "coding", "LiveCodeBench completions of a partial solution", score_lcb},
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
