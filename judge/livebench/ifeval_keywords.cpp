// keywords:existence and keywords:forbidden_words (IFEval KeywordChecker, ForbiddenWords).
#include <regex>

#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/py_text.h"

namespace ys::livebench {
namespace {

// re.search(pattern, response, flags=re.IGNORECASE), with \b around it when `word_bounds`.
// Keywords are plain words in LiveBench's data; a keyword with regex metacharacters is run
// through std::regex (ECMAScript), whose syntax matches Python's for simple patterns.
Expected<bool> search_icase(std::string_view response, const std::string& keyword,
                            bool word_bounds) {
  if (py_is_plain_literal(keyword)) return py_contains_icase(response, keyword, word_bounds);
  try {
    const std::string pattern = word_bounds ? "\\b" + keyword + "\\b" : keyword;
    const std::regex re(pattern, std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(response.begin(), response.end(), re);
  } catch (const std::regex_error& e) {
    return Error{"keyword '" + keyword + "' is not a valid pattern: " + e.what()};
  }
}

}  // namespace

// Every keyword must occur (a substring match: "media" is found in "multimedia").
Expected<bool> check_keywords_existence(const Json& kwargs, std::string_view response) {
  auto keywords = kwarg_strings(kwargs, "keywords");
  if (!keywords) return keywords.error();
  for (const std::string& k : *keywords) {
    auto found = search_icase(response, k, false);
    if (!found) return found.error();
    if (!*found) return false;
  }
  return true;
}

// No forbidden word may occur as a whole word.
Expected<bool> check_forbidden_words(const Json& kwargs, std::string_view response) {
  auto words = kwarg_strings(kwargs, "forbidden_words");
  if (!words) return words.error();
  for (const std::string& w : *words) {
    auto found = search_icase(response, w, true);
    if (!found) return found.error();
    if (*found) return false;
  }
  return true;
}

}  // namespace ys::livebench
