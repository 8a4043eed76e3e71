#include "judge/mmlu_pro/python_word.h"

#include <algorithm>

namespace ys::mmlu_pro {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

bool is_continuation(unsigned char b) {
  return (b & 0xC0) == 0x80;
}

// Length of the sequence a lead byte announces, or 0 for a byte that cannot start one.
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

Utf8Char utf8_char_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return {};
  const auto lead = static_cast<unsigned char>(text[pos]);
  const size_t n = sequence_length(lead);
  if (n == 1) return {lead, 1};
  if (n == 0 || pos + n > text.size()) return {kInvalid, 1};
  char32_t cp = lead & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(b)) return {kInvalid, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms and surrogates are invalid, as Python's decoder says.
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {kInvalid, 1};
  return {cp, n};
}

Utf8Char utf8_char_before(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return {};
  // A valid sequence is at most 4 bytes long; step back over continuation bytes.
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && is_continuation(static_cast<unsigned char>(text[start]))) {
    --start;
  }
  const Utf8Char c = utf8_char_at(text, start);
  if (c.size_bytes == pos - start && c.code_point != kInvalid) return c;
  return {kInvalid, 1};
}

bool is_python_word(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '_';
  }
  const auto* begin = detail::kPythonWordRanges;
  const auto* end = begin + detail::kPythonWordRangeCount;
  const auto* it = std::upper_bound(
      begin, end, cp, [](char32_t value, const auto& range) { return value < range.first; });
  return it != begin && cp <= (it - 1)->last;
}

bool is_python_space(char32_t cp) {
  if (cp <= 0x20) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace ys::mmlu_pro
