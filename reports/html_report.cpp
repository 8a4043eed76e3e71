#include "reports/html_report.h"

#include <algorithm>
#include <set>

#include "reports/html_page_assets.h"
#include "reports/livebench_report.h"
#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

constexpr const char* kIntervalFootnote =
    "<p class=\"cap\">95% CI: Wilson score interval when every score is 0 or 1, otherwise the "
    "Student-t interval of the mean (clipped to 0&ndash;100 for scores in that range). A sample "
    "whose request failed counts as 0.</p>\n";

std::string esc(const std::string& text) {
  return html_escape(text);
}

std::string td(const std::string& text) {
  return "<td>" + esc(text) + "</td>";
}

// A numeric cell: `shown` is what the reader sees, `value` what the sort script compares.
std::string td_num(const std::string& shown, double value) {
  return "<td class=\"num\" data-v=\"" + format_fixed(value, 6) + "\">" + esc(shown) + "</td>";
}

std::string header_row(const std::vector<std::string>& titles) {
  std::string out = "<thead><tr>";
  for (const std::string& t : titles) out += "<th>" + esc(t) + "</th>";
  return out + "</tr></thead>\n";
}

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

std::string leaderboard_row(const RunSummary& run, const std::vector<std::string>& metrics) {
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
         td_num(format_latency(run.p95_latency_ms), run.p95_latency_ms) + metric_cells +
         td(run.run_id) + "</tr>\n";
}

std::string leaderboard_section(const ReportData& data) {
  std::string out = "<section id=\"leaderboard\"><h2>Leaderboard</h2>\n<table class=\"sortable\">";
  const std::vector<std::string> metrics = metric_names(data.runs);
  std::vector<std::string> titles = {
      "suite",    "model",         "score %",           "95% CI",       "n / items",  "errors",
      "unparsed", "prompt tokens", "completion tokens", "mean latency", "p95 latency"};
  for (const std::string& name : metrics) titles.push_back(name + " %");
  titles.push_back("run");
  out += header_row(titles);
  out += "<tbody>\n";
  for (const RunSummary* run : leaderboard_order(data.runs)) out += leaderboard_row(*run, metrics);
  return out + "</tbody></table></section>\n";
}

