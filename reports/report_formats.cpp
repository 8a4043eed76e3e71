#include <exception>

#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/livebench_report.h"
#include "reports/markdown_report.h"
#include "reports/report_format.h"
#include "reports/terminal_table.h"

namespace ys {

const std::vector<ReportFormat>& report_formats() {
  static const std::vector<ReportFormat> formats = {
      {"table", "terminal leaderboard: one line per run, grouped by suite, sorted by score", ".txt",
       render_terminal_table},
      {"csv", "leaderboard CSV: one row per run with score, CI, counts, tokens, latency", ".csv",
       render_leaderboard_csv},
      {"categories-csv", "per-category CSV: one row per run and category", ".csv",
       render_categories_csv},
      {"samples-csv", "per-sample CSV export: request, response, extraction, score, error", ".csv",
       render_samples_csv},
      {"arena-csv", "Arena-Hard leaderboard CSV: one row per category and model", ".csv",
       render_arena_csv},
      {"livebench-csv", "LiveBench leaderboard CSV: overall, category and task scores with CIs",
       ".csv", render_livebench_csv},
      {"json", "the whole report data as JSON (schema_version 1)", ".json", render_json_report},
      {"junit", "JUnit XML: a testsuite per run, a testcase per sample, for CI systems", ".xml",
       render_junit_report},
      {"markdown",
       "Markdown summary for a PR comment or CI job summary: leaderboards, paired deltas", ".md",
       render_markdown_report},
      {"html", "one self-contained HTML page: leaderboard, Arena-Hard, categories, notes, samples",
       ".html", render_html_report},
  };
  return formats;
}

const ReportFormat* find_report_format(const std::string& name) {
  for (const ReportFormat& format : report_formats()) {
    if (name == format.name) return &format;
  }
  return nullptr;
}

Expected<std::string> render_report(const std::string& format, const ReportData& data,
                                    const ReportOptions& options) {
  const ReportFormat* found = find_report_format(format);
  if (found == nullptr) {
    std::string known;
    for (const ReportFormat& f : report_formats())
      known += (known.empty() ? "" : ", ") + std::string(f.name);
    return Error{"unknown report format '" + format + "' (known: " + known + ")"};
  }
  try {
    return found->render(data, options);
  } catch (const std::exception& e) {
    return Error{std::string("rendering the ") + found->name + " report failed: " + e.what()};
  }
}

}  // namespace ys
