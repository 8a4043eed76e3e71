// A Markdown summary for a pull-request comment or a CI job summary (GitHub-flavoured tables):
// per suite a leaderboard (rank, model, score and 95% CI in points, answered/planned, errors,
// unparsed), and, when the suite has two or more runs and the report has samples, each run paired
// against the suite's top run (judge/stats/run_comparison.h: delta, 95% bootstrap CI, p-value,
// Holm-adjusted over the comparisons of that suite, test, and a warning when unpaired); then the
// comparability notes. Every stored string goes through markdown_cell. Pure, thread-safe.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_markdown_report(const ReportData& data, const ReportOptions& options);

}  // namespace ys
