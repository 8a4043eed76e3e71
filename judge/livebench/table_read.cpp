#include "judge/livebench/table_read.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "harness/core/types.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

using Kind = TableCell::Kind;
using OJson = nlohmann::ordered_json;  // rows keep the order of the JSON object

bool is_na(const std::string& s) {
  static const std::set<std::string> kNa = {"",         "#N/A", "#N/A N/A", "#NA",    "-1.#IND",
                                            "-1.#QNAN", "-NaN", "-nan",     "1.#IND", "1.#QNAN",
                                            "<NA>",     "N/A",  "NA",       "NULL",   "NaN",
                                            "None",     "n/a",  "nan",      "null"};
  return kNa.count(s) > 0;
}

std::optional<double> as_number(const std::string& raw) {
  const std::string s = strip(raw);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  if (s.find_first_of("xXpP") != std::string::npos) return std::nullopt;  // no hex floats
  return v;
}

std::optional<double> as_bool(const std::string& s) {
  if (s == "True" || s == "TRUE" || s == "true") return 1.0;
  if (s == "False" || s == "FALSE" || s == "false") return 0.0;
  return std::nullopt;
}

// Types the raw strings of one column as pandas' text parser does.
std::vector<TableCell> type_column(const std::vector<std::optional<std::string>>& raw) {
  bool numbers = true, bools = true, any_na = false;
  for (const auto& r : raw) {
    if (!r || is_na(*r)) {
      any_na = true;
      continue;
    }
    numbers = numbers && as_number(*r).has_value();
    bools = bools && as_bool(*r).has_value();
  }
  std::vector<TableCell> out;
  for (const auto& r : raw) {
    TableCell c;
    if (!r || is_na(*r)) {
      out.push_back(c);
      continue;
    }
    if (numbers) {
      c.kind = Kind::number;
      c.number = *as_number(*r);
    } else if (bools && !any_na) {
      c.kind = Kind::number;
      c.number = *as_bool(*r);
    } else {
      c.kind = Kind::text;
      c.text = *r;
    }
    out.push_back(c);
  }
  return out;
}

// Builds a table from a header and rows of raw strings (missing trailing fields are NA).
std::optional<Table> typed(std::vector<std::string> header,
                           const std::vector<std::vector<std::string>>& rows) {
  std::map<std::string, int> seen;
  for (auto& name : header) {
    const int n = seen[name]++;
    if (n > 0) name += "." + std::to_string(n);
  }
  Table t;
  t.columns = header;
  t.rows.assign(rows.size(), std::vector<TableCell>(header.size()));
  for (size_t j = 0; j < header.size(); ++j) {
    std::vector<std::optional<std::string>> col;
    for (const auto& r : rows) col.push_back(j < r.size() ? std::optional(r[j]) : std::nullopt);
    const auto cells = type_column(col);
    for (size_t i = 0; i < rows.size(); ++i) t.rows[i][j] = cells[i];
  }
  return t;
}

// Splits CSV text into records of fields (double-quote quoting, "" as an escaped quote).
std::vector<std::vector<std::string>> records(std::string_view text, char sep) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, any = false;
  auto end_record = [&] {
    fields.push_back(field);
    const bool blank = fields.size() == 1 && fields[0].empty() && !any;
    if (!blank) out.push_back(fields);
    fields.clear();
    field.clear();
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == sep) {
      fields.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !fields.empty() || any) end_record();
  return out;
}

TableCell json_cell(const OJson& v) {
  TableCell c;
  if (v.is_null()) return c;
  if (v.is_number()) {
    c.kind = Kind::number;
    c.number = v.get<double>();
  } else if (v.is_boolean()) {
    c.kind = Kind::number;
    c.number = v.get<bool>() ? 1 : 0;
  } else if (v.is_string()) {
    c.kind = Kind::text;
    c.text = v.get<std::string>();
  } else {
    c.kind = Kind::other;
    c.text = v.dump();
  }
  return c;
}

