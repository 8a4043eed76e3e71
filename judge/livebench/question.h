// LiveBench question records (question.jsonl, one JSON object a line) -> Question values.
#pragma once

#include "harness/core/expected.h"
#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// Pulls the common fields out of one record and keeps the whole record. Errors name the field:
// question_id, category, task must be strings; turns, when present, a list of strings;
// ground_truth may be any JSON value (absent = null). Optional string fields that hold null are
// taken as "".
Expected<Question> question_from_json(const Json& record);

}  // namespace ys::livebench
