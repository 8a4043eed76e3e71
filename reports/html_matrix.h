// The HTML report's two matrices, as coloured tables: the per-category heatmap (categories down,
// models across, one per suite) and the pairwise matrix of score deltas between models with
// significance marks (paired comparison, judge/stats/paired.h; Holm-adjusted within a suite).
// Internal to reports/; every label is escaped.
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys::html {

// <section id="heatmap">, or "" when no run has categories.
std::string heatmap_section(const ReportData& data);

// <section id="pairwise">, or "" when no suite has two runs with samples.
std::string pairwise_section(const ReportData& data, const ReportOptions& options);

}  // namespace ys::html
