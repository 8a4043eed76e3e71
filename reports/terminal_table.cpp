#include "reports/terminal_table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "reports/livebench_report.h"
#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

enum Column {
  kModel,
  kSuite,
  kScore,
  kCi,
  kN,
  kErrors,
  kUnparsed,
  kTokens,
  kLatency,
  kCost,
  kColumns
};

constexpr const char* kTitles[kColumns] = {"model",  "suite",    "score %", "95% CI",  "n",
                                           "errors", "unparsed", "tokens",  "latency", "cost $"};
constexpr bool kRightAligned[kColumns] = {false, false, true, false, true,
                                          true,  true,  true, true,  true};
// Columns given up, in this order, when the table is wider than the terminal. The cost column
// shows only when the config has a price table (harness/config `prices`).
constexpr Column kDropOrder[] = {kTokens, kCost, kLatency, kUnparsed, kCi};
constexpr size_t kMinModelWidth = 8;
constexpr size_t kMinSuiteWidth = 6;

struct Row {
  std::vector<std::string> cells;  // kColumns entries; empty vector = suite separator
  bool best = false;               // highest score of its suite
  bool has_errors = false;
};

struct Layout {
  std::vector<bool> visible = std::vector<bool>(kColumns, true);
  std::vector<size_t> widths = std::vector<size_t>(kColumns, 0);
};

std::string count_cell(const RunSummary& run) {
  if (run.n_done < run.n_items)
    return std::to_string(run.n_done) + "/" + std::to_string(run.n_items);
  return std::to_string(run.n_done);
}

std::string cost_cell(const ReportData& data, const RunSummary& run) {
  const std::optional<double> cost = run_cost_usd(data, run);
  return cost ? format_fixed(*cost, 2) : "-";
}

Row run_row(const ReportData& data, const RunSummary& run, bool best) {
  Row row;
  row.cells = {terminal_safe(run.model),
               terminal_safe(run.suite),
               format_percent(run.score.mean),
               format_ci_percent(run.score),
               count_cell(run),
               std::to_string(run.n_errors),
               std::to_string(run.n_unparsed),
               format_compact(run.prompt_tokens + run.completion_tokens),
               format_latency(run.mean_latency_ms),
               cost_cell(data, run)};
  row.best = best;
  row.has_errors = run.n_errors > 0;
  return row;
}

Row category_row(const std::string& category, const MetricSummary& m, bool unicode) {
  Row row;
  row.cells.assign(kColumns, "");
  row.cells[kModel] = std::string(unicode ? "  └ " : "  - ") + terminal_safe(category);
  row.cells[kScore] = format_percent(m.mean);
  row.cells[kCi] = format_ci_percent(m);
  row.cells[kN] = std::to_string(m.n);
  return row;
}

std::vector<Row> build_rows(const ReportData& data, const ReportOptions& options) {
  std::vector<Row> rows;
  const std::string* suite = nullptr;
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    const bool first_of_suite = suite == nullptr || *suite != run->suite;
    if (first_of_suite && suite != nullptr) rows.push_back(Row{});
    suite = &run->suite;
    rows.push_back(run_row(data, *run, first_of_suite));
    if (!options.by_category) continue;
    for (const auto& [category, m] : run->by_category) {
      rows.push_back(category_row(category, m, options.unicode));
    }
  }
  return rows;
}

size_t table_width(const Layout& layout) {
  size_t total = 1;
  for (int c = 0; c < kColumns; ++c) {
    if (layout.visible[c]) total += layout.widths[c] + 3;
  }
  return total;
}

Layout fit_layout(const std::vector<Row>& rows, size_t max_width, bool with_cost) {
  Layout layout;
  layout.visible[kCost] = with_cost;
  for (int c = 0; c < kColumns; ++c) layout.widths[c] = display_width(kTitles[c]);
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.cells.size(); ++c) {
      layout.widths[c] = std::max(layout.widths[c], display_width(row.cells[c]));
    }
  }
  if (max_width == 0) return layout;
  for (Column c : kDropOrder) {
    if (table_width(layout) <= max_width) break;
    layout.visible[c] = false;
  }
  const std::pair<Column, size_t> shrinkable[] = {{kModel, kMinModelWidth},
                                                  {kSuite, kMinSuiteWidth}};
  for (const auto& [column, min_width] : shrinkable) {
    const size_t total = table_width(layout);
    if (total <= max_width || layout.widths[column] <= min_width) continue;
    layout.widths[column] -= std::min(total - max_width, layout.widths[column] - min_width);
  }
  return layout;
}

struct Box {
  const char* h;
  const char* v;
  const char* corners[3][3];  // [top|middle|bottom][left|inner|right]
};
constexpr Box kUnicodeBox = {"─", "│", {{"┌", "┬", "┐"}, {"├", "┼", "┤"}, {"└", "┴", "┘"}}};
constexpr Box kAsciiBox = {"-", "|", {{"+", "+", "+"}, {"+", "+", "+"}, {"+", "+", "+"}}};

