// Published MMLU-Pro result files, for re-scoring recorded outputs without calling a model.
//
// TIGER-Lab's scripts write, per category, a JSON list of the dataset records with the model's raw
// output added (evaluate_from_local.py and evaluate_from_api.py: "model_outputs"; other
// publishers: "generated_text" or "response"). The "pred" field is ignored: it follows different
// conventions across files. A record must pass the dataset checks of record.h and carry its output
// as a string in the first present of model_outputs, generated_text, response (a null value counts
// as absent). Quirks the official scripts accept (quirks.h: few options, answer fields that
// disagree, non-object entries) are counted per file, not refused.
//
// `path` may be one file (JSON list or JSONL) or a folder: then every "*.json" / "*.jsonl" file in
// it except "*summary*.json" is read, in name order. A question_id appearing twice is an error
// (the scripts' save_res keeps one record per question_id, so their files never repeat one).
// Never throws.
#pragma once

#include <string>
#include <vector>

#include "datasets/mmlu_pro/record.h"
#include "harness/core/expected.h"

namespace ys::mmlu_pro {

struct MmluProImportedRecord {
  MmluProRecord record;
  std::string output;        // the model's raw text, as published
  std::string output_field;  // which field it came from
  std::string where;         // "path: record N" or "path:LINE"
};

struct MmluProImportedRun {
  std::vector<std::string> files;          // the files read, in order
  std::vector<MmluProQuirks> file_quirks;  // per file, same order
  MmluProQuirks quirks;                    // all files together
  std::string fingerprint;                 // the questions only: mmlu_pro_questions_fingerprint
  std::string files_sha256;                // the files as published, outputs included (docs)
  std::vector<MmluProImportedRecord> records;
};

// SHA-256 over the questions, independent of file layout and model outputs: one line per record,
// in question_id order, the JSON array [question_id, question, options (without "N/A"), answer,
// category] followed by "\n". Two result files of the same question set share it.
std::string mmlu_pro_questions_fingerprint(const std::vector<const MmluProRecord*>& records);

Expected<MmluProImportedRun> load_mmlu_pro_results(const std::string& path);

}  // namespace ys::mmlu_pro
