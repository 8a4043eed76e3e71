// LiveBench ground-truth scoring: one scorer per LiveBench task, listed in ONE table
// (task_scorers(), judge/livebench/task_scorers.cpp). Each scorer reproduces what LiveBench's own
// public code gives for that task (docs/suites/livebench.md cites the source of every rule).
//
// A scorer gets the question record exactly as it stands in question.jsonl (every task-specific
// field, e.g. instruction_id_list/kwargs, public_test_cases, partial_solution, is in
// `question.record`) and the model's answer text (the last turn's answer, <think> blocks and
// reasoning already removed by the caller). It returns a score in [0, 1] (1 = full credit; partial
// credit where LiveBench gives it), what it extracted, and why. Scorers are pure functions: they
// never throw and never touch the store or a backend; code tasks run tests only through the
// CodeSandbox in the context, and report status "error" with a reason when it is absent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/core/types.h"

namespace ys::livebench {

// One question.jsonl record, with the fields every task has pulled out.
struct Question {
  std::string question_id;
  std::string category;          // e.g. "math"
  std::string task;              // e.g. "AMPS_Hard"
  std::string subtask;           // "" when absent
  std::string release_date;      // livebench_release_date, "YYYY-MM-DD" ("" when absent)
  Json ground_truth;             // as stored (a string for most tasks)
  Json record = Json::object();  // the whole record as read
};

class CodeSandbox;  // judge/livebench/sandbox.h: runs python3 tests contained (bubblewrap)

struct ScoreContext {
  CodeSandbox* sandbox = nullptr;  // null: code tasks cannot run and score as errors
  std::string sandbox_missing;     // why `sandbox` is null, when it is (shown in their reason)
};

struct TaskScore {
  double value = 0.0;                    // in [0, 1]
  ScoreStatus status = ScoreStatus::ok;  // ok, unparsed (nothing extracted), error
  std::string extracted;                 // what was taken from the answer
  std::string method;                    // which rule extracted it (e.g. "solution-tag", "boxed")
  Json detail = Json::object();          // scorer-specific extras (partial credit parts, reasons)
};

using TaskScoreFn = TaskScore (*)(const Question& question, std::string_view answer,
                                  const ScoreContext& context);

struct TaskScorer {
  std::string_view task;         // LiveBench's task name as in the folder (e.g. "zebra_puzzle")
  std::string_view category;     // LiveBench's category (e.g. "reasoning")
  std::string_view description;  // one line
  TaskScoreFn score;
};

// The table of every supported task, one row each.
const std::vector<TaskScorer>& task_scorers();

// The row for `task`, or nullptr when LiveBench's task is not supported (callers report and skip
// such questions, never score them 0).
const TaskScorer* find_task_scorer(std::string_view task);

}  // namespace ys::livebench
