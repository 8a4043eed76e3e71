#include "judge/mmlu_pro/extract.h"

#include "judge/mmlu_pro/python_word.h"

namespace ys::mmlu_pro {
namespace {

bool is_choice_letter(char c) {
  return c >= 'A' && c <= 'J';
}

AnswerExtraction found_at(std::string_view text, size_t pos, AnswerMethod method) {
  return AnswerExtraction{text[pos], method, pos};
}

// After "[aA]nswer:" at `pos`, skips Python whitespace (which may span lines) and returns the
// position of the letter that follows, if it is A-J. Greedy `\s*` cannot stop early: the
// character after a shorter run would be whitespace, not a letter.
std::optional<size_t> letter_after_spaces(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    const Utf8Char c = utf8_char_at(text, pos);
    if (!is_python_space(c.code_point)) break;
    pos += c.size_bytes;
  }
  if (pos < text.size() && is_choice_letter(text[pos])) return pos;
  return std::nullopt;
}

bool is_standalone_letter(std::string_view text, size_t pos) {
  if (!is_choice_letter(text[pos])) return false;
  const Utf8Char before = utf8_char_before(text, pos);
  if (before.size_bytes != 0 && is_python_word(before.code_point)) return false;
  const Utf8Char after = utf8_char_at(text, pos + 1);
  return after.size_bytes == 0 || !is_python_word(after.code_point);
}

}  // namespace

std::string to_string(AnswerMethod method) {
  switch (method) {
    case AnswerMethod::answer_is:
      return "answer-is";
    case AnswerMethod::answer_colon:
      return "answer-colon";
    case AnswerMethod::last_letter:
      return "last-letter";
    case AnswerMethod::none:
      return "none";
  }
  return "none";
}

std::optional<AnswerExtraction> find_answer_is(std::string_view text) {
  constexpr std::string_view kNeedle = "answer is ";
  for (size_t at = text.find(kNeedle); at != std::string_view::npos;
       at = text.find(kNeedle, at + 1)) {
    size_t pos = at + kNeedle.size();
    if (pos < text.size() && text[pos] == '(' && pos + 1 < text.size() &&
        is_choice_letter(text[pos + 1])) {
      return found_at(text, pos + 1, AnswerMethod::answer_is);
    }
    if (pos < text.size() && is_choice_letter(text[pos])) {
      return found_at(text, pos, AnswerMethod::answer_is);
    }
  }
  return std::nullopt;
}

std::optional<AnswerExtraction> find_answer_colon(std::string_view text) {
  constexpr std::string_view kNeedle = "nswer:";
  std::optional<AnswerExtraction> best;
  size_t best_line_end = std::string_view::npos;
  for (size_t at = text.find(kNeedle, 1); at != std::string_view::npos;
       at = text.find(kNeedle, at + 1)) {
    const size_t word = at - 1;
    if (best && word >= best_line_end) break;  // past the first line that matched
    if (text[word] != 'a' && text[word] != 'A') continue;
    const auto letter = letter_after_spaces(text, at + kNeedle.size());
    if (!letter) continue;
    if (!best) best_line_end = text.find('\n', word);
    best = found_at(text, *letter, AnswerMethod::answer_colon);
  }
  return best;
}

std::optional<AnswerExtraction> find_last_letter(std::string_view text) {
  for (size_t pos = text.size(); pos-- > 0;) {
    if (is_standalone_letter(text, pos)) return found_at(text, pos, AnswerMethod::last_letter);
  }
  return std::nullopt;
}

AnswerExtraction extract_mmlu_pro_answer(std::string_view text) {
  if (auto m = find_answer_is(text)) return *m;
  if (auto m = find_answer_colon(text)) return *m;
  if (auto m = find_last_letter(text)) return *m;
  return {};
}

}  // namespace ys::mmlu_pro
