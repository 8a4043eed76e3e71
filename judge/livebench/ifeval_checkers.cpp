#include "judge/livebench/ifeval_checker.h"
#include "judge/mmlu_pro/python_word.h"

namespace ys::livebench {

// One row per instruction id that LiveBench's instruction-following questions use.
const std::vector<IfevalChecker>& ifeval_checkers() {
  static const std::vector<IfevalChecker> kCheckers = {
      {"keywords:existence", check_keywords_existence},
      {"keywords:forbidden_words", check_forbidden_words},
      {"length_constraints:number_sentences", check_number_sentences},
      {"length_constraints:number_words", check_number_words},
      {"length_constraints:number_paragraphs", check_number_paragraphs},
      {"length_constraints:nth_paragraph_first_word", check_nth_paragraph_first_word},
      {"detectable_format:number_bullet_lists", check_bullet_lists},
      {"detectable_format:multiple_sections", check_multiple_sections},
      {"detectable_format:title", check_title},
      {"detectable_format:json_format", check_json_format},
      {"detectable_format:constrained_response", check_constrained_response},
      {"detectable_content:postscript", check_postscript},
      {"startend:end_checker", check_end_checker},
      {"startend:quotation", check_quotation},
      {"combination:two_responses", check_two_responses},
      {"combination:repeat_prompt", check_repeat_prompt},
  };
  return kCheckers;
}

const IfevalChecker* find_ifeval_checker(std::string_view id) {
  for (const auto& row : ifeval_checkers()) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

size_t ifeval_count_words(std::string_view text) {
  size_t count = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size();) {
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(text, i);
    const bool word = mmlu_pro::is_python_word(c.code_point) && c.code_point != 0xFFFD;
    if (word && !in_word) ++count;
    in_word = word;
    i += c.size_bytes;
  }
  return count;
}

Expected<long long> kwarg_int(const Json& kwargs, const char* name) {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || !it->is_number_integer()) {
    return Error{std::string("kwarg '") + name + "' is missing or not an integer"};
  }
  return it->get<long long>();
}

Expected<std::string> kwarg_string(const Json& kwargs, const char* name) {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || !it->is_string()) {
    return Error{std::string("kwarg '") + name + "' is missing or not a string"};
  }
  return it->get<std::string>();
}

Expected<std::vector<std::string>> kwarg_strings(const Json& kwargs, const char* name) {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || !it->is_array()) {
    return Error{std::string("kwarg '") + name + "' is missing or not a list"};
  }
  std::vector<std::string> out;
  for (const Json& v : *it) {
    if (!v.is_string()) return Error{std::string("kwarg '") + name + "' holds a non-string"};
    out.push_back(v.get<std::string>());
  }
  return out;
}

Expected<bool> kwarg_relation_is_less(const Json& kwargs) {
  auto relation = kwarg_string(kwargs, "relation");
  if (!relation) return relation.error();
  if (*relation == "less than") return true;
  if (*relation == "at least") return false;
  return Error{"kwarg 'relation' is '" + *relation + "', not 'less than' or 'at least'"};
}

}  // namespace ys::livebench