// Arena-Hard leaderboards as published: Model | Score (%) | CI | avg tokens, with judge hygiene.
std::string arena_board(const judge::Leaderboard& board) {
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
  for (const judge::LeaderboardRow& row : board.rows) {
    out += "<tr" + std::string(row.is_baseline ? " class=\"baseline\"" : "") + ">" + td(row.model) +
           td_num(format_fixed(row.score * 100, 1), row.score) + td(judge::format_ci(row)) +
           (row.avg_tokens ? td_num(format_fixed(*row.avg_tokens, 0), *row.avg_tokens) : td("")) +
           td_num(std::to_string(row.n_rows), static_cast<double>(row.n_rows)) + "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (!board.style.empty()) {
    out += "<p class=\"cap\">Style coefficients (median, " + esc(board.ci) + " CI):";
    for (const judge::StyleCoefficient& c : board.style) {
      out += " " + esc(c.name) + " " + format_fixed(c.median, 3) + " [" + format_fixed(c.lower, 3) +
             ", " + format_fixed(c.upper, 3) + "];";
    }
    out += "</p>\n";
  }
  const judge::JudgeHygiene& h = board.hygiene;
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
  for (const judge::Leaderboard& board : data.arena) out += arena_board(board);
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

const MetricSummary* find_category(const RunSummary& run, const std::string& category) {
  for (const auto& [name, m] : run.by_category) {
    if (name == category) return &m;
  }
  return nullptr;
}

std::string category_cell(const MetricSummary* m) {
  if (m == nullptr) return "<td class=\"num\" data-v=\"-1\">-</td>";
  return metric_cell(*m);
}

// Categories down, the suite's runs across (leaderboard order).
std::string category_table(const std::vector<const RunSummary*>& runs) {
  std::set<std::string> categories;
  for (const RunSummary* run : runs) {
    for (const auto& [name, m] : run->by_category) categories.insert(name);
  }
  if (categories.empty()) return "";
  std::vector<std::string> titles = {"category"};
  for (const RunSummary* run : runs) titles.push_back(run->model);
  std::string out = "<h3>" + esc(runs.front()->suite) + "</h3>\n<table class=\"sortable\">" +
                    header_row(titles) + "<tbody>\n";
  for (const std::string& category : categories) {
    out += "<tr>" + td(category);
    for (const RunSummary* run : runs) out += category_cell(find_category(*run, category));
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string categories_section(const ReportData& data) {
  std::string tables;
  std::vector<const RunSummary*> suite_runs;
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    if (!suite_runs.empty() && suite_runs.front()->suite != run->suite) {
      tables += category_table(suite_runs);
      suite_runs.clear();
    }
    suite_runs.push_back(run);
  }
  if (!suite_runs.empty()) tables += category_table(suite_runs);
  if (tables.empty()) return "";
  return "<section id=\"categories\"><h2>Per category (score %)</h2>\n" + tables + "</section>\n";
}

std::string status_label(const SampleRow& s) {
  if (s.status == ScoreStatus::error) {
    return "error" + (s.error_kind.empty() ? std::string() : ": " + s.error_kind);
  }
  if (s.status == ScoreStatus::unparsed) return "unparsed";
  return s.score > 0 ? "ok" : "wrong";
}

std::string status_class(const SampleRow& s) {
  if (s.status == ScoreStatus::error) return "st-error";
  if (s.status == ScoreStatus::unparsed) return "st-unparsed";
  return s.score > 0 ? "st-ok" : "st-wrong";
}

std::string text_block(const char* label, const std::string& text, const ReportOptions& options) {
  if (text.empty()) return "";
  const size_t max = static_cast<size_t>(std::max(options.max_text_chars, 0));
  const size_t length = display_width(text);
  std::string shown = length <= max ? text : truncate_utf8(text, max);
  std::string out = "<b>" + std::string(label) + "</b><pre>" + esc(shown) + "</pre>";
  if (length > max) {
    out += "<p class=\"cap\">cut at " + std::to_string(max) + " of " + std::to_string(length) +
           " characters</p>";
  }
  return out;
}

std::string sample_row(const SampleRow& s, const ReportOptions& options) {
  const std::string texts = text_block("request", s.request_text, options) +
                            text_block("response", s.response_text, options) +
                            text_block("reasoning", s.reasoning, options) +
                            text_block("error", s.error, options);
  return "<tr>" + td(s.item_id) + td(s.category) + "<td class=\"" + status_class(s) + "\">" +
         esc(status_label(s)) + "</td>" + td_num(format_fixed(s.score, 2), s.score) +
         td(s.extracted) + td(s.method) + td(s.finish_reason) +
         td_num(format_latency(s.latency_ms), s.latency_ms) + "<td>" +
         (texts.empty() ? "" : "<details><summary>texts</summary>" + texts + "</details>") +
         "</td></tr>\n";
}

// Errors, then unparsed, then wrong answers, then the rest: what a reader debugging a run needs.
int listing_rank(const SampleRow& s) {
  if (s.status == ScoreStatus::error) return 0;
  if (s.status == ScoreStatus::unparsed) return 1;
  return s.score > 0 ? 3 : 2;
}

std::string run_samples(const RunSummary& run, std::vector<const SampleRow*> samples,
                        const ReportOptions& options) {
  std::stable_sort(samples.begin(), samples.end(), [](const SampleRow* a, const SampleRow* b) {
    return listing_rank(*a) < listing_rank(*b);
  });
  const size_t cap = static_cast<size_t>(std::max(options.max_samples_per_run, 0));
  const size_t shown = std::min(cap, samples.size());
  std::string out = "<details><summary>" + esc(run.model) + " &middot; " + esc(run.suite) +
                    " &mdash; " + std::to_string(samples.size()) + " samples</summary>\n";
  if (shown < samples.size()) {
    out += "<p class=\"cap\">Showing " + std::to_string(shown) + " of " +
           std::to_string(samples.size()) +
           " samples, failures first (errors, unparsed, wrong); the samples-csv and json formats "
           "hold all of them.</p>\n";
  }
  out += "<table class=\"sortable\">" +
         header_row({"item", "category", "status", "score", "extracted", "method", "finish",
                     "latency", "texts"}) +
         "<tbody>\n";
  for (size_t i = 0; i < shown; ++i) out += sample_row(*samples[i], options);
  return out + "</tbody></table></details>\n";
}

std::string samples_section(const ReportData& data, const ReportOptions& options) {
  if (data.samples.empty()) return "";
  const auto by_run = samples_by_run(data);
  std::string out = "<section id=\"samples\"><h2>Samples</h2>\n";
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    const auto found = by_run.find(run->run_id);
    if (found != by_run.end()) out += run_samples(*run, found->second, options);
  }
  return out + "</section>\n";
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
  out += notes_section(data);
  if (!data.runs.empty()) out += leaderboard_section(data);
  out += arena_section(data);
  out += livebench_html_section(data);
  if (!data.runs.empty()) {
    out += categories_section(data);
    out += provenance_section(data);
    out += samples_section(data, options);
  }
  out += "<script>";
  out += kHtmlReportScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace ys
