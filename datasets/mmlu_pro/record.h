// One MMLU-Pro question as TIGER-Lab publishes it (Hugging Face TIGER-Lab/MMLU-Pro, splits test and
// validation), validated. Field rules (docs/suites/mmlu-pro.md, "Dataset files"):
//   question_id  integer, unique within a file
//   question     string
//   options      list of strings; entries equal to "N/A" are padding and are dropped; 1..10 remain
//                (fewer than 2 is a counted quirk)
//   answer       one letter A-J: the reference the score uses
//   answer_index integer; disagreeing with `answer` (in the list without "N/A") is a counted quirk
//   cot_content  string, optional (empty in test; the worked answer in validation)
//   category     non-empty string (14 lowercase names upstream, e.g. "computer science")
//   src          string, optional
// Other fields (pred, model_outputs, ...) are ignored here. Pure functions, never throw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/mmlu_pro/quirks.h"
#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::mmlu_pro {

inline constexpr int kMmluProMaxOptions = 10;
inline constexpr int kMmluProMinOptions = 2;

struct MmluProRecord {
  int64_t question_id = 0;
  std::string question;
  std::vector<std::string> options;  // "N/A" padding removed
  std::string answer;                // "A".."J"
  int answer_index = 0;  // as in the file (clamped to -1..10); the official guess compares with it
  std::string cot_content;
  std::string category;
  std::string src;
};

// Validates one record (a JSON object). `where` names its location ("path:12" or "path: record 3")
// and starts every error message, followed by the offending field. Quirks that TIGER-Lab's scripts
// accept (quirks.h) are counted into `quirks` (n_records included) instead of refused.
Expected<MmluProRecord> parse_mmlu_pro_record(const Json& obj, const std::string& where,
                                              MmluProQuirks& quirks);

// The 14 categories of the published dataset, in alphabetical order.
const std::vector<std::string>& mmlu_pro_categories();

}  // namespace ys::mmlu_pro
