#include "judge/livebench/py_text.h"

#include "judge/mmlu_pro/python_word.h"

namespace ys::livebench {
namespace {

char32_t lower_cp(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool is_upper_cp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x100 && c <= 0x17F) return c != 0x138 && c != 0x149 && lower_cp(c) != c;
  return lower_cp(c) != c;
}

bool is_lower_cp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xDF) return true;
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x17F) return !is_upper_cp(c);
  if (c >= 0x3AC && c <= 0x3CE) return true;
  if (c >= 0x430 && c <= 0x45F) return true;
  return false;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool word_at(std::string_view s, size_t pos) {
  const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, pos);
  return c.size_bytes && mmlu_pro::is_python_word(c.code_point);
}

bool word_before(std::string_view s, size_t pos) {
  const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_before(s, pos);
  return c.size_bytes && mmlu_pro::is_python_word(c.code_point);
}

}  // namespace

std::string_view py_lstrip(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, i);
    if (!mmlu_pro::is_python_space(c.code_point) || c.code_point == 0xFFFD) break;
    i += c.size_bytes;
  }
  return s.substr(i);
}

std::string_view py_rstrip(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_before(s, end);
    if (!mmlu_pro::is_python_space(c.code_point) || c.code_point == 0xFFFD) break;
    end -= c.size_bytes;
  }
  return s.substr(0, end);
}

std::string_view py_strip(std::string_view s) {
  return py_rstrip(py_lstrip(s));
}

std::vector<std::string_view> py_split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, i);
    const bool space = mmlu_pro::is_python_space(c.code_point) && c.code_point != 0xFFFD;
    if (space && start != std::string_view::npos) {
      out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
    } else if (!space && start == std::string_view::npos) {
      start = i;
    }
    i += c.size_bytes;
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

std::vector<std::string_view> py_split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t hit = s.find(sep); !sep.empty() && hit != std::string_view::npos;
       hit = s.find(sep, start)) {
    out.push_back(s.substr(start, hit - start));
    start = hit + sep.size();
  }
  out.push_back(s.substr(start));
  return out;
}

std::string py_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, i);
    if (c.code_point == 0xFFFD && c.size_bytes == 1) {
      out += s[i];  // keep an invalid byte as it is
    } else {
      append_utf8(out, lower_cp(c.code_point));
    }
    i += c.size_bytes;
  }
  return out;
}

bool py_first_is_upper(std::string_view s) {
  return !s.empty() && is_upper_cp(mmlu_pro::utf8_char_at(s, 0).code_point);
}

bool py_first_is_lower(std::string_view s) {
  return !s.empty() && is_lower_cp(mmlu_pro::utf8_char_at(s, 0).code_point);
}

bool py_contains_icase(std::string_view haystack, std::string_view needle, bool word_bounds) {
  const std::string h = py_lower(haystack);
  const std::string n = py_lower(needle);
  // \b is zero-width: it depends on the characters around each end of the match.
  for (size_t at = h.find(n); at != std::string::npos; at = h.find(n, at + 1)) {
    if (!word_bounds) return true;
    const size_t end = at + n.size();
    const bool start_ok = n.empty() ? false : word_at(h, at) != word_before(h, at);
    const bool end_ok = word_before(h, end) != word_at(h, end);
    if (start_ok && end_ok) return true;
  }
  return false;
}

bool py_is_plain_literal(std::string_view s) {
  return s.find_first_of(".^$*+?{}[]\\|()") == std::string_view::npos;
}

}  // namespace ys::livebench
