// Answer style metadata used by Arena-Hard style control: token length and markdown element counts,
// as in the `metadata` object of published model-answer files. Counting follows the published
// rules (lmarena/arena-hard-auto utils/add_markdown_info.py): fenced code blocks are removed first,
// then headers `^#{n}\s` per level, ordered `^\s*\d+\.\s`, unordered `^\s*[-*+]\s`, bold
// `\*\*[^*\n]+\*\*` and `__[^_\n]+__`, with Python's Unicode \s (e.g. U+2003) and \d (Nd).
// Implemented by hand (no std::regex: linear time on hostile input). Thread-safe, never throws.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::arena {

struct MarkdownCounts {
  std::array<int64_t, 6> headers{};  // h1..h6
  int64_t list_ordered = 0;
  int64_t list_unordered = 0;
  int64_t bold_star = 0;   // "**"
  int64_t bold_under = 0;  // "__"

  int64_t header_total() const;
  int64_t list_total() const { return list_ordered + list_unordered; }
  int64_t bold_total() const { return bold_star + bold_under; }
  bool operator==(const MarkdownCounts&) const = default;
};

struct StyleMeta {
  int64_t token_len = 0;
  MarkdownCounts counts;
  bool operator==(const StyleMeta&) const = default;
};

// The text with the content of every fenced block "```...```" (no backtick inside) removed,
// scanning left to right; the fences stay ("``````"), as upstream's str.replace of the captured
// content leaves them. Upstream also removes other occurrences of the same content; we do not.
std::string remove_code_blocks(std::string_view text);

// Counts on the text as given (call remove_code_blocks first, or use count_answer_markdown).
MarkdownCounts count_markdown(std::string_view text);
MarkdownCounts count_answer_markdown(std::string_view answer);  // code blocks removed first

// {"token_len", "header_count": {h1..h6}, "list_count": {ordered, unordered},
//  "bold_count": {"**", "__"}} and back. Missing sub-keys read as 0; a present but non-numeric
// value is an error naming `where` and the field.
Json style_meta_to_json(const StyleMeta& meta);
// The same object with upstream's key order (token_len, header_count, list_count, bold_count;
// h1..h6; ordered, unordered; "**", "__"), for files upstream reads: its style control builds
// features in key order.
nlohmann::ordered_json style_meta_to_ordered_json(const StyleMeta& meta);
Expected<StyleMeta> style_meta_from_json(const Json& j, const std::string& where);

}  // namespace ys::arena
