#include "judge/arena/verdict.h"

#include <array>
#include <cctype>
#include <vector>

namespace ys::arena {
namespace {

bool label_char(char c) {
  return c == 'A' || c == 'B' || c == '<' || c == '>' || c == '=';
}

// All non-overlapping matches of open X+ close, where open/close are `depth` brackets, left to
// right as Python's re.findall does (X cannot contain a bracket, so no backtracking is needed).
std::vector<std::string_view> find_bracketed(std::string_view t, size_t depth) {
  const std::string_view open = depth == 2 ? "[[" : "[";
  const std::string_view close = depth == 2 ? "]]" : "]";
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i + depth < t.size()) {
    if (t.substr(i, depth) == open) {
      size_t j = i + depth;
      while (j < t.size() && label_char(t[j])) ++j;
      if (j > i + depth && t.substr(j, depth) == close) {
        out.push_back(t.substr(i + depth, j - i - depth));
        i = j + depth;
        continue;
      }
    }
    ++i;
  }
  return out;
}

Verdict accept(std::string_view label, const char* how) {
  Verdict v;
  if (label_outcome(label)) {
    v.label = std::string(label);
    v.how = how;
  } else {
    v.how = "invalid";
  }
  return v;
}

Verdict parse_v2(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto doubles = find_bracketed(upper, 2);
  if (!doubles.empty()) return accept(doubles.back(), "double");
  auto singles = find_bracketed(upper, 1);
  if (!singles.empty()) return accept(singles.back(), "single");
  return Verdict{std::nullopt, false, "none"};
}

Verdict parse_v01(std::string_view text) {
  auto doubles = find_bracketed(text, 2);
  if (doubles.empty()) return Verdict{std::nullopt, true, "none"};
  for (std::string_view m : doubles) {
    if (m != doubles.front()) return Verdict{std::nullopt, false, "conflict"};
  }
  return accept(doubles.front(), "double");
}

}  // namespace

std::optional<VerdictRule> verdict_rule_from_string(std::string_view s) {
  if (s == "v2.0" || s == "2.0" || s == "v2") return VerdictRule::v2_0;
  if (s == "v0.1" || s == "0.1" || s == "v0") return VerdictRule::v0_1;
  return std::nullopt;
}

std::string to_string(VerdictRule rule) {
  return rule == VerdictRule::v2_0 ? "v2.0" : "v0.1";
}

Verdict parse_verdict(std::string_view judge_text, VerdictRule rule) {
  return rule == VerdictRule::v2_0 ? parse_v2(judge_text) : parse_v01(judge_text);
}

std::optional<LabelOutcome> label_outcome(std::string_view label) {
  struct Entry {
    std::string_view label;
    LabelOutcome outcome;
  };
  static constexpr std::array<Entry, 10> kTable = {{
      {"A>>B", {1.0, 3}},
      {"A>B", {1.0, 1}},
      {"A=B", {0.5, 1}},
      {"B>A", {0.0, 1}},
      {"B>>A", {0.0, 3}},
      {"A<<B", {0.0, 3}},
      {"A<B", {0.0, 1}},
      {"B=A", {0.5, 1}},
      {"B<A", {1.0, 1}},
      {"B<<A", {1.0, 3}},
  }};
  for (const Entry& e : kTable) {
    if (e.label == label) return e.outcome;
  }
  return std::nullopt;
}

}  // namespace ys::arena
