// LiveBench reasoning scorers: spatial, web_of_lies_v2, web_of_lies_v3, zebra_puzzle.
#include <algorithm>
#include <array>
#include <cctype>

#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;  // Python's \w also takes non-ASCII letters
}

size_t count_sub(std::string_view s, std::string_view part) {
  size_t n = 0;
  for (size_t p = s.find(part); p != std::string_view::npos; p = s.find(part, p + part.size())) ++n;
  return n;
}

// re.findall(r'\*\*([^\*]+)\*\*', s)
std::vector<std::string> starless_bold(std::string_view s) {
  std::vector<std::string> out;
  size_t p = 0;
  while ((p = s.find("**", p)) != std::string_view::npos) {
    const size_t q = s.find('*', p + 2);
    if (q != std::string_view::npos && q > p + 2 && s.substr(q, 2) == "**") {
      out.emplace_back(s.substr(p + 2, q - p - 2));
      p = q + 2;
    } else {
      ++p;
    }
  }
  return out;
}

// re.findall(r'\*\*\*(\w+)\*\*\*', s)
std::vector<std::string> triple_bold_words(std::string_view s) {
  std::vector<std::string> out;
  size_t p = 0;
  while ((p = s.find("***", p)) != std::string_view::npos) {
    size_t q = p + 3;
    while (q < s.size() && is_word_byte(s[q])) ++q;
    if (q > p + 3 && s.substr(q, 3) == "***") {
      out.emplace_back(s.substr(p + 3, q - p - 3));
      p = q + 3;
    } else {
      ++p;
    }
  }
  return out;
}

// The web_of_lies \boxed fallback: textbf spellings become \boxed, then the last box's content.
std::optional<std::string> wol_boxed(std::string answer) {
  answer = replace_all(std::move(answer), "\\\\boxed{\\\\textbf{", "\\\\boxed{");
  answer = replace_all(std::move(answer), "\\\\fbox{", "\\\\boxed{");
  answer = replace_all(std::move(answer), "\\textbf{", "\\boxed{");
  if (auto boxed = last_boxed_only(answer)) return remove_boxed(*boxed);
  return std::nullopt;
}

// The last "x, y, z" of yes/no/unknown in the lower-cased answer (product order breaks ties).
std::optional<std::string> wol_plain(std::string_view answer) {
  static const std::array<const char*, 3> kWords = {"yes", "no", "unknown"};
  const std::string low = lower_ascii(std::string(answer));
  std::optional<std::string> best;
  long best_at = -1;
  for (const char* a : kWords)
    for (const char* b : kWords)
      for (const char* c : kWords) {
        const std::string comb = std::string(a) + ", " + b + ", " + c;
        const size_t at = low.find(comb);
        if (at != std::string::npos && static_cast<long>(at) > best_at) {
          best = comb;
          best_at = static_cast<long>(at);
        }
      }
  return best;
}

// Shared extraction of web_of_lies v2 and v3 after the solution tags (and v2's bold words).
void wol_fallbacks(std::string_view answer, std::optional<std::string>& parsed,
                   std::string& method) {
  if (!parsed || strip(*parsed).empty()) {
    if (auto boxed = wol_boxed(std::string(answer))) {
      parsed = boxed;
      method = "boxed";
    }
  }
  if (!parsed) {
    parsed = wol_plain(answer);
    method = "last-yes-no-triple";
  }
}

}  // namespace

TaskScore score_spatial(const Question& q, std::string_view answer, const ScoreContext&) {
  static const char* kNumbers[] = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  const std::string truth = ground_truth_text(q);
  if (answer == truth) return make_score(1, truth, "whole-answer");
  const std::string gt = lower_ascii(strip(truth));
  const auto bold = starless_bold(answer);
  std::optional<std::string> last;
  if (!bold.empty()) last = lower_ascii(strip(bold.back()));
  for (size_t i = 0; i < 3 && i < bold.size(); ++i) {
    const std::string word = lower_ascii(strip(bold[bold.size() - 1 - i]));
    if (word == gt) return make_score(1, word, "bold");
    for (int n = 0; n <= 20; ++n)
      if (word == kNumbers[n] && std::to_string(n) == gt) return make_score(1, word, "bold-number");
    for (const std::string shape : {"tetrahedra", "tetrahedron", "triangle", "square"}) {
      if (gt == shape && contains(word, shape) && count_chars(word) < 2 * shape.size() + 5)
        return make_score(1, word, "bold-shape");
    }
  }
  // The boxed fallback: \textbf{, \mathbf{ and } removed, compared case-sensitively.
  const std::string a = replace_all(std::string(answer), "\\\\fbox{", "\\\\boxed{");
  if (auto boxed = last_boxed_only(a)) {
    std::string inner = replace_all(remove_boxed(*boxed), "\\textbf{", "");
    inner = replace_all(replace_all(std::move(inner), "\\mathbf{", ""), "}", "");
    return make_score(inner == truth ? 1 : 0, inner, "boxed");
  }
  return make_score(0, last, "bold");
}

