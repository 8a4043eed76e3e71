#include "datasets/mmlu_pro/record.h"

namespace ys {
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

// Drops "N/A" padding; the answer must not sit behind a dropped entry, or its letter would move.
Expected<std::vector<std::string>> read_options(const Json& obj, int64_t answer_index,
                                                const std::string& where) {
  const auto it = obj.find("options");
  if (it == obj.end()) return field_error(where, "options", "is missing");
  if (!it->is_array()) return field_error(where, "options", "must be a list of strings");
  std::vector<std::string> kept;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& opt = (*it)[i];
    if (!opt.is_string()) return field_error(where, "options", "must be a list of strings");
    if (opt.get_ref<const std::string&>() == "N/A") {
      if (static_cast<int64_t>(i) <= answer_index &&
          answer_index < static_cast<int64_t>(it->size())) {
        return field_error(where, "options",
                           "has an \"N/A\" entry at or before answer_index " +
                               std::to_string(answer_index) +
                               "; dropping it would move the answer");
      }
      continue;
    }
    kept.push_back(opt.get<std::string>());
  }
  if (kept.size() < kMmluProMinOptions || kept.size() > kMmluProMaxOptions) {
    return field_error(where, "options",
                       "has " + std::to_string(kept.size()) + " real options; 2 to 10 are allowed");
  }
  return kept;
}

}  // namespace

Expected<MmluProRecord> parse_mmlu_pro_record(const Json& obj, const std::string& where) {
  if (!obj.is_object()) return Error{where + ": record is not a JSON object"};
  MmluProRecord r;
  auto id = required_int(obj, "question_id", where);
  if (!id) return id.error();
  r.question_id = *id;
  auto question = required_string(obj, "question", where);
  if (!question) return question.error();
  r.question = std::move(*question);
  auto index = required_int(obj, "answer_index", where);
  if (!index) return index.error();
  auto options = read_options(obj, *index, where);
  if (!options) return options.error();
  r.options = std::move(*options);
  if (*index < 0 || *index >= static_cast<int64_t>(r.options.size())) {
    return field_error(where, "answer_index",
                       "is " + std::to_string(*index) + ", outside the " +
                           std::to_string(r.options.size()) + " options");
  }
  r.answer_index = static_cast<int>(*index);
  auto answer = required_string(obj, "answer", where);
  if (!answer) return answer.error();
  if (answer->size() != 1 || (*answer)[0] < 'A' || (*answer)[0] > 'J') {
    return field_error(where, "answer", "must be one letter A-J, got \"" + *answer + "\"");
  }
  if ((*answer)[0] - 'A' >= static_cast<int>(r.options.size())) {
    return field_error(
        where, "answer",
        "is " + *answer + ", outside the " + std::to_string(r.options.size()) + " options");
  }
  if ((*answer)[0] - 'A' != r.answer_index) {
    return field_error(where, "answer",
                       "is " + *answer + " but answer_index " + std::to_string(r.answer_index) +
                           " means " + std::string(1, static_cast<char>('A' + r.answer_index)));
  }
  r.answer = std::move(*answer);
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

}  // namespace ys
