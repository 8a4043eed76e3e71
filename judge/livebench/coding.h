// LiveBench's coding tasks (LCB_generation, coding_completion), scored as LiveBench's
// process_results/coding/utils.py LCB_generation_process_results does: the code between the
// last two lines holding ``` is extracted (lcb_runner/utils/extraction_utils.py extract_code),
// the question's partial_solution is put in front of it unless it already starts with it, and
// the public + private test cases run in the CodeSandbox (lcb_runner_script.h); the score is 1
// when every test passes, else 0. Without a sandbox in the context the score is an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// extract_code(model_output, lmstyle=None): "" when fewer than two lines hold ```.
std::string extract_lcb_code(std::string_view answer);

// The program the tests run: partial_solution + "\n" + code unless code starts with it.
std::string lcb_full_solution(const Question& question, const std::string& code);

// The question's tests: the runner's stdin JSON (code excluded), from public_test_cases,
// private_test_cases (JSON, or base64 of zlib of a pickled JSON string) and
// original_json.metadata's func_name. Errors name the field.
Expected<Json> lcb_test_spec(const Question& question);

// The TaskScoreFn of LCB_generation and coding_completion.
TaskScore score_lcb(const Question& question, std::string_view answer, const ScoreContext& context);

// Scores answers[i] to questions[i] with `scorer`, up to the sandbox's max_parallel() at once
// (one thread when there is no sandbox). Results in input order.
std::vector<TaskScore> score_code_answers(TaskScoreFn scorer,
                                          const std::vector<Question>& questions,
                                          const std::vector<std::string>& answers,
                                          const ScoreContext& context);

}  // namespace ys::livebench
