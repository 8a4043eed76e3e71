// length_constraints:* (IFEval NumberOfSentences, NumberOfWords, ParagraphChecker,
// ParagraphFirstWordCheck).
#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/punkt.h"
#include "judge/livebench/py_text.h"

namespace ys::livebench {
namespace {

Expected<bool> compare(const Json& kwargs, const char* threshold_name, size_t actual) {
  auto threshold = kwarg_int(kwargs, threshold_name);
  if (!threshold) return threshold.error();
  auto less = kwarg_relation_is_less(kwargs);
  if (!less) return less.error();
  const auto n = static_cast<long long>(actual);
  return *less ? n < *threshold : n >= *threshold;
}

// re.split(r"\s?\*\*\*\s?", value): the pieces between "***" runs (the optional whitespace
// around a divider only moves whitespace, which the callers strip anyway).
std::vector<std::string_view> split_dividers(std::string_view text) {
  return py_split(text, "***");
}

}  // namespace

Expected<bool> check_number_sentences(const Json& kwargs, std::string_view response) {
  return compare(kwargs, "num_sentences", punkt_count_sentences(response));
}

Expected<bool> check_number_words(const Json& kwargs, std::string_view response) {
  return compare(kwargs, "num_words", ifeval_count_words(response));
}

// Paragraphs separated by ***; an empty piece is allowed only at either end.
Expected<bool> check_number_paragraphs(const Json& kwargs, std::string_view response) {
  auto expected = kwarg_int(kwargs, "num_paragraphs");
  if (!expected) return expected.error();
  const auto pieces = split_dividers(response);
  long long count = static_cast<long long>(pieces.size());
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (!py_strip(pieces[i]).empty()) continue;
    if (i != 0 && i + 1 != pieces.size()) return false;
    --count;
  }
  return count == *expected;
}

// Paragraphs separated by "\n\n": their number, and the first word of paragraph n (counted in
// the raw split, empty pieces included, as IFEval indexes it).
Expected<bool> check_nth_paragraph_first_word(const Json& kwargs, std::string_view response) {
  auto expected = kwarg_int(kwargs, "num_paragraphs");
  if (!expected) return expected.error();
  auto nth = kwarg_int(kwargs, "nth_paragraph");
  if (!nth) return nth.error();
  auto word = kwarg_string(kwargs, "first_word");
  if (!word) return word.error();
  if (*nth <= 0 || *nth > *expected) {
    return Error{"kwarg 'nth_paragraph' is outside 1..num_paragraphs"};
  }
  const auto paragraphs = py_split(response, "\n\n");
  long long count = static_cast<long long>(paragraphs.size());
  for (std::string_view p : paragraphs) {
    if (py_strip(p).empty()) --count;
  }
  if (*nth > count) return false;
  const std::string_view paragraph = py_strip(paragraphs[static_cast<size_t>(*nth - 1)]);
  if (paragraph.empty()) return false;
  std::string_view first = py_split_ws(paragraph).front();
  while (!first.empty() && first.front() == '\'') first.remove_prefix(1);
  while (!first.empty() && first.front() == '"') first.remove_prefix(1);
  const size_t cut = first.find_first_of(".,?!'\"");
  const std::string got = py_lower(first.substr(0, cut));
  return count == *expected && got == py_lower(*word);
}

}  // namespace ys::livebench
