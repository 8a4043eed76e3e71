// One self-contained HTML page (no external assets; inline CSS and a small inline script that
// sorts tables when a header is clicked): title, comparability notes, the leaderboard, a
// per-category table per suite (categories x runs), a provenance table of the runs, and per-run
// collapsible sample lists capped at ReportOptions::max_samples_per_run (errors, unparsed and
// wrong answers first; the cap is stated on the page), texts cut at ReportOptions::max_text_chars.
// Every string that came from a model, a dataset or a user is HTML-escaped (html_escape), in
// element content and in attribute values alike; no data reaches the script or the stylesheet.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_html_report(const ReportData& data, const ReportOptions& options);

}  // namespace ys
