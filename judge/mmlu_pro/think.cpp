#include "judge/mmlu_pro/think.h"

namespace ys::mmlu_pro {
namespace {

constexpr std::string_view kOpen = "<think>";
constexpr std::string_view kClose = "</think>";

}  // namespace

size_t count_code_points(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

ThinkSplit strip_think_blocks(std::string_view text) {
  ThinkSplit out;
  size_t pos = 0;
  const size_t first_close = text.find(kClose);
  if (first_close != std::string_view::npos && first_close < text.find(kOpen)) {
    out.reasoning_chars += count_code_points(text.substr(0, first_close));
    pos = first_close + kClose.size();
  }
  while (pos < text.size()) {
    const size_t open = text.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    out.answer.append(text.substr(pos, open - pos));
    const size_t inner = open + kOpen.size();
    const size_t close = text.find(kClose, inner);
    if (close == std::string_view::npos) {
      out.reasoning_chars += count_code_points(text.substr(inner));
      out.unterminated = true;
      return out;
    }
    out.reasoning_chars += count_code_points(text.substr(inner, close - inner));
    pos = close + kClose.size();
  }
  if (pos < text.size()) out.answer.append(text.substr(pos));
  return out;
}

}  // namespace ys::mmlu_pro
