// LiveBench AMPS_Hard scorer: math/AMPS_Hard/utils.py amps_hard_process_results (extraction and
// normalisation reproduced; sympy's equivalence replaced by amps_equivalence.h).
#include <algorithm>
#include <cctype>

#include "judge/livebench/amps_equivalence.h"
#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// re.sub(r'\+\s*[Cc](?![_{])', '', s): an integration constant "+ C" goes, "+ C_1" stays.
std::string strip_plus_c(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      size_t k = i + 1;
      while (k < s.size() && is_regex_space(s[k])) ++k;
      if (k < s.size() && (s[k] == 'C' || s[k] == 'c') &&
          (k + 1 >= s.size() || (s[k + 1] != '_' && s[k + 1] != '{'))) {
        i = k;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// re.sub(r'\\\\\[.*?\]', r'\\\\', s): a row separator with spacing, "\\[6pt]", becomes "\\".
std::string drop_row_spacing(const std::string& s) {
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = s.find("\\\\[", pos)) != std::string::npos;) {
    const size_t close = s.find(']', at + 3);
    const size_t newline = s.find('\n', at + 3);
    if (close == std::string::npos || newline < close) {
      out.append(s, pos, at + 1 - pos);
      pos = at + 1;
      continue;
    }
    out.append(s, pos, at - pos);
    out += "\\\\";
    pos = close + 1;
  }
  return out + s.substr(pos);
}

// Applies `edit` to s with matrix row separators ("\\ " and "\\") kept out of its way.
template <typename Edit>
std::string around_rows(std::string s, Edit edit) {
  s = replace_all(replace_all(std::move(s), "\\\\ ", "\x01R"), "\\\\", "\x01N");
  s = edit(std::move(s));
  return replace_all(replace_all(std::move(s), "\x01R", "\\\\ "), "\x01N", "\\\\");
}

std::string prepare_answer(std::string s) {
  s = strip_plus_c(s);
  s = replace_all(std::move(s), "\\\\fbox{", "\\\\boxed{");
  s = replace_all(replace_all(std::move(s), "\\dfrac", "\\frac"), "\\tfrac", "\\frac");
  return around_rows(drop_row_spacing(s), [](std::string t) {
    for (const char* gone :
         {"\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\,", "\\;", "\n"})
      t = replace_all(std::move(t), gone, "");
    return replace_all(std::move(t), "\\cdot", "*");
  });
}

std::string prepare_truth(std::string s) {
  s = replace_all(replace_all(std::move(s), "\\left", ""), "\\right", "");
  s = replace_all(std::move(s), " ^", "^");
  return around_rows(drop_row_spacing(s),
                     [](std::string t) { return replace_all(std::move(t), "\\ ", "*"); });
}

// re.sub(r"(\\name\{)(.*?)(\})", "\\2", s) for \text, \textbf, \overline.
std::string unwrap_lazy(const std::string& s, std::string_view open) {
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = s.find(open, pos)) != std::string::npos;) {
    const size_t close = s.find('}', at + open.size());
    const size_t newline = s.find('\n', at + open.size());
    if (close == std::string::npos || newline < close) {
      out.append(s, pos, at + 1 - pos);
      pos = at + 1;
      continue;
    }
    out.append(s, pos, at - pos);
    out.append(s, at + open.size(), close - at - open.size());
    pos = close + 1;
  }
  return out + s.substr(pos);
}

// re.sub(r"(name)(<one char that is not in stop>)(<tail>)", ...) for the frac and sqrt rules.
std::string shorthand(const std::string& s, std::string_view name, std::string_view stop,
                      bool frac) {
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = s.find(name, pos)) != std::string::npos;) {
    const size_t k = at + name.size();
    const bool ok = k < s.size() && s[k] != '\n' && stop.find(s[k]) == std::string_view::npos &&
                    (!frac || (k + 1 < s.size() && s[k + 1] != '\n'));
    if (!ok) {
      out.append(s, pos, at + 1 - pos);
      pos = at + 1;
      continue;
    }
    out.append(s, pos, at - pos);
    out.append(name);
    out += "{" + s.substr(k, 1) + "}";
    if (frac) out += "{" + s.substr(k + 1, 1) + "}";
    pos = k + (frac ? 2 : 1);
  }
  return out + s.substr(pos);
}

