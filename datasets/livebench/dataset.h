// A LiveBench data folder as LiveBench's download scripts leave it, and the selection of questions
// a run uses. Layout (docs/suites/livebench.md, "Data"):
//   <root>/<category>/<task>/question.jsonl
//   <root>/<category>/<task>/model_answer/<model>.jsonl
//   <root>/<category>/<task>/model_judgment/ground_truth_judgment.jsonl
// `root` may also be one category folder or one task folder. Task folders are found by their
// question.jsonl; folders that hold only model_answer/ (no question file) are listed apart, since
// their answers cannot be scored.
//
// Selection: categories and tasks by folder name (as LiveBench's --bench-name
// live_bench/<category>/<task> selects), then the release filter (questions.h, in_release). A
// category or task asked for that is not there is an error that lists what is there.
// The fingerprint is a SHA-256 over the selected questions (their records, canonical JSON, in the
// order planned), so two runs with the same fingerprint asked the same questions. Never throws.
#pragma once

#include <string>
#include <vector>

#include "datasets/livebench/questions.h"
#include "harness/core/expected.h"

namespace ys::livebench {

struct DatasetSelection {
  std::string release;                  // "" = every question
  std::vector<std::string> categories;  // empty = all
  std::vector<std::string> tasks;       // empty = all
};

struct TaskData {
  std::string category, task;       // folder names
  std::string dir;                  // the task folder
  std::vector<Question> questions;  // selected ones, file order
  int64_t n_outside_release = 0;    // read but left out by the release filter
  QuestionFileStats stats;
};

struct Dataset {
  std::string root;
  std::vector<TaskData> tasks;  // sorted by category, then task
  // Task folders with answers but no question.jsonl ("category/task"), sorted.
  std::vector<std::string> tasks_without_questions;
  // The latest livebench_release_date among all questions read (before the release filter): what
  // LiveBench's default release, its latest one, amounts to for this data.
  std::string newest_release;
  std::string fingerprint;
};

Expected<Dataset> load_livebench_dataset(const std::string& root,
                                         const DatasetSelection& selection);

// Applies the release filter to a loaded dataset (questions outside it are counted in
// n_outside_release) and recomputes the fingerprint. "" keeps every question.
void select_release(Dataset& data, const std::string& release);

}  // namespace ys::livebench