TaskScore score_web_of_lies_v2(const Question& q, std::string_view answer, const ScoreContext&) {
  std::optional<std::string> parsed;
  std::string method = "solution-tag";
  auto tags = solution_tags(answer);
  if (tags.empty()) tags = find_all_between(answer, "</solution>", "</solution>");
  if (!tags.empty()) parsed = tags.back();
  const auto bold = bold_spans(answer);
  if (!parsed && !bold.empty()) {
    std::vector<std::string> words;
    for (const auto& match : bold)
      for (const auto& w : split_ws(match))
        words.push_back(replace_all(replace_all(lower_ascii(strip(w)), ",", ""), ".", ""));
    std::vector<std::string> picked;
    for (size_t i = words.size(); i-- > 0 && picked.size() < 3;) {
      if (words[i] == "yes" || words[i] == "no" || words[i] == "unknown")
        picked.insert(picked.begin(), words[i]);
    }
    if (!picked.empty()) {
      std::string joined;
      for (const auto& w : picked) joined += (joined.empty() ? "" : ", ") + w;
      parsed = joined;
      method = "bold";
    }
  }
  wol_fallbacks(answer, parsed, method);
  const std::string gt = lower_ascii(ground_truth_text(q));
  double score = 0;
  if (parsed && !parsed->empty()) {
    if (*parsed == gt) score = 1;
    const size_t n =
        count_sub(*parsed, "yes") + count_sub(*parsed, "no") + count_sub(*parsed, "unknown");
    if (n == 3 && contains(*parsed, gt)) score = 1;
  }
  return make_score(score, parsed, method);
}

TaskScore score_web_of_lies_v3(const Question& q, std::string_view answer, const ScoreContext&) {
  std::optional<std::string> parsed;
  std::string method = "solution-tag";
  if (const auto tags = solution_tags(answer); !tags.empty()) parsed = tags.back();
  wol_fallbacks(answer, parsed, method);
  if (!parsed) return make_score(0, parsed, method);
  const auto got = split(*parsed, ",");
  const auto want = split(ground_truth_text(q), ",");
  size_t correct = 0;
  for (size_t i = 0; i < want.size() && i < got.size(); ++i) correct += got[i] == want[i];
  const double frac = static_cast<double>(correct) / static_cast<double>(want.size());
  TaskScore s = make_score(((correct == want.size()) + frac) / 2, parsed, method);
  s.detail["correct"] = correct;
  s.detail["total"] = want.size();
  return s;
}

namespace {

TaskScore zebra_old(const Question& q, std::string_view answer) {
  static const char* kWords[] = {"one", "two",   "three", "four", "five",
                                 "six", "seven", "eight", "nine"};
  const std::string gt = lower_ascii(ground_truth_text(q));
  const auto bold = triple_bold_words(answer);
  std::string word;
  std::string method = "bold-italic";
  if (!bold.empty()) {
    word = bold.back();
  } else {
    method = "last-word";  // re.findall(r'\b\w+\b', answer)[-1]
    size_t e = answer.size();
    while (e > 0 && !is_word_byte(answer[e - 1])) --e;
    size_t b = e;
    while (b > 0 && is_word_byte(answer[b - 1])) --b;
    word = std::string(answer.substr(b, e - b));
  }
  const std::string low = lower_ascii(word);
  bool ok = low == gt || low + " movies" == gt;
  if (word.size() == 1 && word[0] >= '1' && word[0] <= '9') ok = ok || kWords[word[0] - '1'] == gt;
  return make_score(ok ? 1 : 0, word, method);
}

TaskScore zebra_new(const Question& q, std::string_view answer) {
  const auto gt = split(ground_truth_text(q), ",");
  std::string method = "solution-tag";
  auto matches = solution_tags(answer);
  if (matches.empty()) matches = find_all_between(answer, "</solution>", "</solution>");
  if (matches.empty()) {
    const std::string a = replace_all(std::string(answer), "\\\\fbox{", "\\\\boxed{");
    if (auto boxed = last_boxed_only(a)) {
      std::string inner = replace_all(remove_boxed(*boxed), "\\text{", "");
      matches.push_back(replace_all(replace_all(std::move(inner), "}", ""), "\\", ""));
      method = "boxed";
    }
  }
  if (matches.empty()) {
    const auto lines = split(strip(answer), "\n");
    if (static_cast<size_t>(std::count(lines.back().begin(), lines.back().end(), ',')) ==
        gt.size() - 1) {
      matches.push_back(lines.back());
      method = "last-line";
    }
  }
  if (matches.empty()) return make_score(0, std::nullopt, "none");
  std::vector<std::string> solution;
  for (const auto& m : matches)
    for (auto& part : split(m, ",")) solution.push_back(std::move(part));
  if (solution.size() > gt.size() && matches.size() > 1)
    solution.erase(solution.begin(), solution.end() - static_cast<long>(gt.size()));
  if (matches.size() == 1) solution = split(matches.back(), ",");
  size_t correct = 0;
  for (size_t i = 0; i < gt.size() && i < solution.size(); ++i) {
    const std::string want = replace_all(lower_ascii(strip(gt[i])), "-", " ");
    const std::string got =
        replace_all(replace_all(lower_ascii(strip(solution[i])), "-", " "), "position", "");
    if (got == want || contains(got, want)) ++correct;
  }
  const double frac = static_cast<double>(correct) / static_cast<double>(gt.size());
  std::string extracted;
  for (const auto& m : matches) extracted += (extracted.empty() ? "" : " | ") + m;
  TaskScore s = make_score(((correct == gt.size()) + frac) / 2, extracted, method);
  s.detail["correct"] = correct;
  s.detail["total"] = gt.size();
  return s;
}

}  // namespace

TaskScore score_zebra_puzzle(const Question& q, std::string_view answer, const ScoreContext&) {
  // zebra_puzzle/utils.py get_zebra_puzzle_evaluator: the old rule before 2024-11-25.
  return q.release_date < "2024-11-25" ? zebra_old(q, answer) : zebra_new(q, answer);
}

}  // namespace ys::livebench
