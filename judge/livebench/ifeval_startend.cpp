// startend:* and combination:* (IFEval EndChecker, QuotationChecker, TwoResponsesChecker,
// RepeatPromptThenAnswer).
#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/py_text.h"

namespace ys::livebench {

// value.strip().strip('"').lower() ends with the phrase (stripped and lowered).
Expected<bool> check_end_checker(const Json& kwargs, std::string_view response) {
  auto phrase = kwarg_string(kwargs, "end_phrase");
  if (!phrase) return phrase.error();
  std::string_view v = py_strip(response);
  while (!v.empty() && v.front() == '"') v.remove_prefix(1);
  while (!v.empty() && v.back() == '"') v.remove_suffix(1);
  const std::string value = py_lower(v);
  const std::string end = py_lower(py_strip(*phrase));
  return value.size() >= end.size() &&
         value.compare(value.size() - end.size(), end.size(), end) == 0;
}

Expected<bool> check_quotation(const Json&, std::string_view response) {
  const std::string_view v = py_strip(response);
  return v.size() > 1 && v.front() == '"' && v.back() == '"';
}

// Two different non-blank responses separated by "******"; blank pieces only at either end.
Expected<bool> check_two_responses(const Json&, std::string_view response) {
  const auto pieces = py_split(response, "******");
  std::vector<std::string_view> valid;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (py_strip(pieces[i]).empty()) {
      if (i != 0 && i + 1 != pieces.size()) return false;
    } else {
      valid.push_back(pieces[i]);
    }
  }
  return valid.size() == 2 && py_strip(valid[0]) != py_strip(valid[1]);
}

// The response starts with the prompt to repeat (both stripped and lowered).
Expected<bool> check_repeat_prompt(const Json& kwargs, std::string_view response) {
  auto prompt = kwarg_string(kwargs, "prompt_to_repeat");
  if (!prompt) return prompt.error();
  const std::string value = py_lower(py_strip(response));
  const std::string start = py_lower(py_strip(*prompt));
  return value.compare(0, start.size(), start) == 0 && value.size() >= start.size();
}

}  // namespace ys::livebench
