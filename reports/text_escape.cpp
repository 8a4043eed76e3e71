#include "reports/text_escape.h"

#include <optional>

namespace ys {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at text[i] and advances i; an invalid sequence consumes one byte and
// gives nullopt.
std::optional<char32_t> next_code_point(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    len = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++i;
    return std::nullopt;
  }
  if (i + len > text.size()) {
    ++i;
    return std::nullopt;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return std::nullopt;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Calls fn(code point) for each code point, with U+FFFD for invalid bytes.
template <typename Fn>
void for_each_code_point(std::string_view text, Fn fn) {
  size_t i = 0;
  while (i < text.size()) fn(next_code_point(text, i).value_or(kReplacement));
}

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// Length of the longest valid UTF-8 prefix of text.
size_t valid_utf8_prefix(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t next = i;
    if (!next_code_point(text, next)) return i;
    i = next;
  }
  return i;
}

// What replaces the character starting at clean[i] (valid UTF-8) in HTML/XML text, or "" to keep
// it: entities for & < > " ', U+FFFD for controls other than tab/LF/CR and for U+FFFE/U+FFFF.
std::string_view markup_replacement(const std::string& clean, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(clean[k]); };
  switch (byte(i)) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    case '\t':
    case '\n':
    case '\r':
      return "";
    case 0xEF:
      if (i + 2 < clean.size() && byte(i + 1) == 0xBF &&
          (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF)) {
        return kReplacementUtf8;
      }
      return "";
    default:
      return byte(i) < 0x20 ? kReplacementUtf8 : "";
  }
}

bool is_terminal_unsafe(char32_t cp) {
  const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
  const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  return control || bidi;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Copy valid stretches whole; each invalid byte becomes one U+FFFD.
  while (!text.empty()) {
    const size_t valid = valid_utf8_prefix(text);
    out.append(text.substr(0, valid));
    if (valid == text.size()) break;
    out += kReplacementUtf8;
    text.remove_prefix(valid + 1);
  }
  return out;
}

std::string html_escape(std::string_view text) {
  const std::string clean = sanitize_utf8(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  size_t copied = 0;  // clean[copied, i) is pending verbatim output
  for (size_t i = 0; i < clean.size(); ++i) {
    const std::string_view replacement = markup_replacement(clean, i);
    if (replacement.empty()) continue;
    out.append(clean, copied, i - copied);
    out += replacement;
    // A replaced non-character (U+FFFE/U+FFFF) spans three bytes.
    if (static_cast<unsigned char>(clean[i]) == 0xEF) i += 2;
    copied = i + 1;
  }
  out.append(clean, copied);
  return out;
}

std::string csv_field(std::string_view text) {
  const std::string clean = sanitize_utf8(text);
  const bool needs_quotes = clean.find_first_of(",\"\r\n") != std::string::npos ||
                            (!clean.empty() && (clean.front() == ' ' || clean.back() == ' '));
  if (!needs_quotes) return clean;
  std::string out = "\"";
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_text_field(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c == '\0') {
      clean += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      clean += c;
    }
  }
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  if (clean.empty() || kFormulaStarts.find(clean.front()) == std::string_view::npos)
    return csv_field(clean);
  std::string quoted = csv_field("'" + clean);
  if (quoted.front() != '"') quoted = '"' + quoted + '"';
  return quoted;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text,
                      [&](char32_t cp) { append_utf8(out, is_terminal_unsafe(cp) ? '?' : cp); });
  return out;
}

size_t display_width(std::string_view text) {
  size_t width = 0;
  for_each_code_point(text, [&](char32_t) { ++width; });
  return width;
}

std::string truncate_utf8(std::string_view text, size_t max_chars) {
  size_t i = 0;
  for (size_t n = 0; n < max_chars && i < text.size(); ++n) next_code_point(text, i);
  return std::string(text.substr(0, i));
}

std::string truncate_display(std::string_view text, size_t width, bool unicode) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return "";
  const std::string_view ellipsis = unicode ? "…" : "...";
  const size_t room = unicode ? 1 : 3;
  if (width <= room) return std::string(ellipsis.substr(0, unicode ? ellipsis.size() : width));
  return truncate_utf8(text, width - room) + std::string(ellipsis);
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char ch : terminal_safe(text)) {
    if (std::string_view("|\\`*_<>[]#!~&").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace ys
