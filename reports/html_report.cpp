#include "reports/html_report.h"

#include <optional>

#include "reports/html_browser_script.h"
#include "reports/html_charts.h"
#include "reports/html_matrix.h"
#include "reports/html_page_assets.h"
#include "reports/html_parts.h"
#include "reports/html_samples.h"
#include "reports/livebench_report.h"
#include "reports/report_common.h"

namespace ys {
namespace {

using html::esc;
using html::header_row;
using html::td;
using html::td_num;

constexpr const char* kNav =
    "<nav><a href=\"#scores\">scores</a><a href=\"#leaderboard\">leaderboard</a><a "
    "href=\"#heatmap\">categories</a><a href=\"#pairwise\">pairwise</a><a "
    "href=\"#tradeoffs\">cost and speed</a><a href=\"#runs\">runs</a><a "
    "href=\"#samples\">samples</a></nav>\n";

constexpr const char* kIntervalFootnote =
    "<p class=\"cap\">95% CI: Wilson score interval when every score is 0 or 1, otherwise the "
    "Student-t interval of the mean (clipped to 0&ndash;100 for scores in that range). A sample "
    "whose request failed counts as 0.</p>\n";

std::string notes_section(const ReportData& data) {
  if (data.notes.empty()) return "";
  std::string out = "<section id=\"notes\"><h2>Comparability notes</h2><ul class=\"notes\">\n";
  for (const std::string& note : data.notes) out += "<li>" + esc(note) + "</li>\n";
  return out + "</ul></section>\n";
}

// A mean in percent, with the interval and n in the tooltip.
std::string metric_cell(const MetricSummary& m) {
  return "<td class=\"num\" data-v=\"" + format_fixed(m.mean, 6) + "\" title=\"95% CI " +
         esc(format_ci_percent(m)) + ", n = " + std::to_string(m.n) + "\">" +
         esc(format_percent(m.mean)) + "</td>";
}

std::string leaderboard_row(const ReportData& data, const RunSummary& run,
                            const std::vector<std::string>& metrics) {
  const std::optional<double> cost = run_cost_usd(data, run);
  std::string metric_cells;
  for (const std::string& name : metrics) {
    const MetricSummary* m = find_metric(run, name);
    metric_cells += m == nullptr ? "<td class=\"num\" data-v=\"-1\">-</td>" : metric_cell(*m);
  }
  return "<tr>" + td(run.suite) + td(run.model) +
         td_num(format_percent(run.score.mean), run.score.mean) + "<td class=\"num\">" +
         esc(format_ci_percent(run.score)) + "</td>" +
         td_num(std::to_string(run.n_done) + " / " + std::to_string(run.n_items),
                static_cast<double>(run.n_done)) +
         td_num(std::to_string(run.n_errors), static_cast<double>(run.n_errors)) +
         td_num(std::to_string(run.n_unparsed), static_cast<double>(run.n_unparsed)) +
         td_num(std::to_string(run.prompt_tokens), static_cast<double>(run.prompt_tokens)) +
         td_num(std::to_string(run.completion_tokens), static_cast<double>(run.completion_tokens)) +
         td_num(format_latency(run.mean_latency_ms), run.mean_latency_ms) +
         td_num(format_latency(run.p95_latency_ms), run.p95_latency_ms) +
         td_num(html::format_usd(cost), cost.value_or(-1)) + metric_cells + td(run.run_id) +
         "</tr>\n";
}

std::string leaderboard_section(const ReportData& data) {
  std::string out = "<section id=\"leaderboard\"><h2>Leaderboard</h2>\n<table class=\"sortable\">";
  const std::vector<std::string> metrics = metric_names(data.runs);
  std::vector<std::string> titles = {
      "suite",    "model",         "score %",           "95% CI",       "n / items",   "errors",
      "unparsed", "prompt tokens", "completion tokens", "mean latency", "p95 latency", "cost"};
  for (const std::string& name : metrics) titles.push_back(name + " %");
  titles.push_back("run");
  out += header_row(titles);
  out += "<tbody>\n";
  for (const RunSummary* run : leaderboard_order(data.runs))
    out += leaderboard_row(data, *run, metrics);
  return out + "</tbody></table></section>\n";
}

// Arena-Hard leaderboards as published: Model | Score (%) | CI | avg tokens, with judge hygiene.
std::string arena_board(const arena::Leaderboard& board) {
  std::string judges;
  for (const std::string& j : board.judges) judges += (judges.empty() ? "" : ", ") + j;
  std::string out = "<h3>" + esc(board.category.empty() ? "all questions" : board.category) +
                    "</h3>\n<p class=\"meta\">Baseline " + esc(board.baseline) + "; judge " +
                    esc(judges) + "; " + esc(board.method) + ", " + esc(board.ci) + " CI from " +
                    std::to_string(board.rounds) + " bootstrap rounds (seed " +
                    std::to_string(board.seed) + "); null rule " + esc(board.null_rule) +
                    ".</p>\n<table class=\"sortable\">";
  out += header_row({"model", "score %", board.ci + " CI", "avg tokens", "battle rows"});
  out += "<tbody>\n";
  for (const arena::LeaderboardRow& row : board.rows) {
    out += "<tr" + std::string(row.is_baseline ? " class=\"baseline\"" : "") + ">" + td(row.model) +
           td_num(format_fixed(row.score * 100, 1), row.score) + td(arena::format_ci(row)) +
           (row.avg_tokens ? td_num(format_fixed(*row.avg_tokens, 0), *row.avg_tokens) : td("")) +
           td_num(std::to_string(row.n_rows), static_cast<double>(row.n_rows)) + "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (!board.style.empty()) {
    out += "<p class=\"cap\">Style coefficients (median, " + esc(board.ci) + " CI):";
    for (const arena::StyleCoefficient& c : board.style) {
      out += " " + esc(c.name) + " " + format_fixed(c.median, 3) + " [" + format_fixed(c.lower, 3) +
             ", " + format_fixed(c.upper, 3) + "];";
    }
    out += "</p>\n";
  }
  const arena::JudgeHygiene& h = board.hygiene;
  out += "<p class=\"cap\">Judge hygiene: position inconsistency " +
         format_fixed(h.position_inconsistency() * 100, 1) + "% of " +
         std::to_string(h.n_pairs_both_valid) + " questions with two valid games; null verdicts " +
         format_fixed(h.null_share() * 100, 1) + "% of " + std::to_string(h.n_games) +
         " games.</p>\n";
  if (!h.warnings.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& w : h.warnings) out += "<li>" + esc(w) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

std::string arena_section(const ReportData& data) {
  if (data.arena.empty()) return "";
  std::string out = "<section id=\"arena\"><h2>Arena-Hard</h2>\n";
  for (const arena::Leaderboard& board : data.arena) out += arena_board(board);
  return out + "</section>\n";
}

// Where each run's numbers come from: what decides whether two runs can be compared.
std::string provenance_section(const ReportData& data) {
  std::string out = "<section id=\"runs\"><h2>Runs</h2>\n<table class=\"sortable\">";
  out += header_row({"run", "model", "model identity", "suite", "protocol", "dataset fingerprint",
                     "harness", "created", "params"});
  out += "<tbody>\n";
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    out += "<tr>" + td(run->run_id) + td(run->model) + td(run->model_identity) + td(run->suite) +
           td(run->protocol_version) + td(run->dataset_fingerprint) + td(run->harness_version) +
           td(run->created_at) +
           td(run->params.dump(-1, ' ', false, Json::error_handler_t::replace)) + "</tr>\n";
  }
  return out + "</tbody></table>\n" + kIntervalFootnote + "</section>\n";
}

}  // namespace

std::string render_html_report(const ReportData& data, const ReportOptions& options) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>yardstick report</title>\n<style>";
  out += kHtmlReportStyle;
  out += "</style>\n</head>\n<body>\n<h1>yardstick report</h1>\n<p class=\"meta\">Generated " +
         esc(data.generated_at) + " by yardstick " + esc(data.harness_version) + ".</p>\n";
  if (!data.runs.empty()) out += kNav;
  out += notes_section(data);
  if (!data.runs.empty()) {
    out += html::score_bars_section(data);
    out += leaderboard_section(data);
    out += html::heatmap_section(data);
    out += html::pairwise_section(data, options);
    out += html::tradeoff_section(data);
  }
  out += arena_section(data);
  out += livebench_html_section(data);
  if (!data.runs.empty()) {
    out += provenance_section(data);
    out += html::samples_section(data, options);
  }
  out += "<script>";
  out += kHtmlReportScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace ys
