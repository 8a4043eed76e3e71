// Reading MMLU-Pro files: a JSON list of records (how the Hugging Face export and the published
// result files look) or JSONL (one record per line; blank lines skipped). The format is chosen by
// the first non-blank character: '[' means a JSON list.
//
// Error locations: "path:LINE" for JSONL and for JSON syntax errors; "path: record N" (1-based)
// for a bad record inside a JSON list. Never throws.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "datasets/mmlu_pro/record.h"
#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::mmlu_pro {

// Calls fn(object, where) for every record, in file order; stops at the first error.
Status for_each_mmlu_pro_json(const std::string& path,
                              const std::function<Status(const Json&, const std::string&)>& fn);

// Loads and validates a whole split. Entries that are not objects are skipped and, like the other
// quirks TIGER-Lab's scripts accept (quirks.h), counted into *quirks when given. A duplicate
// question_id is an error naming both locations.
Expected<std::vector<MmluProRecord>> load_mmlu_pro_file(const std::string& path,
                                                        MmluProQuirks* quirks = nullptr);

}  // namespace ys::mmlu_pro
