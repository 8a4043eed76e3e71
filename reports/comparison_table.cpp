#include "reports/comparison_table.h"

#include <algorithm>

#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

using Cells = std::vector<std::string>;

std::string signed_points(double fraction) {
  const std::string text = format_percent(fraction);
  if (text == "0.0" || text == "-0.0") return "0.0";
  return fraction > 0 ? "+" + text : text;
}

Cells header() {
  return {"suite",  "category",      "n", "A",        "B",   "delta (B-A)",
          "95% CI", "won/lost/tied", "p", "p (Holm)", "test"};
}

Cells cells_of(const ComparisonRow& row, double alpha) {
  const PairedComparison& c = row.result;
  const std::string n =
      c.paired ? std::to_string(c.n_common) : std::to_string(c.n_b) + "/" + std::to_string(c.n_a);
  const std::string wlt =
      c.paired ? std::to_string(c.won) + "/" + std::to_string(c.lost) + "/" + std::to_string(c.tied)
               : "-";
  const std::string mark = row.p_adjusted < alpha ? " *" : "";
  return {row.suite,
          row.category.empty() ? "(all)" : row.category,
          n,
          format_percent(c.mean_b),
          format_percent(c.mean_a),
          signed_points(c.diff) + mark,
          "[" + signed_points(c.ci_low) + ", " + signed_points(c.ci_high) + "]",
          wlt,
          format_p_value(c.p_value),
          format_p_value(row.p_adjusted),
          c.method};
}

std::vector<std::string> warnings(const ComparisonView& view) {
  std::vector<std::string> out;
  bool suite_unpaired = false;  // a category row repeats its suite row's warning: shown once
  for (const ComparisonRow& row : view.rows) {
    if (row.category.empty()) suite_unpaired = !row.result.paired;
    if (row.result.paired || (!row.category.empty() && suite_unpaired)) continue;
    out.push_back(row.suite + (row.category.empty() ? "" : " / " + row.category) + ": " +
                  unpaired_warning(row.result, view.candidate, view.baseline));
  }
  return out;
}

std::string legend(const ComparisonView& view) {
  return "A = " + view.baseline + ", B = " + view.candidate +
         "; scores in points; * = Holm-adjusted p < " + format_fixed(view.alpha, 3);
}

}  // namespace

std::string unpaired_warning(const PairedComparison& c, const std::string& first,
                             const std::string& second) {
  if (c.paired) return "";
  if (!c.same_dataset)
    return "unpaired comparison: the runs come from different datasets (fingerprints differ)";
  return "unpaired comparison: the item sets differ (" + std::to_string(c.n_only_a) + " only in " +
         first + ", " + std::to_string(c.n_only_b) + " only in " + second + ", " +
         std::to_string(c.n_common) + " shared)";
}

std::string format_p_value(double p) {
  if (p < 0.001) return "<0.001";
  return format_fixed(p, 3);
}

std::string render_comparison_text(const ComparisonView& view) {
  std::vector<Cells> table = {header()};
  for (const ComparisonRow& row : view.rows) table.push_back(cells_of(row, view.alpha));
  for (Cells& cells : table)
    for (std::string& cell : cells) cell = terminal_safe(cell);
  std::vector<size_t> width(table[0].size(), 0);
  for (const Cells& cells : table)
    for (size_t i = 0; i < cells.size(); ++i)
      width[i] = std::max(width[i], display_width(cells[i]));
  std::string out = terminal_safe(legend(view)) + "\n";
  for (const Cells& cells : table) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i)
      line += cells[i] + std::string(width[i] - display_width(cells[i]) + 2, ' ');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  for (const std::string& w : warnings(view)) out += "warning: " + terminal_safe(w) + "\n";
  return out;
}

std::string render_comparison_markdown(const ComparisonView& view) {
  std::string out = markdown_cell(legend(view)) + "\n\n";
  const Cells head = header();
  for (const std::string& h : head) out += "| " + markdown_cell(h) + " ";
  out += "|\n";
  for (size_t i = 0; i < head.size(); ++i) out += i >= 2 && i <= 9 ? "| ---: " : "| --- ";
  out += "|\n";
  for (const ComparisonRow& row : view.rows) {
    for (const std::string& cell : cells_of(row, view.alpha))
      out += "| " + markdown_cell(cell) + " ";
    out += "|\n";
  }
  const std::vector<std::string> ws = warnings(view);
  if (!ws.empty()) out += "\n";
  for (const std::string& w : ws) out += "- warning: " + markdown_cell(w) + "\n";
  return out;
}

}  // namespace ys
