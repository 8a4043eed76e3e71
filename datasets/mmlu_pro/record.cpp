#include "datasets/mmlu_pro/record.h"

#include <algorithm>

namespace ys::mmlu_pro {
namespace {

Error field_error(const std::string& where, const char* field, const std::string& what) {
  return Error{where + ": field '" + field + "' " + what};
}

Expected<std::string> required_string(const Json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end()) return field_error(where, key, "is missing");
  if (!it->is_string()) return field_error(where, key, "must be a string");
  return it->get<std::string>();
}

Expected<std::string> optional_string(const Json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return field_error(where, key, "must be a string");
  return it->get<std::string>();
}

Expected<int64_t> required_int(const Json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end()) return field_error(where, key, "is missing");
  if (!it->is_number_integer()) return field_error(where, key, "must be an integer");
  return it->get<int64_t>();
}

// Drops "N/A" padding, as the scripts' preprocess() does. No real option at all is an error (the
// official guess draws from an empty range and the scripts fail); one is a counted quirk.
Expected<std::vector<std::string>> read_options(const Json& obj, const std::string& where,
                                                MmluProQuirks& quirks) {
  const auto it = obj.find("options");
  if (it == obj.end()) return field_error(where, "options", "is missing");
  if (!it->is_array()) return field_error(where, "options", "must be a list of strings");
  std::vector<std::string> kept;
  for (const Json& opt : *it) {
    if (!opt.is_string()) return field_error(where, "options", "must be a list of strings");
    if (opt.get_ref<const std::string&>() != "N/A") kept.push_back(opt.get<std::string>());
  }
  if (kept.empty() || kept.size() > kMmluProMaxOptions) {
    return field_error(where, "options",
                       "has " + std::to_string(kept.size()) + " real options; 1 to 10 are allowed");
  }
  if (kept.size() < kMmluProMinOptions) ++quirks.few_options;
  return kept;
}

// The position answer_index points at once "N/A" entries are dropped; -1 when it points at an
// "N/A" entry or outside the list.
int64_t real_position(const Json& options, int64_t answer_index) {
  if (answer_index < 0 || answer_index >= static_cast<int64_t>(options.size())) return -1;
  if (options[static_cast<size_t>(answer_index)] == "N/A") return -1;
  int64_t before = 0;
  for (int64_t i = 0; i < answer_index; ++i) before += options[static_cast<size_t>(i)] != "N/A";
  return before;
}

// The `answer` letter is the reference (TIGER-Lab's scorer compares with it); answer_index only
// has to be an integer, and a disagreement with the letter, or one moved by dropped padding, is
// counted.
Status read_answer(const Json& obj, const std::string& where, MmluProRecord& r,
                   MmluProQuirks& quirks) {
  auto index = required_int(obj, "answer_index", where);
  if (!index) return index.error();
  auto answer = required_string(obj, "answer", where);
  if (!answer) return answer.error();
  if (answer->size() != 1 || (*answer)[0] < 'A' || (*answer)[0] > 'J') {
    return field_error(where, "answer", "must be one letter A-J, got \"" + *answer + "\"");
  }
  const int letter = (*answer)[0] - 'A';
  if (letter >= static_cast<int>(r.options.size())) ++quirks.answer_outside;
  if (real_position(obj.at("options"), *index) != letter) ++quirks.answer_mismatch;
  r.answer = std::move(*answer);
  r.answer_index = static_cast<int>(std::clamp<int64_t>(*index, -1, kMmluProMaxOptions));
  return ok_status();
}

}  // namespace

Expected<MmluProRecord> parse_mmlu_pro_record(const Json& obj, const std::string& where,
                                              MmluProQuirks& quirks) {
  if (!obj.is_object()) return Error{where + ": record is not a JSON object"};
  MmluProQuirks mine;
  MmluProRecord r;
  auto id = required_int(obj, "question_id", where);
  if (!id) return id.error();
  r.question_id = *id;
  auto question = required_string(obj, "question", where);
  if (!question) return question.error();
  r.question = std::move(*question);
  auto options = read_options(obj, where, mine);
  if (!options) return options.error();
  r.options = std::move(*options);
  if (auto st = read_answer(obj, where, r, mine); !st) return st.error();
  auto cot = optional_string(obj, "cot_content", where);
  if (!cot) return cot.error();
  r.cot_content = std::move(*cot);
  auto category = required_string(obj, "category", where);
  if (!category) return category.error();
  if (category->empty()) return field_error(where, "category", "is empty");
  r.category = std::move(*category);
  auto src = optional_string(obj, "src", where);
  if (!src) return src.error();
  r.src = std::move(*src);
  mine.n_records = 1;
  quirks.add(mine);
  return r;
}

const std::vector<std::string>& mmlu_pro_categories() {
  static const std::vector<std::string> kCategories = {
      "biology",   "business",    "chemistry", "computer science",
      "economics", "engineering", "health",    "history",
      "law",       "math",        "other",     "philosophy",
      "physics",   "psychology"};
  return kCategories;
}

}  // namespace ys::mmlu_pro
