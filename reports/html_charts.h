// The HTML report's charts, as inline SVG written here (no library): score bars with 95% CI
// whiskers per suite, and score against cost, tokens and latency with the Pareto front marked.
// Internal to reports/; every label is escaped.
#pragma once

#include <string>

#include "reports/report_data.h"

namespace ys::html {

// <section id="scores">: one bar chart per suite (models in leaderboard order, 0-100%).
std::string score_bars_section(const ReportData& data);

// <section id="tradeoffs">: per suite, score against cost (only when every run has a price),
// completion tokens per item and mean latency; front points filled and joined by a line.
std::string tradeoff_section(const ReportData& data);

}  // namespace ys::html
