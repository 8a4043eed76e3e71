// LiveBench's instruction-following tasks (paraphrase, simplify, story_generation, summarize):
// every instruction of the question is checked on the answer, stripped of surrounding
// whitespace as gen_ground_truth_judgment.py does, by its IFEval checker (strict evaluation: no
// further variants of the response; an all-whitespace response follows nothing), and the score
// is (all followed ? 1 : 0) / 2 + (share followed) / 2, as LiveBench's
// process_results/instruction_following/utils.py computes it.
#pragma once

#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// Per-instruction results in the question's order (LiveBench's follow_instruction_list). Errors
// name the question field or the instruction (unknown id, bad kwargs).
Expected<std::vector<bool>> follow_instruction_list(const Question& question,
                                                    std::string_view response);

// The TaskScoreFn of the four instruction-following tasks.
TaskScore score_instruction_following(const Question& question, std::string_view answer,
                                      const ScoreContext& context);

}  // namespace ys::livebench