// read_json's dtype inference: a text column whose every value reads as a number becomes numbers.
void convert_json_columns(Table& t) {
  for (size_t j = 0; j < t.columns.size(); ++j) {
    bool all = true, any_text = false;
    for (const auto& row : t.rows) {
      const TableCell& c = row[j];
      if (c.kind == Kind::text) {
        any_text = true;
        all = all && as_number(c.text).has_value();
      } else if (c.kind == Kind::other) {
        all = false;
      }
    }
    if (!any_text || !all) continue;
    for (auto& row : t.rows) {
      if (row[j].kind == Kind::text) {
        row[j].number = *as_number(row[j].text);
        row[j].kind = Kind::number;
      }
    }
  }
}

std::optional<Table> from_objects(const std::vector<const OJson*>& objects) {
  Table t;
  std::map<std::string, size_t> index;
  for (const OJson* o : objects) {
    if (!o->is_object()) return std::nullopt;
    for (const auto& [k, v] : o->items())
      if (!index.count(k)) index[k] = t.columns.size(), t.columns.push_back(k);
  }
  for (const OJson* o : objects) {
    std::vector<TableCell> row(t.columns.size());
    for (const auto& [k, v] : o->items()) row[index[k]] = json_cell(v);
    t.rows.push_back(std::move(row));
  }
  convert_json_columns(t);
  return t;
}

std::optional<OJson> parse_json(std::string_view text) {
  OJson j = OJson::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::string decode_entities(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"},
                                                                                 {"&gt;", ">"},
                                                                                 {"&quot;", "\""},
                                                                                 {"&#39;", "'"},
                                                                                 {"&nbsp;", " "},
                                                                                 {"&amp;", "&"}})
    s = replace_all(std::move(s), from, to);
  return s;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag) out += c;
    if (c == '>') in_tag = false;
  }
  return strip(decode_entities(out));
}

// The cells of one <tr>: their text and whether each is a <th>.
std::vector<std::pair<std::string, bool>> html_cells(std::string_view row) {
  std::vector<std::pair<std::string, bool>> out;
  const std::string low = lower_ascii(std::string(row));
  size_t p = 0;
  while ((p = low.find("<t", p)) != std::string::npos) {
    const char kind = p + 2 < low.size() ? low[p + 2] : 0;
    const bool cell = (kind == 'd' || kind == 'h') && p + 3 < low.size() &&
                      (low[p + 3] == '>' || low[p + 3] == ' ');
    if (!cell) {
      ++p;
      continue;
    }
    const size_t open_end = low.find('>', p);
    const std::string close = std::string("</t") + kind;
    size_t end = low.find(close, open_end);
    const size_t next_row = low.find("<t" + std::string(1, kind), open_end);
    if (end == std::string::npos) end = std::min(next_row, low.size());
    out.emplace_back(strip_tags(row.substr(open_end + 1, end - open_end - 1)), kind == 'h');
    p = end;
  }
  return out;
}

std::optional<Table> one_html_table(std::string_view table) {
  const std::string low = lower_ascii(std::string(table));
  const size_t thead_end = low.find("</thead>");
  std::vector<std::vector<std::string>> header_rows, body;
  size_t p = 0;
  while ((p = low.find("<tr", p)) != std::string::npos) {
    size_t end = low.find("</tr>", p);
    if (end == std::string::npos) end = low.size();
    const auto cells = html_cells(table.substr(p, end - p));
    std::vector<std::string> texts;
    bool all_th = !cells.empty();
    for (const auto& [text, th] : cells) texts.push_back(text), all_th = all_th && th;
    const bool in_head = thead_end != std::string::npos && p < thead_end;
    if (in_head || (thead_end == std::string::npos && all_th && body.empty()))
      header_rows.push_back(texts);
    else if (!texts.empty())
      body.push_back(texts);
    p = end;
  }
  if (header_rows.size() > 1) return std::nullopt;  // a MultiIndex header never matches
  std::vector<std::string> header;
  size_t width = 0;
  for (const auto& r : body) width = std::max(width, r.size());
  if (!header_rows.empty()) header = header_rows[0];
  for (size_t j = 0; j < header.size(); ++j)
    if (header[j].empty()) header[j] = "Unnamed: " + std::to_string(j);
  for (size_t j = header.size(); j < width; ++j) header.push_back(std::to_string(j));
  return typed(header, body);
}

}  // namespace

