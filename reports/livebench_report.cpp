#include "reports/livebench_report.h"

#include <algorithm>

#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

using livebench::Board;
using livebench::BoardCell;
using livebench::BoardRow;

std::string name_of(const BoardRow& row) {
  return row.complete() ? row.model : row.model + " *";
}

// Left-aligned first column, right-aligned others, two spaces apart.
std::string text_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()));
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      const std::string pad(width[i] - r[i].size(), ' ');
      line += i == 0 ? r[i] + pad : "  " + pad + r[i];
    }
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

std::string ci_text(const BoardCell& c) {
  return "[" + format_fixed(c.ci_low, 1) + ", " + format_fixed(c.ci_high, 1) + "]";
}

std::string tasks_table(const Board& board) {
  std::vector<const BoardRow*> rows;
  for (const BoardRow& r : board.rows) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(),
            [](const BoardRow* a, const BoardRow* b) { return a->model < b->model; });
  std::vector<std::vector<std::string>> t = {{"model"}};
  for (const auto& [category, task] : board.tasks) t[0].push_back(task);
  for (const BoardRow* r : rows) {
    std::vector<std::string> line = {name_of(*r)};
    for (const auto& key : board.tasks) {
      auto it = r->tasks.find(key.second);
      line.push_back(it == r->tasks.end() ? "-" : format_fixed(it->second.mean, 3));
    }
    t.push_back(std::move(line));
  }
  return text_table(t);
}

std::string groups_table(const Board& board, bool intervals) {
  std::vector<std::vector<std::string>> t = {{"model", "average"}};
  for (const std::string& c : board.categories) t[0].push_back(c);
  for (const BoardRow& r : board.rows) {
    std::vector<std::string> line = {
        name_of(r), intervals ? ci_text(r.overall) : format_fixed(r.overall.mean, 1)};
    for (const std::string& c : board.categories) {
      auto it = r.categories.find(c);
      line.push_back(it == r.categories.end() ? "-"
                     : intervals              ? ci_text(it->second)
                                              : format_fixed(it->second.mean, 1));
    }
    t.push_back(std::move(line));
  }
  return text_table(t);
}

std::string html_cell(const BoardCell* c, int decimals) {
  if (c == nullptr) return "<td class=\"num\" data-v=\"-1\">-</td>";
  return "<td class=\"num\" data-v=\"" + format_fixed(c->mean, 6) + "\" title=\"95% CI " +
         ci_text(*c) + ", n = " + std::to_string(c->n) + "\">" + format_fixed(c->mean, decimals) +
         "</td>";
}

std::string html_board(const Board& board) {
  std::string out = "<p class=\"meta\">Release " + html_escape(board.release) +
                    "; task = mean over its questions &times; 100, category = mean of its tasks, "
                    "average = mean of the categories. 95% CI (tooltips) from " +
                    std::to_string(board.rounds) + " bootstrap rounds over questions (seed " +
                    std::to_string(board.seed) + ").</p>\n<table class=\"sortable\"><thead><tr>" +
                    "<th>model</th><th>average</th><th>answered</th><th>errors</th>";
  for (const std::string& c : board.categories) out += "<th>" + html_escape(c) + "</th>";
  for (const auto& t : board.tasks) out += "<th>" + html_escape(t.second) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const BoardRow& r : board.rows) {
    out += "<tr><td>" + html_escape(name_of(r)) + "</td>" + html_cell(&r.overall, 1) +
           "<td class=\"num\">" + std::to_string(r.n_answered) + " / " +
           std::to_string(r.n_selected) + "</td><td class=\"num\">" + std::to_string(r.n_errors) +
           "</td>";
    for (const std::string& c : board.categories) {
      auto it = r.categories.find(c);
      out += html_cell(it == r.categories.end() ? nullptr : &it->second, 1);
    }
    for (const auto& t : board.tasks) {
      auto it = r.tasks.find(t.second);
      out += html_cell(it == r.tasks.end() ? nullptr : &it->second, 3);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (!board.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& n : board.notes) out += "<li>" + html_escape(n) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

void csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  out += "\n";
}

void csv_cell(std::string& out, const BoardRow& r, const std::string& level,
              const std::string& category, const std::string& task, const BoardCell& c) {
  csv_line(out, {r.model, level, category, task, format_fixed(c.mean, 6), format_fixed(c.ci_low, 6),
                 format_fixed(c.ci_high, 6), std::to_string(c.n), std::to_string(r.n_selected),
                 std::to_string(r.n_answered), std::to_string(r.n_errors),
                 r.complete() ? "true" : "false"});
}

}  // namespace

std::string render_livebench_text(const Board& board) {
  std::string out = "LiveBench" + (board.release.empty() ? "" : " release " + board.release) +
                    "\n\n########## All Tasks ##########\n" + tasks_table(board) +
                    "\n########## All Groups ##########\n" + groups_table(board, false) +
                    "\n95% intervals (" + std::to_string(board.rounds) +
                    " bootstrap rounds over questions, seed " + std::to_string(board.seed) + ")\n" +
                    groups_table(board, true);
  for (const std::string& n : board.notes) out += "* " + n + "\n";
  return out;
}

std::string render_livebench_csv(const ReportData& data, const ReportOptions&) {
  std::string out;
  csv_line(out, {"model", "level", "category", "task", "score", "ci_low", "ci_high", "n",
                 "n_selected", "n_answered", "n_errors", "complete"});
  for (const Board& board : data.livebench) {
    for (const BoardRow& r : board.rows) {
      csv_cell(out, r, "overall", "", "", r.overall);
      for (const auto& [c, cell] : r.categories) csv_cell(out, r, "category", c, "", cell);
      for (const auto& [category, task] : board.tasks) {
        auto it = r.tasks.find(task);
        if (it != r.tasks.end()) csv_cell(out, r, "task", category, task, it->second);
      }
    }
  }
  return out;
}

std::string livebench_html_section(const ReportData& data) {
  if (data.livebench.empty()) return "";
  std::string out = "<section id=\"livebench\"><h2>LiveBench</h2>\n";
  for (const Board& board : data.livebench) out += html_board(board);
  return out + "</section>\n";
}

}  // namespace ys
