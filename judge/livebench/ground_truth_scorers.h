// The ground-truth scorers of LiveBench's math, reasoning, data_analysis and language tasks, one
// function per task (rows of task_scorers() in task_scorers.cpp). Each follows the named file of
// LiveBench's livebench/process_results; docs/suites/livebench.md lists every rule and its source.
#pragma once

#include <string>

#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// math.cpp
TaskScore score_amps_hard(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_math_comp(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_olympiad(const Question& q, std::string_view answer, const ScoreContext& ctx);
// reasoning.cpp
TaskScore score_spatial(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_web_of_lies_v2(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_web_of_lies_v3(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_zebra_puzzle(const Question& q, std::string_view answer, const ScoreContext& ctx);
// data_analysis.cpp
TaskScore score_cta(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_tablejoin(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_tablereformat(const Question& q, std::string_view answer, const ScoreContext& ctx);
// language.cpp
TaskScore score_connections(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_typos(const Question& q, std::string_view answer, const ScoreContext& ctx);
TaskScore score_plot_unscrambling(const Question& q, std::string_view answer,
                                  const ScoreContext& ctx);

// The ground truth as a string (a JSON string as is; any other value as its JSON text), and
// LiveBench's task_or_subtask: the subtask when the record has one, else the task.
std::string ground_truth_text(const Question& q);
std::string task_or_subtask(const Question& q);

// A TaskScore from a value, what was extracted and the rule that extracted it; status unparsed
// when `extracted` is nullopt.
TaskScore make_score(double value, const std::optional<std::string>& extracted, std::string method);

}  // namespace ys::livebench
