// LiveBench model answers (`<task>/model_answer/<model>.jsonl`) as gen_api_answer.py writes them:
//   {question_id, answer_id, model_id, choices: [{index, turns: [text, ...]}], tstamp,
//    total_output_tokens, api_info}
// Only question_id and choices[0].turns are required (LiveBench reads nothing else to score);
// the answer scored is the last turn of the first choice, as gen_ground_truth_judgment.py takes it.
// Errors name file:line and the field. Quirks accepted and counted (AnswerFileStats):
//   - a repeated question_id: the last record wins, as LiveBench's load_model_answers keeps it;
//   - the answer "$ERROR$" (LiveBench's API_ERROR_OUTPUT, written when every API attempt failed):
//     kept, flagged `api_error` (it scores 0 and counts as an error).
// Never throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace ys::livebench {

// LiveBench's marker for an answer whose API calls all failed (livebench/common.py).
inline constexpr const char* kApiErrorOutput = "$ERROR$";

struct ModelAnswer {
  std::string question_id;
  std::string answer_id;  // "" when absent
  std::string model_id;   // "" when absent
  std::string text;       // choices[0].turns[-1], as written
  int64_t n_turns = 0;
  std::optional<int64_t> total_output_tokens;
  std::optional<double> tstamp;
  bool api_error = false;  // text == "$ERROR$"
  int line = 0;            // where it was read
};

struct AnswerFileStats {
  int64_t n_records = 0;
  int64_t n_duplicate_ids = 0;  // earlier records replaced by a later one
  int64_t n_api_errors = 0;
};

struct AnswerFile {
  std::string path;
  std::vector<ModelAnswer> answers;  // one per question_id, in order of first appearance
  AnswerFileStats stats;
};

Expected<AnswerFile> load_answer_file(const std::string& path);

}  // namespace ys::livebench
