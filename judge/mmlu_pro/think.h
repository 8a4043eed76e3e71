// Removes model reasoning written inline as <think>...</think> before answer extraction, and
// measures it. Rules, applied left to right in one linear pass:
// - a "</think>" before any "<think>" closes a block whose opening tag was part of the prompt
//   (chat templates of reasoning models do this): everything up to and including it is reasoning;
// - each "<think>" ... "</think>" block is removed, tags included;
// - a "<think>" without a closing tag (output cut off while thinking) removes the rest of the text.
// Tags are matched exactly (case-sensitive, no attributes). Pure, thread-safe, never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ys::mmlu_pro {

struct ThinkSplit {
  std::string answer;          // the text with every reasoning block removed
  size_t reasoning_chars = 0;  // code points inside the removed blocks, tags excluded
  bool unterminated = false;   // a <think> block ran to the end of the text
};

ThinkSplit strip_think_blocks(std::string_view text);

// Number of UTF-8 code points (bytes that are not continuation bytes).
size_t count_code_points(std::string_view text);

}  // namespace ys::mmlu_pro
