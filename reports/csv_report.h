// CSV reports (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
// quote or line break; UTF-8 without BOM). Columns are listed in docs/reports.md (schema 1).
// Text cells that a spreadsheet would run as a formula (starting with = + - @ tab CR) get a leading
// single quote (csv_text_field); numeric columns are written as formatted (docs/reports.md).
#pragma once

#include <string>

#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

// One row per run in leaderboard order; one metric:<name> column per metric of any run.
std::string render_leaderboard_csv(const ReportData& data, const ReportOptions& options);

// One row per run and category, in leaderboard order then category name.
std::string render_categories_csv(const ReportData& data, const ReportOptions& options);

// One row per sample, in input order, with full texts (no truncation).
std::string render_samples_csv(const ReportData& data, const ReportOptions& options);

// Arena-Hard leaderboards: one row per category and model, in table order (score, fractions).
std::string render_arena_csv(const ReportData& data, const ReportOptions& options);

}  // namespace ys
