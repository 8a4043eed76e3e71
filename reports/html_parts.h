// Building blocks shared by the files of the HTML report (html_report.cpp, html_charts.cpp,
// html_matrix.cpp, html_samples.cpp). Internal to reports/. Every function that puts a string
// into markup escapes it (html_escape); callers pass raw text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys::html {

std::string esc(const std::string& text);
std::string td(const std::string& text);
// A numeric cell: `shown` is what the reader sees, `value` what the sort script compares.
std::string td_num(const std::string& shown, double value);
std::string header_row(const std::vector<std::string>& titles);
// A number for an SVG attribute: fixed, two decimals.
std::string num(double value);

// The runs of one suite, in leaderboard order.
struct SuiteRuns {
  std::string suite;
  std::vector<const RunSummary*> runs;
};
std::vector<SuiteRuns> runs_by_suite(const ReportData& data);

// "$0.000480" (below a cent) / "$0.0123" (below a dollar) / "$12.35" / "-" (no price).
std::string format_usd(const std::optional<double>& usd);

// A heat colour for a fraction in [0, 1]: red (0) through yellow to green (1), as "hsl(...)".
std::string heat_colour(double fraction);

}  // namespace ys::html
