// LiveBench tablereformat scorer: data_analysis/tablereformat/utils.py table_process_results,
// with pandas' readers replaced by table_read.h.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "judge/livebench/ground_truth_scorers.h"
#include "judge/livebench/table_read.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

using Kind = TableCell::Kind;

std::optional<Table> read_table(const std::string& format, const std::string& text, bool v2) {
  if (format == "json") {
    if (v2) {
      if (auto t = read_json_table(text)) return t;
      if (auto t = read_json_index(text)) return t;
      return read_json_records(text);
    }
    for (auto reader :
         {read_json_index, read_json_records, read_json_lines, read_json_table, read_json_values})
      if (auto t = reader(text)) return t;
    return std::nullopt;
  }
  if (format == "jsonl") return read_json_lines(text);
  if (format == "html") return read_html_tables(text);
  if (format == "csv") return read_separated(text, ',');
  if (format == "tsv") return read_separated(text, '\t');
  if (format == "markdown") return read_markdown(text);
  return std::nullopt;
}

// clean_llm_output: the last <solution> (again cleaned), ```json or ```html block, else the
// answer without a leading ``` line, "&amp;" decoded and fences removed.
std::string clean_output(const std::string& s) {
  if (const auto tags = find_all_between_dotall(s, "<solution>", "</solution>"); !tags.empty())
    return clean_output(strip(tags.back()));
  for (const char* fence : {"```json\n", "```html\n"})
    if (const auto blocks = find_all_between_dotall(s, fence, "```"); !blocks.empty())
      return strip(blocks.back());
  std::string out = s;
  if (out.rfind("```", 0) == 0) {
    const size_t nl = out.find('\n');
    if (nl != std::string::npos) out = out.substr(nl + 1);
  }
  out = replace_all(std::move(out), "&amp;", "&");
  return strip(replace_all(std::move(out), "```", ""));
}

bool word_boundary_before(const std::string& s, size_t at) {
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  return at == 0 || !word(s[at - 1]) || !word(s[at]);
}

// remove_initial_phrase: r'^\s*(Here|Input)\b.*?\b(format|table)\s*[:)]\s*', ignoring case.
std::string remove_initial_phrase(const std::string& text) {
  const std::string low = lower_ascii(text);
  size_t p = 0;
  while (p < low.size() && std::isspace(static_cast<unsigned char>(low[p]))) ++p;
  const bool here = low.compare(p, 4, "here") == 0, input = low.compare(p, 5, "input") == 0;
  if (!here && !input) return strip(text);
  const size_t after = p + (here ? 4 : 5);
  if (after < low.size() &&
      (std::isalnum(static_cast<unsigned char>(low[after])) || low[after] == '_'))
    return strip(text);
  const size_t line_end = std::min(low.find('\n', after), low.size());
  for (size_t k = after; k < line_end; ++k) {
    for (const char* word : {"format", "table"}) {
      const size_t n = std::strlen(word);
      if (low.compare(k, n, word) != 0 || !word_boundary_before(low, k)) continue;
      size_t e = k + n;
      while (e < low.size() && std::isspace(static_cast<unsigned char>(low[e]))) ++e;
      if (e < low.size() && (low[e] == ':' || low[e] == ')')) {
        ++e;
        while (e < low.size() && std::isspace(static_cast<unsigned char>(low[e]))) ++e;
        return strip(text.substr(e));
      }
    }
  }
  return strip(text);
}

// read_sep_table_from_text: the table from the first line equal to the header, dropping trailing
// lines until it reads.
std::optional<Table> table_after_header(const std::string& text, const std::string& header,
                                        char sep) {
  auto lines = split(strip(text), "\n");
  size_t at = 0;
  while (at < lines.size() && strip(lines[at]) != strip(header)) ++at;
  if (at == lines.size()) return std::nullopt;
  lines.erase(lines.begin(), lines.begin() + static_cast<long>(at));
  while (!lines.empty()) {
    std::string joined;
    for (const auto& l : lines) joined += l + "\n";
    if (auto t = read_separated(joined, sep)) return t;
    lines.pop_back();
  }
  return std::nullopt;
}

// read_jsonl_table_from_text: the lines that are one JSON object holding every header key.
std::optional<Table> jsonl_lines_with_keys(const std::string& text,
                                           const std::vector<std::string>& keys) {
  std::string kept;
  for (const auto& line : split(strip(text), "\n")) {
    if (line.size() < 2 || line.front() != '{' || line.back() != '}') continue;
    if (!std::all_of(keys.begin(), keys.end(), [&](const auto& k) { return contains(line, k); }))
      continue;
    if (read_json_lines(line)) kept += line + "\n";
  }
  if (kept.empty()) return std::nullopt;
  return read_json_lines(kept);
}

std::string join(const std::vector<std::string>& v, char sep) {
  std::string s;
  for (size_t k = 0; k < v.size(); ++k) s += (k ? std::string(1, sep) : "") + v[k];
  return s;
}

bool numeric(const TableCell& c) {
  return c.kind == Kind::number || c.kind == Kind::missing;
}