// normalize_final_answer (Lewkowycz et al. 2022, appendix D, as LiveBench has it).
std::string normalize_final_answer(const std::string& answer) {
  std::string s = split(answer, "=").back();
  if (const size_t a = s.find('$'); a != std::string::npos) {
    const size_t b = s.find('$', a + 1);
    const size_t nl = s.find('\n');
    if (b != std::string::npos && (nl == std::string::npos || nl > b)) {
      const size_t line_end = s.find('\n', b);
      s = "$" + s.substr(a + 1, b - a - 1) + "$" +
          (line_end == std::string::npos ? "" : s.substr(line_end));
    }
  }
  for (const char* open : {"\\text{", "\\textbf{", "\\overline{"}) s = unwrap_lazy(s, open);
  if (const size_t at = s.find("\\boxed{"); at != std::string::npos) {
    const size_t line_end = std::min(s.find('\n', at), s.size());
    const size_t close = s.rfind('}', line_end == 0 ? 0 : line_end - 1);
    if (close != std::string::npos && close >= at + 7 && close < line_end)
      s = s.substr(0, at) + s.substr(at + 7, close - at - 7) + s.substr(close + 1);
  }
  s = shorthand(s, "frac", "{", true);
  s = shorthand(s, "sqrt", "{[", false);
  s = replace_all(std::move(s), "$", "");
  const std::string digits = replace_all(s, ",", "");
  if (!digits.empty() &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    s = digits;
  return s;
}

// The last $...$ (or $$...$$) block of the (newline-free) answer, after its last '='.
std::optional<std::string> last_dollar_block(const std::string& s) {
  const std::string line = split(s, "\n").back();
  if (std::count(line.begin(), line.end(), '$') < 2) return std::nullopt;
  size_t close = line.rfind('$');
  if (line[close == 0 ? line.size() - 1 : close - 1] == '$') --close;
  // Python: line.rfind('$', 0, close) may be -1, and the block then starts at 0.
  const size_t open = close == 0 ? std::string::npos : line.rfind('$', close - 1);
  const size_t from = open == std::string::npos ? 0 : open + 1;
  std::string math = line.substr(from, close - from);
  if (contains(math, "=")) {
    math = strip(split(math, "=").back());
  } else if (contains(math, "\\quad \\text{or} \\quad")) {
    math = strip(split(math, "\\quad \\text{or} \\quad").back());
  }
  return normalize_final_answer(math);
}

}  // namespace

TaskScore score_amps_hard(const Question& q, std::string_view answer, const ScoreContext&) {
  std::string truth_raw = ground_truth_text(q);
  if (q.ground_truth.is_array() && !q.ground_truth.empty() && q.ground_truth.back().is_string())
    truth_raw = q.ground_truth.back().get<std::string>();
  const std::string truth = prepare_truth(truth_raw);
  std::string llm = prepare_answer(std::string(answer));
  std::optional<std::string> parsed;
  std::string method = "solution-tag";
  if (contains(llm, "<solution") && contains(llm, "</solution>")) {
    if (const auto tags = solution_tags(llm); !tags.empty()) parsed = tags.back();
  }
  if (!parsed) {
    if (auto boxed = last_boxed_only(llm)) parsed = normalize_final_answer(remove_boxed(*boxed));
    method = "boxed";
  }
  if (!parsed) {
    parsed = last_dollar_block(llm);
    method = "last-dollar-block";
  }
  if (!parsed) {
    if (!llm.empty() && llm.back() == '.') llm.pop_back();
    const bool tail = llm.size() >= truth.size() && llm.ends_with(truth);
    return make_score(tail ? 1 : 0, tail ? std::optional<std::string>(truth) : std::nullopt,
                      "ends-with-ground-truth");
  }
  const Equivalence eq = latex_equivalent(truth, *parsed, q.subtask);
  TaskScore s = make_score(eq.equal ? 1 : 0, parsed, method);
  s.detail["reason"] = eq.reason;
  return s;
}

}  // namespace ys::livebench
