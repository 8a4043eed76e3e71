// The official MMLU-Pro answer extraction (TIGER-Lab evaluate_from_local.py /
// evaluate_from_api.py), re-implemented by hand so that it runs in time linear in the text length.
// The levels are tried in order and the first that finds a letter wins:
//   1. answer_is:    first match of `answer is \(?([A-J])\)?`  (case-sensitive, no word boundary);
//   2. answer_colon: `.*[aA]nswer:\s*([A-J])` with Python re.search semantics: the first line (no
//                    DOTALL) that holds a match gives its LAST match; `\s*` may cross newlines;
//   3. last_letter:  the last standalone `\b[A-J]\b` anywhere in the text (Python's Unicode `\b`);
//   4. none:         nothing extracted.
// The letter is not checked against the question's option count (neither does upstream): a letter
// beyond the options is extracted and then scores as wrong. Text is UTF-8; any bytes are accepted.
// Pure functions, thread-safe, never throw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ys::mmlu_pro {

enum class AnswerMethod { answer_is, answer_colon, last_letter, none };

// "answer-is", "answer-colon", "last-letter", "none" (the Score.method strings).
std::string to_string(AnswerMethod method);

struct AnswerExtraction {
  char letter = 0;  // 'A'..'J', or 0 when method == none
  AnswerMethod method = AnswerMethod::none;
  size_t offset = 0;  // byte offset of the letter in the text (0 when none)
  bool found() const { return method != AnswerMethod::none; }
};

// Runs the full chain on `text` (already stripped of <think> blocks and, for the chat rendering,
// of "**"; see judge/mmlu_pro/think.h and score.h).
AnswerExtraction extract_mmlu_pro_answer(std::string_view text);

// The single levels, each on its own (nullopt when it finds nothing); exposed for tests.
std::optional<AnswerExtraction> find_answer_is(std::string_view text);
std::optional<AnswerExtraction> find_answer_colon(std::string_view text);
std::optional<AnswerExtraction> find_last_letter(std::string_view text);

}  // namespace ys::mmlu_pro
