// Quirks of published MMLU-Pro files that TIGER-Lab's own scripts accept (docs/suites/mmlu-pro.md,
// "Quirks of the published data"): such records are loaded and counted here, never refused.
//   few_options      a record with fewer than 2 real options (the May-2024 data has some with 1)
//   answer_mismatch  `answer` and `answer_index` disagree (index outside the real options, behind
//                    an "N/A", or simply another letter): the `answer` letter is used, as
//                    compute_accuracy.py and the scripts' `pred == answer` comparison do
//   answer_outside   the `answer` letter lies beyond the real options (it can still be extracted)
//   non_object       an entry of a JSON list (or a JSONL line) that is not an object: skipped
// Plain value type; not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "harness/core/types.h"

namespace ys::mmlu_pro {

struct MmluProQuirks {
  int64_t n_records = 0;  // records kept (non-object entries excluded)
  int64_t few_options = 0;
  int64_t answer_mismatch = 0;
  int64_t answer_outside = 0;
  int64_t non_object = 0;

  bool any() const { return few_options + answer_mismatch + answer_outside + non_object > 0; }
  void add(const MmluProQuirks& other);
  // "3 records with fewer than 2 options, 1 answer/answer_index disagreement (...)" with only the
  // non-zero counts; "no quirks" when there are none.
  std::string describe() const;
  // {"records": N, "few_options": ..., "answer_mismatch": ..., "answer_outside": ...,
  //  "non_object_skipped": ...}: what run provenance stores.
  Json to_json() const;
};

// One line per file: "<file>: N records; <describe()>".
std::string mmlu_pro_quirks_line(const std::string& file, const MmluProQuirks& quirks);

}  // namespace ys::mmlu_pro
