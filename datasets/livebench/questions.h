// LiveBench question files (`<root>/<category>/<task>/question.jsonl`, one JSON object a line) as
// LiveBench's own download scripts write them. Format and quirks: docs/suites/livebench.md, "Data".
//
// Each record goes through question_from_json (judge/livebench/question.h); on top of that the
// loader checks what LiveBench's loader relies on: a non-empty `turns` list, and
// `livebench_release_date` as YYYY-MM-DD. Errors name file:line and the field. Quirks that
// LiveBench's scripts accept are accepted and counted in QuestionFileStats:
//   - a repeated question_id: the first record is kept (the answer and judgment files are keyed by
//     question_id, so a second record could never be told apart);
//   - no `livebench_removal_date` (older files): taken as "" (never removed);
//   - a record whose `task` or `category` differs from its folder: the record's own values are
//     used for scoring, as gen_ground_truth_judgment.py does.
// Never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

struct QuestionFileStats {
  int64_t n_records = 0;
  int64_t n_duplicate_ids = 0;
  int64_t n_missing_removal_date = 0;
  int64_t n_task_differs_from_folder = 0;
};

struct QuestionFile {
  std::string path;
  std::vector<Question> questions;  // file order, duplicates dropped
  QuestionFileStats stats;
};

// Reads one question.jsonl. `folder_category` / `folder_task` are the names of the folders it lies
// in ("" when unknown), only used to count records that disagree with them.
Expected<QuestionFile> load_question_file(const std::string& path,
                                          const std::string& folder_category,
                                          const std::string& folder_task);

// The record's livebench_removal_date ("" when absent or null).
std::string removal_date_of(const Question& question);

// LiveBench's release filter (livebench/common.py, load_questions_jsonl): a question belongs to
// release R when its release date is <= R and its removal date is empty or later than R.
// An empty `release` selects every question.
bool in_release(const Question& question, const std::string& release);

// True for "YYYY-MM-DD" (digits and dashes in those places; the calendar is not checked).
bool is_iso_date(const std::string& text);

}  // namespace ys::livebench
