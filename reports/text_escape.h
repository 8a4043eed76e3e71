// Making untrusted text (model output, dataset fields, user-given names) safe for each output
// format. Every renderer sends every such string through one of these; nothing here throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ys {

// Valid UTF-8 with every invalid byte sequence (overlong forms, surrogates, > U+10FFFF, cut-off
// sequences) replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// Text for HTML element content and double- or single-quoted attribute values: & < > " ' become
// entities; control characters other than tab/LF/CR and non-characters U+FFFE/U+FFFF become
// U+FFFD; invalid UTF-8 is replaced. Also valid XML 1.0 character data, so JUnit uses it too.
std::string html_escape(std::string_view text);
inline std::string xml_escape(std::string_view text) {
  return html_escape(text);
}

// One RFC 4180 field: quoted (with "" for ") when it holds a comma, quote, CR or LF, or starts or
// ends with a space; otherwise unchanged. Invalid UTF-8 is replaced. For values the harness
// formatted itself from numbers (scores, counts, latencies); text goes through csv_text_field.
std::string csv_field(std::string_view text);

// A CSV field for text from outside (names, ids, model output, errors): as csv_field, and NUL
// bytes become U+FFFD; a value that a spreadsheet would run as a formula, one starting with
// '=', '+', '-', '@', tab or CR, gets a leading single quote and is always quoted (OWASP "CSV
// Injection"), so "=1+1" is written as "'=1+1".
std::string csv_text_field(std::string_view text);

// One line of terminal text: control characters (C0, DEL, C1, including newlines and ESC, so no
// ANSI sequence gets through) and bidirectional overrides become '?'; invalid UTF-8 is replaced.
std::string terminal_safe(std::string_view text);

// Text for one cell of a Markdown table (GitHub-flavoured): terminal_safe, then a backslash before
// every character Markdown or its inline HTML would interpret (| \ ` * _ < > [ ] # ! ~ &).
std::string markdown_cell(std::string_view text);

// Width in terminal columns, counted as one per code point (wide CJK glyphs count as one).
size_t display_width(std::string_view text);

// At most `width` columns, ending in an ellipsis ("…", or "..." when !unicode) when cut.
std::string truncate_display(std::string_view text, size_t width, bool unicode);

// The first `max_chars` code points of valid UTF-8 text (cut on a code point boundary).
std::string truncate_utf8(std::string_view text, size_t max_chars);

}  // namespace ys
