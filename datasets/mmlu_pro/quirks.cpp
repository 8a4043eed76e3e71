#include "datasets/mmlu_pro/quirks.h"

#include <vector>

namespace ys::mmlu_pro {
namespace {

std::string counted(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void MmluProQuirks::add(const MmluProQuirks& other) {
  n_records += other.n_records;
  few_options += other.few_options;
  answer_mismatch += other.answer_mismatch;
  answer_outside += other.answer_outside;
  non_object += other.non_object;
}

std::string MmluProQuirks::describe() const {
  std::vector<std::string> parts;
  if (few_options > 0) {
    parts.push_back(counted(few_options, "record with fewer than 2 options",
                            "records with fewer than 2 options"));
  }
  if (answer_mismatch > 0) {
    parts.push_back(counted(answer_mismatch, "answer/answer_index disagreement",
                            "answer/answer_index disagreements") +
                    " (the `answer` letter is used, as TIGER-Lab's scorer does)");
  }
  if (answer_outside > 0) {
    parts.push_back(counted(answer_outside, "answer letter beyond the options",
                            "answer letters beyond the options"));
  }
  if (non_object > 0) {
    parts.push_back(counted(non_object, "non-object entry skipped", "non-object entries skipped"));
  }
  if (parts.empty()) return "no quirks";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

Json MmluProQuirks::to_json() const {
  return {{"records", n_records},
          {"few_options", few_options},
          {"answer_mismatch", answer_mismatch},
          {"answer_outside", answer_outside},
          {"non_object_skipped", non_object}};
}

std::string mmlu_pro_quirks_line(const std::string& file, const MmluProQuirks& quirks) {
  return file + ": " + counted(quirks.n_records, "record", "records") + "; " + quirks.describe();
}

}  // namespace ys::mmlu_pro
