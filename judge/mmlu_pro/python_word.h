// Python-compatible character classes for the MMLU-Pro answer extraction: which code points
// Python's `re` treats as word characters (`\w`, hence where `\b` falls) and as whitespace (`\s`),
// on UTF-8 text. The official extraction runs Python regexes on str, so a letter next to "é" is not
// standalone while a letter inside curly quotes is.
//
// Invalid UTF-8 bytes decode as one non-word, non-space character each (Python would have replaced
// them with U+FFFD, which is neither). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace ys::mmlu_pro {

// One decoded character: its code point and how many bytes it takes.
struct Utf8Char {
  char32_t code_point = 0;
  size_t size_bytes = 0;  // 0 only at the ends of the text
};

// The character that starts at byte `pos` (size 0 when pos >= text.size()).
Utf8Char utf8_char_at(std::string_view text, size_t pos);

// The character that ends just before byte `pos` (size 0 when pos == 0).
Utf8Char utf8_char_before(std::string_view text, size_t pos);

// Python 3.11 `re` `\w` on str (Unicode 14 tables, generated; see tools/gen_word_table.py).
bool is_python_word(char32_t cp);

// Python `re` `\s` on str: the code points for which str.isspace() is true.
bool is_python_space(char32_t cp);

namespace detail {
struct CodePointRange {
  char32_t first;
  char32_t last;
};
extern const CodePointRange kPythonWordRanges[];
extern const int kPythonWordRangeCount;
}  // namespace detail

}  // namespace ys::mmlu_pro