// check_table_reformat: same length, same column names, equal cells (numbers within 1e-6).
std::string describe(const TableCell& c) {
  switch (c.kind) {
    case Kind::missing:
      return "NaN";
    case Kind::number:
      return std::to_string(c.number);
    default:
      return "'" + c.text + "'";
  }
}

// "" when equal, else the first difference.
std::string table_difference(Table llm, Table gt) {
  for (Table* t : {&llm, &gt}) {
    for (auto& c : t->columns) c = strip(c);
    const auto idx = std::find(t->columns.begin(), t->columns.end(), "index");
    if (idx != t->columns.end()) {
      const auto k = idx - t->columns.begin();
      t->columns.erase(idx);
      for (auto& r : t->rows) r.erase(r.begin() + k);
    }
  }
  if (llm.rows.size() != gt.rows.size())
    return "rows: " + std::to_string(llm.rows.size()) + " vs " + std::to_string(gt.rows.size());
  auto a = llm.columns, b = gt.columns;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b || std::adjacent_find(a.begin(), a.end()) != a.end())
    return "columns differ: " + join(llm.columns, ',') + " vs " + join(gt.columns, ',');
  for (size_t i = 0; i < llm.rows.size(); ++i) {
    for (size_t j = 0; j < llm.columns.size(); ++j) {
      const size_t g =
          std::find(gt.columns.begin(), gt.columns.end(), llm.columns[j]) - gt.columns.begin();
      const TableCell& x = llm.rows[i][j];
      const TableCell& y = gt.rows[i][g];
      if (numeric(x) && numeric(y)) {
        if (x.kind == Kind::missing && y.kind == Kind::missing) continue;
        if (x.kind != Kind::missing && y.kind != Kind::missing &&
            std::fabs(x.number - y.number) < 1e-6)
          continue;
      } else if (x.kind == y.kind && strip(x.text) == strip(y.text)) {
        continue;
      }
      return "row " + std::to_string(i) + " column " + llm.columns[j] + ": " + describe(x) +
             " vs " + describe(y);
    }
  }
  return "";
}

std::optional<std::pair<std::string, std::string>> formats(const std::string& prompt, bool v2) {
  if (!v2) {
    const auto parts = split(prompt, "Please convert the Input Table from ");
    if (parts.size() < 2) return std::nullopt;
    const auto to = split(parts[1], "format to ");
    if (to.size() < 2) return std::nullopt;
    return std::pair(lower_ascii(split(parts[1], " format")[0]),
                     lower_ascii(split(to[1], " format")[0]));
  }
  std::string in, out;
  for (const auto& line : split(prompt, "\n")) {
    if (contains(line, "Source Format: "))
      in = lower_ascii(strip(split(line, "Source Format: ")[1]));
    if (contains(line, "Target Format: "))
      out = lower_ascii(strip(split(line, "Target Format: ")[1]));
  }
  if (in.empty() || out.empty()) return std::nullopt;
  return std::pair(in, out);
}

TaskScore failed(const std::string& reason) {
  TaskScore s = make_score(0, std::nullopt, "invalid-question");
  s.status = ScoreStatus::error;
  s.detail["reason"] = reason;
  return s;
}

}  // namespace

TaskScore score_tablereformat(const Question& q, std::string_view answer, const ScoreContext&) {
  // gen_ground_truth_judgment.py: the v2 rules for questions released on or after 2025-04-25.
  const bool v2 = q.release_date >= "2025-04-25";
  const auto& turns = q.record.value("turns", Json::array());
  if (turns.empty() || !turns[0].is_string()) return failed("question has no turns");
  const auto fmt = formats(turns[0].get<std::string>(), v2);
  if (!fmt) return failed("the prompt names no source and target format");
  const std::string& out = fmt->second;
  const auto gt = read_table(out, ground_truth_text(q), v2);
  if (!gt) return failed("ground truth does not read as " + out);
  const std::string clean = remove_initial_phrase(clean_output(std::string(answer)));
  const char sep = out == "tsv" ? '\t' : ',';
  auto llm = read_table(out, clean, v2);
  std::string method = out;
  if (!llm) {
    if (out == "csv" || out == "tsv") llm = table_after_header(clean, join(gt->columns, sep), sep);
    if (out == "jsonl") llm = jsonl_lines_with_keys(clean, gt->columns);
    method = out + "-after-text";
    if (!llm) return make_score(0, std::nullopt, "unreadable-" + out);
  }
  std::string diff = table_difference(*llm, *gt);
  if (!diff.empty()) {
    std::optional<Table> again;
    if (out == "csv") again = table_after_header(clean, join(gt->columns, ','), ',');
    if (out == "jsonl") again = jsonl_lines_with_keys(clean, gt->columns);
    if (again) {
      diff = table_difference(*again, *gt);
      method = out + "-after-text";
    }
  }
  TaskScore s = make_score(diff.empty() ? 1 : 0, clean.substr(0, 2000), method);
  s.detail["reason"] = diff.empty() ? "tables equal" : diff;
  s.detail["rows"] = llm->rows.size();
  return s;
}

}  // namespace ys::livebench
