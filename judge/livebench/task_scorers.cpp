#include "judge/livebench/coding.h"
#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/instruction_following.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// One row per task. Scorer functions live in one file per task family (math, reasoning,
// data_analysis, language, instruction_following, coding) in this folder.
const std::vector<TaskScorer>& task_scorers() {
  static const std::vector<TaskScorer> kTaskScorers = {
      // Ground-truth tasks: math, reasoning, data_analysis, language (ground_truth_scorers.h).
      {"AMPS_Hard", "math",
       "last solution tag, boxed or $..$ answer; LaTeX equivalence at random points",
       score_amps_hard},
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
      {"cta", "data_analysis",
       "column type: last boxed or whole answer, compared without non-word chars", score_cta},
      {"tablejoin", "data_analysis",
       "join mapping as a Python dict; F1 of its pairs rounded to 2 places", score_tablejoin},
      {"tablereformat", "data_analysis",
       "converted table read as pandas would and compared cell by cell", score_tablereformat},
      {"connections", "language",
       "before 2024-11-25 best bold group list; then solution-tag groups of four",
       score_connections},
      {"typos", "language",
       "corrected text (solution tag or between --- separators) contains the ground truth",
       score_typos},
      {"plot_unscrambling", "language",
       "1 - edit distance between the sentence order and the true order", score_plot_unscrambling},
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