std::string rule(const Layout& layout, const Box& box, int level) {
  std::string line = box.corners[level][0];
  bool first = true;
  for (int c = 0; c < kColumns; ++c) {
    if (!layout.visible[c]) continue;
    if (!first) line += box.corners[level][1];
    first = false;
    for (size_t i = 0; i < layout.widths[c] + 2; ++i) line += box.h;
  }
  return line + box.corners[level][2] + "\n";
}

std::string colour(const std::string& text, const char* code, bool enabled) {
  if (!enabled || text.empty()) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

std::string padded(const std::string& text, size_t width, bool right, bool unicode) {
  const std::string cut = truncate_display(text, width, unicode);
  const std::string pad(width - display_width(cut), ' ');
  return right ? pad + cut : cut + pad;
}

std::string line(const Layout& layout, const Box& box, const std::vector<std::string>& cells,
                 const Row* row, const ReportOptions& options) {
  std::string out = box.v;
  for (int c = 0; c < kColumns; ++c) {
    if (!layout.visible[c]) continue;
    std::string cell = padded(cells[c], layout.widths[c], kRightAligned[c], options.unicode);
    if (row == nullptr) {
      cell = colour(cell, "1", options.color);
    } else if (c == kScore && row->best) {
      cell = colour(cell, "1;32", options.color);
    } else if (c == kErrors && row->has_errors) {
      cell = colour(cell, "31", options.color);
    }
    out += " " + cell + " " + box.v;
  }
  return out + "\n";
}

// `text` word-wrapped to `width` columns (0 = no wrapping): the first line starts with `prefix`,
// continuation lines with `indent`.
std::string wrap_words(const std::string& text, size_t width, const std::string& prefix,
                       const std::string& indent) {
  std::string out = prefix;
  size_t column = display_width(prefix);
  bool first_on_line = true;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const size_t word_width = display_width(word);
    if (width > 0 && !first_on_line && column + 1 + word_width > width) {
      out += "\n" + indent;
      column = display_width(indent);
    } else if (!first_on_line) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word_width;
    first_on_line = false;
  }
  return out + "\n";
}

// "note: <text>" word-wrapped to `width` columns (0 = no wrapping), continuation lines indented.
std::string wrap_note(const std::string& text, size_t width) {
  return wrap_words(text, width, "note: ", "      ");
}

// Multi-line text with each line passed through terminal_safe; a line wider than `width` (0 = no
// limit) is word-wrapped with an indent.
std::string safe_lines(const std::string& text, size_t width) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = terminal_safe(std::string_view(text).substr(start, end - start));
    out += width > 0 && display_width(line) > width ? wrap_words(line, width, "", "    ")
                                                    : line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string render_terminal_table(const ReportData& data, const ReportOptions& options) {
  std::string arena;
  for (const arena::Leaderboard& board : data.arena)
    arena += "\n" + safe_lines(arena::render_leaderboard_text(board),
                               static_cast<size_t>(std::max(options.width, 0)));
  for (const livebench::Board& board : data.livebench)
    arena += "\n" + safe_lines(render_livebench_text(board),
                               static_cast<size_t>(std::max(options.width, 0)));
  if (data.runs.empty()) return arena.empty() ? "no runs to report\n" : arena.substr(1);
  const std::vector<Row> rows = build_rows(data, options);
  const Layout layout =
      fit_layout(rows, static_cast<size_t>(std::max(options.width, 0)), !data.prices.empty());
  const Box& box = options.unicode ? kUnicodeBox : kAsciiBox;
  std::string out = rule(layout, box, 0);
  out += line(layout, box, std::vector<std::string>(std::begin(kTitles), std::end(kTitles)),
              nullptr, options);
  out += rule(layout, box, 1);
  for (const Row& row : rows) {
    out += row.cells.empty() ? rule(layout, box, 1) : line(layout, box, row.cells, &row, options);
  }
  out += rule(layout, box, 2);
  for (const std::string& note : data.notes) {
    out += wrap_note(terminal_safe(note), static_cast<size_t>(std::max(options.width, 0)));
  }
  return out + arena;
}

ReportOptions terminal_options() {
  ReportOptions options;
  const bool tty = isatty(STDOUT_FILENO) == 1;
  options.color = tty && std::getenv("NO_COLOR") == nullptr;
  if (const char* columns = std::getenv("COLUMNS")) options.width = std::atoi(columns);
  winsize size{};
  if (options.width <= 0 && tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) {
    options.width = size.ws_col;
  }
  options.width = std::max(options.width, 0);
  options.unicode = false;
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string locale = value;
    options.unicode =
        locale.find("UTF-8") != std::string::npos || locale.find("utf8") != std::string::npos ||
        locale.find("UTF8") != std::string::npos || locale.find("utf-8") != std::string::npos;
    break;
  }
  return options;
}

}  // namespace ys
