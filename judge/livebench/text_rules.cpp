#include "judge/livebench/text_rules.h"

#include <algorithm>

namespace ys::livebench {

std::optional<std::string> last_boxed_only(std::string_view s) {
  if (const size_t sp = s.rfind("\\boxed "); sp != std::string_view::npos) {
    // Python: "\\boxed " + s.split("\\boxed ")[-1].split("$")[0]
    std::string_view rest = s.substr(sp + 7);
    return "\\boxed " + std::string(rest.substr(0, rest.find('$')));
  }
  size_t idx = s.rfind("\\boxed");
  if (idx == std::string_view::npos) idx = s.rfind("\\fbox");
  if (idx == std::string_view::npos) return std::nullopt;
  int open = 0;
  for (size_t i = idx; i < s.size(); ++i) {
    if (s[i] == '{') ++open;
    if (s[i] == '}' && --open == 0) {
      std::string out = replace_all(std::string(s.substr(idx, i + 1 - idx)), "$", "");
      return replace_all(std::move(out), "fbox", "boxed");
    }
  }
  return std::nullopt;
}

std::string remove_boxed(std::string_view boxed) {
  if (boxed.find("\\boxed ") != std::string_view::npos && boxed.rfind("\\boxed ", 0) == 0)
    return std::string(boxed.substr(7));
  if (boxed.rfind("\\boxed{", 0) == 0 && !boxed.empty() && boxed.back() == '}')
    return std::string(boxed.substr(7, boxed.size() - 8));
  return std::string(boxed);  // LiveBench asserts here; callers never pass such a string
}

namespace {

std::vector<std::string> between(std::string_view s, std::string_view open, std::string_view close,
                                 bool dotall) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = s.find(open, pos)) != std::string_view::npos) {
    const size_t start = pos + open.size();
    const size_t end = s.find(close, start);
    if (end == std::string_view::npos) break;
    const std::string_view inner = s.substr(start, end - start);
    if (!dotall && inner.find('\n') != std::string_view::npos) {
      ++pos;  // no match starting here; the regex engine tries the next position
      continue;
    }
    out.emplace_back(inner);
    pos = end + close.size();
  }
  return out;
}

}  // namespace

std::vector<std::string> find_all_between(std::string_view s, std::string_view open,
                                          std::string_view close) {
  return between(s, open, close, false);
}

std::vector<std::string> find_all_between_dotall(std::string_view s, std::string_view open,
                                                 std::string_view close) {
  return between(s, open, close, true);
}

std::vector<std::string> solution_tags(std::string_view s) {
  return find_all_between(s, "<solution>", "</solution>");
}

std::vector<std::string> bold_spans(std::string_view s) {
  return find_all_between(s, "**", "**");
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out.append(to);
  }
  out.append(s, pos, std::string::npos);
  return out;
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string strip(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(sep, pos)) != std::string_view::npos; pos = hit + sep.size())
    out.emplace_back(s.substr(pos, hit - pos));
  out.emplace_back(s.substr(pos));
  return out;
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

size_t count_chars(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string tail_chars(std::string_view s, size_t n) {
  size_t i = s.size();
  size_t seen = 0;
  while (i > 0 && seen < n) {
    --i;
    if ((s[i] & 0xC0) != 0x80) ++seen;
  }
  return std::string(s.substr(i));
}

int levenshtein(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          a[i - 1] == b[j - 1] ? prev[j - 1] : 1 + std::min({prev[j], cur[j - 1], prev[j - 1]});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace ys::livebench
