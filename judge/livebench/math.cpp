// LiveBench math scorers: math_comp (AMC/SMC letters, AIME numbers) and olympiad (proof
// rearrangement). AMPS_Hard is in amps_hard.cpp.
#include <cctype>
#include <climits>
#include <map>

#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

// math_competitions/utils.py extract_answer: the choice text after "\textbf{(X)}" in the
// question, up to "\qquad" or "$" (regex \\textbf{\(([A-E])\)\s?}(.*?)(?:\\qquad|\$)).
std::string choice_text(std::string_view statement, char letter) {
  std::map<char, std::string> answers;
  size_t p = 0;
  while ((p = statement.find("\\textbf{(", p)) != std::string_view::npos) {
    size_t k = p + 9;
    const char l = k < statement.size() ? statement[k] : 0;
    bool ok = l >= 'A' && l <= 'E' && statement.substr(k + 1, 1) == ")";
    k += 2;
    if (ok && statement.substr(k, 1) != "}" && k < statement.size() &&
        std::isspace(static_cast<unsigned char>(statement[k])))
      ++k;
    ok = ok && statement.substr(k, 1) == "}";
    size_t e = ++k;
    while (ok && e < statement.size() && statement.substr(e, 6) != "\\qquad" &&
           statement[e] != '$') {
      if (statement[e] == '\n') ok = false;
      ++e;
    }
    if (ok && e < statement.size()) {
      answers[l] = strip(statement.substr(k, e - k));
      p = e;
    } else {
      ++p;
    }
  }
  std::string answer = answers.count(letter) ? answers[letter] : "";
  if (answer.empty()) answer = "FAILURE";
  auto trim = [](std::string s, char c) {
    const size_t b = s.find_first_not_of(c);
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(c) - b + 1);
  };
  return trim(trim(strip(answer), '$'), '~');
}

TaskScore amc_letter(const Question& q, std::string_view answer) {
  const std::string gt = ground_truth_text(q);
  if (gt.size() != 1 || gt[0] < 'A' || gt[0] > 'E') {
    TaskScore s = make_score(0, std::nullopt, "invalid-ground-truth");
    s.status = ScoreStatus::error;
    s.detail["reason"] = "ground_truth must be one letter A-E, got '" + gt + "'";
    return s;
  }
  const char want = static_cast<char>(gt[0] - 'A' + 'a');
  if (const auto tags = solution_tags(answer); !tags.empty()) {
    const std::string& t = tags.back();
    const std::string low = lower_ascii(t);
    if (!t.empty() && low.find_first_not_of(want) == std::string::npos &&
        t.find_first_not_of(t[0]) == std::string::npos)
      return make_score(1, t, "solution-tag");
  }
  if (contains(answer, std::string(4, gt[0])))
    return make_score(1, std::string(4, gt[0]), "repeated-letter");
  const std::string a = replace_all(std::string(answer), "\\\\fbox{", "\\\\boxed{");
  std::optional<std::string> parsed;
  if (auto boxed = last_boxed_only(a)) {
    parsed = lower_ascii(replace_all(
        replace_all(replace_all(remove_boxed(*boxed), "\\text{", ""), "}", ""), "\\", ""));
    if (*parsed == std::string(1, want)) return make_score(1, parsed, "boxed");
  }
  const std::string value = choice_text(q.record.value("turns", Json::array()).empty()
                                            ? std::string()
                                            : q.record["turns"][0].get<std::string>(),
                                        gt[0]);
  if (contains(tail_chars(answer, 20 + count_chars(value)), value))
    return make_score(1, value, "choice-value-at-end");
  return make_score(0, parsed, parsed ? "boxed" : "none");
}

TaskScore aime_number(const Question& q, std::string_view answer) {
  // aime_process_results: the ground truth anywhere in the last 50 characters.
  const std::string gt = ground_truth_text(q);
  const std::string tail = tail_chars(answer, 50);
  return make_score(contains(tail, gt) ? 1 : 0, tail, "last-50-chars");
}

}  // namespace

TaskScore score_math_comp(const Question& q, std::string_view answer, const ScoreContext&) {
  const auto parts = split(task_or_subtask(q), "_");
  if (parts[0] == "amc" || parts[0] == "smc" || (parts.size() > 1 && parts[1] == "amc"))
    return amc_letter(q, answer);
  if (parts[0] == "aime") return aime_number(q, answer);
  if (parts[0] == "imo" || parts[0] == "usamo") return score_olympiad(q, answer, {});
  TaskScore s = make_score(0, std::nullopt, "unknown-subtask");
  s.status = ScoreStatus::error;
  s.detail["reason"] = "math_comp subtask '" + task_or_subtask(q) + "' has no LiveBench rule";
  return s;
}

}  // namespace ys::livebench
