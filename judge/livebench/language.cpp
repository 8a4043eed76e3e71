// LiveBench language scorers: connections, typos, plot_unscrambling (writing/*/utils.py).
#include <set>

#include "judge/livebench/difflib_ratio.h"
#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

using Group = std::set<std::string>;

// connections/utils.py group_words: stripped, lower-cased words in sets, a new set each time the
// last one holds four distinct words.
std::vector<Group> group_words(const std::vector<std::string>& words) {
  std::vector<Group> groups(1);
  for (const auto& w : words) {
    if (groups.back().size() == 4) groups.emplace_back();
    groups.back().insert(lower_ascii(strip(w)));
  }
  return groups;
}

TaskScore connections_old(const std::vector<Group>& truth, std::string_view answer) {
  const auto bold = bold_spans(replace_all(std::string(answer), "\n", ""));
  if (bold.empty()) return make_score(0, std::nullopt, "bold");
  double best = 0;
  std::string best_text = bold.front();
  for (const auto& span : bold) {
    const auto groups = group_words(split(span, ","));
    int correct = 0;
    for (const auto& want : truth) {
      for (const auto& got : groups) {
        if (std::includes(got.begin(), got.end(), want.begin(), want.end())) {
          ++correct;
          break;
        }
      }
    }
    const double share = static_cast<double>(correct) / static_cast<double>(truth.size());
    if (share > best) best = share, best_text = span;
  }
  return make_score(best, best_text, "bold");
}

TaskScore connections_new(const std::vector<Group>& truth, size_t n_words,
                          std::string_view answer) {
  const std::string flat = replace_all(std::string(answer), "\n", "");
  std::string method = "solution-tag";
  auto matches = solution_tags(answer);
  if (matches.empty()) matches = solution_tags(flat);
  if (matches.empty()) matches = find_all_between(answer, "</solution>", "</solution>");
  if (matches.empty()) matches = find_all_between(flat, "</solution>", "</solution>");
  if (matches.empty() && contains(answer, "\\boxed")) {
    if (auto boxed = last_boxed_only(answer)) {
      matches.push_back(replace_all(
          replace_all(replace_all(remove_boxed(*boxed), "\\text{", ""), "}", ""), "\\", ""));
      method = "boxed";
    }
  }
  if (matches.empty()) return make_score(0, std::nullopt, "none");
  for (auto& m : matches) m = replace_all(m, "\n", "");
  std::vector<std::string> words;
  if (matches.size() > 1) {
    for (const auto& m : matches)
      for (auto& w : split(m, ",")) words.push_back(std::move(w));
    if (words.size() > n_words)
      words.erase(words.begin(), words.end() - static_cast<long>(n_words));
  } else {
    words = split(matches.back(), ",");
  }
  int correct = 0;
  for (const auto& got : group_words(words))
    correct += std::find(truth.begin(), truth.end(), got) != truth.end();
  return make_score(static_cast<double>(correct) / static_cast<double>(truth.size()),
                    matches.back(), method);
}

// typos/utils.py extract_answer: re.search(r'.* --- (.*?) --- .*', s) on one line: the text
// between the last " --- " that has another one after it and that next one.
std::string between_separators(const std::string& s) {
  for (const auto& line : split(s, "\n")) {
    std::vector<size_t> at;
    for (size_t p = line.find(" --- "); p != std::string::npos; p = line.find(" --- ", p + 1))
      at.push_back(p);
    for (size_t k = at.size(); k-- > 0;) {
      const auto next =
          std::find_if(at.begin(), at.end(), [&](size_t p) { return p >= at[k] + 5; });
      if (next != at.end()) return line.substr(at[k] + 5, *next - at[k] - 5);
    }
  }
  return s;
}

// plot_unscrambling/utils.py extract_plot_summary.
std::string plot_summary(std::string_view text) {
  const size_t open = text.find("<PLOT_SUMMARY>");
  if (open == std::string_view::npos) return std::string(text);
  const size_t from = open + 14;
  const size_t close = text.rfind("</PLOT_SUMMARY>");
  if (close != std::string_view::npos && close >= from)
    return std::string(text.substr(from, close - from));
  return std::string(text.substr(from));
}

}  // namespace

TaskScore score_connections(const Question& q, std::string_view answer, const ScoreContext&) {
  const auto gt_words = split(ground_truth_text(q), ",");
  const auto truth = group_words(gt_words);
  // connections/utils.py get_connections_puzzle_evaluator: the old rule before 2024-11-25.
  if (q.release_date < "2024-11-25") return connections_old(truth, answer);
  return connections_new(truth, gt_words.size(), answer);
}

TaskScore score_typos(const Question& q, std::string_view answer, const ScoreContext&) {
  std::string parsed;
  std::string method = "solution-tag";
  if (const auto tags = solution_tags(answer); !tags.empty()) {
    parsed = tags.back();
  } else {
    const std::string bare =
        replace_all(replace_all(std::string(answer), "<solution>", ""), "</solution>", "");
    parsed = between_separators(bare);
    method = parsed == bare ? "whole-answer" : "separators";
  }
  std::string joined;
  for (const auto& line : split(strip(parsed), "\n"))
    if (!line.empty()) joined += (joined.empty() ? "" : " ") + line;
  return make_score(contains(joined, ground_truth_text(q)) ? 1 : 0, joined, method);
}

TaskScore score_plot_unscrambling(const Question& q, std::string_view answer, const ScoreContext&) {
  std::vector<std::string> truth, given;
  for (const auto& s : split(ground_truth_text(q), "."))
    if (auto t = strip(s); !t.empty()) truth.push_back(std::move(t));
  const std::string summary = plot_summary(answer);
  for (const auto& s : split(summary, ".")) {
    auto t = strip(s);
    if (!t.empty() && t != "</PLOT_SUMMARY>" && t != "**End of Plot Summary**")
      given.push_back(std::move(t));
  }
  if (truth.empty()) {
    TaskScore s = make_score(0, std::nullopt, "invalid-ground-truth");
    s.status = ScoreStatus::error;
    s.detail["reason"] = "ground_truth has no sentences";
    return s;
  }
  std::vector<int> order, identity;
  for (size_t k = 0; k < truth.size(); ++k) {
    identity.push_back(static_cast<int>(k));
    if (auto m = closest_match(truth[k], given)) order.push_back(static_cast<int>(*m));
  }
  const int distance = levenshtein(identity, order);
  TaskScore s = make_score(1.0 - static_cast<double>(distance) / truth.size(), summary,
                           "plot-summary-sentences");
  s.detail["ordering"] = order;
  s.detail["edit_distance"] = distance;
  return s;
}

}  // namespace ys::livebench
