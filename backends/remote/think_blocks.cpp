#include "backends/remote/think_blocks.h"

namespace ys::remote {

namespace {

constexpr std::string_view kOpen = "<think>";
constexpr std::string_view kClose = "</think>";

void append(std::string& reasoning, std::string_view part) {
  if (!reasoning.empty()) reasoning += '\n';
  reasoning.append(part);
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

void split_think_blocks(std::string& text, std::string& reasoning) {
  size_t open = text.find(kOpen);
  size_t close = text.find(kClose);
  if (open == std::string::npos && close == std::string::npos) return;
  std::string answer;
  size_t pos = 0;
  if (close != std::string::npos && (open == std::string::npos || close < open)) {
    append(reasoning, std::string_view(text).substr(0, close));
    pos = close + kClose.size();
  }
  while (pos < text.size()) {
    open = text.find(kOpen, pos);
    if (open == std::string::npos) {
      answer.append(text, pos, std::string::npos);
      break;
    }
    answer.append(text, pos, open - pos);
    size_t inner = open + kOpen.size();
    close = text.find(kClose, inner);
    append(reasoning, std::string_view(text).substr(
                          inner, close == std::string::npos ? std::string::npos : close - inner));
    pos = close == std::string::npos ? text.size() : close + kClose.size();
  }
  text = trim(answer);
}

}  // namespace ys::remote