std::optional<Table> read_separated(std::string_view text, char sep) {
  auto rows = records(text, sep);
  if (rows.empty()) return std::nullopt;
  std::vector<std::string> header = rows.front();
  rows.erase(rows.begin());
  // pandas' implicit index: a first data row one field longer than the header.
  const bool implicit_index = !rows.empty() && rows[0].size() == header.size() + 1;
  for (auto& r : rows) {
    if (implicit_index && !r.empty()) r.erase(r.begin());
    if (r.size() > header.size()) return std::nullopt;  // "Expected N fields ... saw M"
  }
  for (size_t j = 0; j < header.size(); ++j)
    if (header[j].empty()) header[j] = "Unnamed: " + std::to_string(j);
  return typed(header, rows);
}

std::optional<Table> read_json_index(std::string_view text) {
  const auto j = parse_json(text);
  if (!j || !j->is_object() || j->empty()) return std::nullopt;
  std::vector<const OJson*> rows;
  for (const auto& [k, v] : j->items()) rows.push_back(&v);
  return from_objects(rows);
}

std::optional<Table> read_json_records(std::string_view text) {
  const auto j = parse_json(text);
  if (!j || !j->is_array()) return std::nullopt;
  std::vector<const OJson*> rows;
  for (const auto& v : *j) rows.push_back(&v);
  return from_objects(rows);
}

std::optional<Table> read_json_lines(std::string_view text) {
  std::vector<OJson> parsed;
  for (const auto& line : split(text, "\n")) {
    if (strip(line).empty()) continue;
    auto j = parse_json(line);
    if (!j) return std::nullopt;
    parsed.push_back(std::move(*j));
  }
  std::vector<const OJson*> rows;
  for (const auto& v : parsed) rows.push_back(&v);
  return from_objects(rows);
}

std::optional<Table> read_json_table(std::string_view text) {
  const auto j = parse_json(text);
  if (!j || !j->is_object() || !j->contains("data") || !(*j)["data"].is_array())
    return std::nullopt;
  std::vector<const OJson*> rows;
  for (const auto& v : (*j)["data"]) rows.push_back(&v);
  return from_objects(rows);
}

std::optional<Table> read_json_values(std::string_view text) {
  const auto j = parse_json(text);
  if (!j || !j->is_array()) return std::nullopt;
  Table t;
  for (const auto& row : *j) {
    if (!row.is_array()) return std::nullopt;
    std::vector<TableCell> cells;
    for (const auto& v : row) cells.push_back(json_cell(v));
    while (t.columns.size() < cells.size()) t.columns.push_back(std::to_string(t.columns.size()));
    t.rows.push_back(std::move(cells));
  }
  for (auto& r : t.rows) r.resize(t.columns.size());
  return t;
}

std::optional<Table> read_html_tables(std::string_view text) {
  const std::string low = lower_ascii(std::string(text));
  std::optional<Table> all;
  size_t p = 0;
  while ((p = low.find("<table", p)) != std::string::npos) {
    size_t end = low.find("</table>", p);
    if (end == std::string::npos) end = low.size();
    auto t = one_html_table(text.substr(p, end - p));
    if (!t) return std::nullopt;
    if (!all) {
      all = std::move(t);
    } else if (all->columns == t->columns) {
      for (auto& r : t->rows) all->rows.push_back(std::move(r));
    } else {
      return std::nullopt;  // pd.concat of different columns: NaN-padded, never equal here
    }
    p = end;
  }
  return all;  // pandas raises "No tables found" when there is none
}

std::optional<Table> read_markdown(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : split(strip(text), "\n")) {
    const std::string l = strip(line);
    if (l.empty()) continue;
    if (l.find_first_not_of("|-: ") == std::string::npos) continue;  // the separator line
    auto cells = split(l, "|");
    if (!cells.empty() && strip(cells.front()).empty()) cells.erase(cells.begin());
    if (!cells.empty() && strip(cells.back()).empty()) cells.pop_back();
    for (auto& c : cells) c = strip(c);
    rows.push_back(cells);
  }
  if (rows.empty()) return std::nullopt;
  auto header = rows.front();
  rows.erase(rows.begin());
  return typed(header, rows);
}

}  // namespace ys::livebench
