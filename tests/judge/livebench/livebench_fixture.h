// Test support: the real LiveBench slice in ../shared/fixtures/livebench (questions, one model's
// answers, LiveBench's own ground-truth judgments) and a per-task agreement check of our scorers
// against LiveBench's scores. A missing fixture fails the test (the data is part of the check).
#pragma once

#include <string>
#include <vector>

#include "judge/livebench/task_scorer.h"

namespace ys::livebench::testing {

struct FixtureCase {
  Question question;
  std::string answer;      // the answer's last turn, as the model wrote it
  double livebench_score;  // LiveBench's score for it (ground_truth_judgment.jsonl)
};

// fixture_path("livebench") (tests/support/paths.h); fails the test when it is missing.
std::string fixture_root();

// Whether the slice is there: when it is not, fails the test with CI set, else logs one SKIPPED
// line and returns false (tests/support/paths.h); callers return early on false.
bool have_slice();

// Every (category, task) folder of the slice that has a question.jsonl, sorted.
std::vector<std::pair<std::string, std::string>> tasks_with_questions();

// The answered questions of one task: question, answer and LiveBench's score, in question order.
// Fails the calling test (Catch2 REQUIRE) when a file is missing or malformed.
std::vector<FixtureCase> load_cases(const std::string& category, const std::string& task);

struct Agreement {
  int n = 0;               // questions compared
  int equal = 0;           // our score == LiveBench's within 1e-6
  double ours_mean = 0.0;  // mean scores x100
  double theirs_mean = 0.0;
  std::vector<std::string> disagreements;  // "question_id: ours X, LiveBench Y (extracted ...)"
  double share() const { return n ? static_cast<double>(equal) / n : 0.0; }
};

// Scores every case of the task with find_task_scorer(task) and compares with LiveBench's score.
Agreement agreement(const std::string& category, const std::string& task,
                    const ScoreContext& context = {});

}  // namespace ys::livebench::testing
