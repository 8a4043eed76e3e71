// LiveBench olympiad (proof rearrangement) scorer: math/olympiad/utils.py.
#include <algorithm>
#include <climits>

#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

constexpr long long kNoAnswer = LLONG_MIN;  // Python's 'NO ANSWER' entry

// Python int(s) for ASCII input: surrounding whitespace, a sign, digits with single underscores.
std::optional<long long> py_int(std::string_view raw) {
  const std::string s = strip(raw);
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (i >= s.size() || !is_digit(s[i])) return std::nullopt;
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '_' && i + 1 < s.size() && is_digit(s[i + 1]) && is_digit(s[i - 1])) continue;
    if (!is_digit(s[i]) || v > (LLONG_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return s[0] == '-' ? -v : v;
}

// One code point of a UTF-8 string and whether Python's str.isdigit() holds for it (ASCII
// digits, superscript and subscript digits).
struct CodePoint {
  std::string_view text;
  bool digit;
  bool ascii_digit;
};

std::vector<CodePoint> code_points(std::string_view s) {
  std::vector<CodePoint> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string_view cp = s.substr(i, n);
    const auto last = cp.size() == 3 ? static_cast<unsigned char>(cp[2]) : 0u;
    const bool sup =
        cp == "\xC2\xB2" || cp == "\xC2\xB3" || cp == "\xC2\xB9" ||
        (cp.substr(0, 2) == "\xE2\x81" && (last == 0xB0 || (last >= 0xB4 && last <= 0xB9))) ||
        (cp.substr(0, 2) == "\xE2\x82" && last >= 0x80 && last <= 0x89);
    out.push_back({cp, sup || is_digit(cp[0]), is_digit(cp[0])});
    i += n;
  }
  return out;
}

// remove_nonnumeric_chars_at_ends: the first run of digits, and how many code points were cut.
std::pair<std::string, size_t> first_digit_run(std::string_view s) {
  const auto cps = code_points(s);
  size_t b = 0;
  while (b < cps.size() && !cps[b].digit) ++b;
  size_t e = b;
  std::string run;
  while (e < cps.size() && cps[e].digit) run += cps[e++].text;
  return {run, cps.size() - (e - b)};
}

std::optional<std::vector<long long>> finish(std::vector<long long> numbers) {
  for (long long n : numbers)
    if (n != kNoAnswer) return numbers;
  return std::nullopt;
}

std::optional<std::vector<long long>> from_answer_line(const std::string& gen) {
  const std::string low = lower_ascii(gen);
  if (!contains(low, "answer:")) return std::nullopt;
  const auto lines = split(strip(low), "\n");
  size_t at = 0;
  for (size_t i = 0; i < lines.size(); ++i)
    if (contains(lines[i], "answer:")) at = i;
  auto clean = [](std::string s) {
    return strip(
        replace_all(replace_all(replace_all(std::move(s), "answer:", ""), "**", ""), ".", ""));
  };
  std::string str = clean(split(lines[at], "answer:")[1]);
  if (str.empty() && at + 1 < lines.size()) str = clean(lines[at + 1]);
  std::vector<long long> numbers;
  for (const auto& part : split(str, ",")) {
    std::string n = split(strip(part), " ").back();
    for (const char* junk : {"$", "{", "}", "\\", "boxed", "<", ">"}) n = replace_all(n, junk, "");
    numbers.push_back(py_int(n).value_or(kNoAnswer));
  }
  return finish(numbers);
}

std::optional<std::vector<long long>> from_boxed(const std::string& gen) {
  if (!contains(gen, "\\boxed")) return std::nullopt;
  const auto boxed = last_boxed_only(gen);
  std::string s = boxed ? remove_boxed(*boxed) : gen;
  s = replace_all(replace_all(replace_all(s, "\\text{", ""), "}", ""), "\\", "");
  std::vector<long long> numbers;
  for (const auto& part : split(strip(s), ",")) numbers.push_back(py_int(part).value_or(kNoAnswer));
  return finish(numbers);
}

std::optional<std::vector<long long>> from_last_line(const std::string& gen) {
  const std::string last = split(lower_ascii(strip(gen)), "\n").back();
  std::vector<long long> numbers;
  for (const auto& part : split(strip(last), ",")) {
    const std::string run = strip(first_digit_run(part).first);
    if (run.empty()) continue;
    numbers.push_back(py_int(run).value_or(kNoAnswer));
  }
  if (numbers.empty()) return std::nullopt;
  return finish(numbers);
}

std::vector<long long> after_last_answer(const std::string& gen) {
  const auto parts = split(split(lower_ascii(gen), "answer:").back(), ",");
  std::vector<long long> numbers;
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto [run, removed] = first_digit_run(strip(parts[i]));
    if (!run.empty() && run != "\xE2\x82\x82") numbers.push_back(py_int(run).value_or(kNoAnswer));
    if (i > 0 && removed > 0) break;
  }
  return numbers;
}

std::string join(const std::vector<long long>& v) {
  std::string s;
  for (long long n : v)
    s += (s.empty() ? "" : ",") + (n == kNoAnswer ? std::string("NO ANSWER") : std::to_string(n));
  return s;
}

}  // namespace

TaskScore score_olympiad(const Question& q, std::string_view answer, const ScoreContext&) {
  std::vector<long long> want;
  for (const auto& part : split(ground_truth_text(q), ",")) {
    const auto n = py_int(part);
    if (!n) {
      TaskScore s = make_score(0, std::nullopt, "invalid-ground-truth");
      s.status = ScoreStatus::error;
      s.detail["reason"] = "ground_truth is not a comma-separated list of integers";
      return s;
    }
    want.push_back(*n);
  }
  const std::string gen(answer);
  std::string method = "answer-line";
  auto got = from_answer_line(gen);
  if (!got) got = from_boxed(gen), method = "boxed";
  if (!got) got = from_last_line(gen), method = "last-line";
  if (!got) got = after_last_answer(gen), method = "after-last-answer";
  const auto sub = split(task_or_subtask(q), "_")[0];
  double score = 0;
  if (sub == "imo" || sub == "usamo") {  // edit_distance=True in gen_ground_truth_judgment.py
    std::vector<int> a, b;
    for (long long n : *got) a.push_back(n == kNoAnswer ? INT_MIN : static_cast<int>(n));
    for (long long n : want) b.push_back(static_cast<int>(n));
    const size_t longest = std::max(a.size(), b.size());
    score = longest ? 1.0 - static_cast<double>(levenshtein(a, b)) / longest : 0.0;
  } else {
    size_t hits = 0;
    for (size_t i = 0; i < got->size() && i < want.size(); ++i) hits += (*got)[i] == want[i];
    score = got->empty() ? 0.0 : static_cast<double>(hits) / got->size();
  }
  return make_score(score, join(*got), method);
}

}  // namespace ys::livebench
