#include "suites/livebench/answer_text.h"

namespace ys::livebench {

std::string remove_think_blocks(std::string_view text) {
  static constexpr std::string_view kOpen = "<think>";
  static constexpr std::string_view kClose = "</think>";
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    pos = close + kClose.size();
  }
  out.append(text.substr(pos));
  return out;
}

std::string livebench_scored_text(std::string_view response_text, std::string_view category) {
  std::string text = remove_think_blocks(response_text);
  if (category != "instruction_following") return text;
  // Python's str.strip(): ASCII whitespace at both ends.
  const char* ws = " \t\n\r\f\v";
  const size_t b = text.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  const size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

}  // namespace ys::livebench
