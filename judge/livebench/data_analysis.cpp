// LiveBench data_analysis scorers: cta and tablejoin (tablereformat is in tablereformat.cpp).
#include <cctype>
#include <cmath>

#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/python_literal.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

// cta/utils.py clean_text: lower-case, strip, drop every character that is not a word character.
std::string clean_text(std::string_view s) {
  std::string out;
  for (char c : lower_ascii(strip(s))) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_' || u >= 0x80) out += c;
  }
  return out;
}

// re.sub(r"\\text{['|\"](.*?)['|\"]}", r"'\1'", s): \text{'x'} becomes 'x'.
std::string unwrap_text_quotes(const std::string& s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t at = s.find("\\text{", pos);
    if (at == std::string::npos) break;
    size_t k = at + 6;
    bool matched = false;
    if (k < s.size() && (s[k] == '\'' || s[k] == '|' || s[k] == '"')) {
      // lazy inner text up to the first quote-or-bar followed by '}'
      for (size_t e = k + 1; e + 1 < s.size(); ++e) {
        if ((s[e] == '\'' || s[e] == '|' || s[e] == '"') && s[e + 1] == '}') {
          out.append(s, pos, at - pos);
          out += "'" + s.substr(k + 1, e - k - 1) + "'";
          pos = e + 2;
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      out.append(s, pos, at + 1 - pos);
      pos = at + 1;
    }
  }
  out.append(s, pos, std::string::npos);
  return out;
}

// tablejoin/utils.py clean_llm_output: the last ```python block, else the last ``` block (both
// with newlines removed), else the last \boxed{}, else the whole answer; as a Python dict.
std::pair<std::optional<PyValue>, std::string> tablejoin_mapping(std::string_view answer) {
  const std::string flat = replace_all(std::string(answer), "\n", "");
  std::string method = "python-block";
  auto blocks = find_all_between(flat, "```python", "```");
  if (blocks.empty()) blocks = find_all_between(flat, "```", "```"), method = "code-block";
  if (blocks.empty() && contains(answer, "\\boxed")) {
    if (auto boxed = last_boxed_only(flat)) {
      blocks.push_back(replace_all(unwrap_text_quotes(remove_boxed(*boxed)), "\\", ""));
      method = "boxed";
    }
  }
  if (blocks.empty()) blocks.emplace_back(answer), method = "whole-answer";
  auto value = parse_python_literal(blocks.back());
  if (!value || value->kind != PyValue::Kind::dict) return {std::nullopt, method};
  return {value, method};
}

}  // namespace

TaskScore score_cta(const Question& q, std::string_view answer, const ScoreContext&) {
  std::string parsed(answer);
  std::string method = "whole-answer";
  if (contains(answer, "\\boxed{")) {
    if (auto boxed = last_boxed_only(answer)) {
      parsed = replace_all(replace_all(replace_all(remove_boxed(*boxed), "\\text{", ""), "}", ""),
                           "\\", "");
      method = "boxed";
    }
  }
  const bool ok = clean_text(ground_truth_text(q)) == clean_text(parsed);
  return make_score(ok ? 1 : 0, parsed, method);
}

TaskScore score_tablejoin(const Question& q, std::string_view answer, const ScoreContext&) {
  std::optional<PyValue> gt;
  if (q.ground_truth.is_string()) gt = parse_python_literal(q.ground_truth.get<std::string>());
  if (!gt || gt->kind != PyValue::Kind::dict) {
    TaskScore s = make_score(0, std::nullopt, "invalid-ground-truth");
    s.status = ScoreStatus::error;
    s.detail["reason"] = "ground_truth is not a Python dict literal";
    return s;
  }
  const auto [mapping, method] = tablejoin_mapping(answer);
  if (!mapping || mapping->entries.empty()) return make_score(0, std::nullopt, method);
  int tp = 0, fp = 0, fn = 0;
  for (const auto& [k, v] : mapping->entries) {
    const PyValue* want = gt->get(k);
    if (!want || !want->truthy()) {
      ++fp;
    } else if (*want == v) {
      ++tp;
    } else {
      ++fp;
      ++fn;
    }
  }
  for (const auto& [k, v] : gt->entries) {
    const PyValue* got = mapping->get(k);
    if (!got || !got->truthy()) ++fn;
  }
  const double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
  TaskScore s =
      make_score(std::nearbyint(f1 * 100) / 100, mapping->repr(), method);  // np.round(_, 2)
  s.detail["tp"] = tp;
  s.detail["fp"] = fp;
  s.detail["fn"] = fn;
  return s;
}

}  // namespace ys::livebench
