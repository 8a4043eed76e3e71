// One self-contained HTML page (no network, no external assets: inline CSS, inline SVG charts
// written by us, one inline script). Sections, in order: comparability notes; score bars per
// suite with 95% CI whiskers (html_charts.h); the leaderboard with a cost column (prices from
// ReportData::prices); a per-category heatmap and a pairwise matrix of score deltas with
// Holm-adjusted significance marks (html_matrix.h); score against cost, tokens and latency with
// the Pareto front (html_charts.h); Arena-Hard and LiveBench tables; the runs' provenance; and a
// sample browser rendered lazily from embedded JSON (html_samples.h), at most
// ReportOptions::max_samples_per_run samples per run (failures first), texts cut at
// ReportOptions::max_text_chars. Every string that came from a model, a dataset or a user is
// HTML-escaped in markup and reaches the page from JSON only through textContent; no '<' is ever
// written inside the JSON element. Format: docs/reports.md, "HTML".
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_html_report(const ReportData& data, const ReportOptions& options);

}  // namespace ys
