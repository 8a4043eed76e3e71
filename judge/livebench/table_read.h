// Readers that turn a table written as CSV, TSV, JSON, JSON Lines, HTML or Markdown into rows of
// typed cells the way pandas reads them in LiveBench's tablereformat scorer
// (data_analysis/tablereformat/utils.py read_df_func): per-column type inference (integers and
// floats become numbers, True/False booleans, pandas' NA spellings missing values, the rest text),
// duplicate CSV column names suffixed ".1", ".2". Each reader returns nullopt where pandas would
// raise. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ys::livebench {

struct TableCell {
  enum class Kind { missing, number, text, other };  // other: a nested JSON value
  Kind kind = Kind::missing;
  double number = 0;  // number (booleans as 0/1)
  std::string text;   // text, or the JSON of `other`
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<TableCell>> rows;  // rows[i][j] belongs to columns[j]
};

std::optional<Table> read_separated(std::string_view text, char sep);
std::optional<Table> read_json_index(std::string_view text);    // orient="index"
std::optional<Table> read_json_records(std::string_view text);  // orient="records"
std::optional<Table> read_json_lines(std::string_view text);    // orient="records", lines
std::optional<Table> read_json_table(std::string_view text);    // orient="table"
std::optional<Table> read_json_values(std::string_view text);   // orient="values"
std::optional<Table> read_html_tables(std::string_view text);   // every <table>, concatenated
std::optional<Table> read_markdown(std::string_view text);

}  // namespace ys::livebench
