// LiveBench leaderboards (judge/livebench/leaderboard.h) in the report formats: the terminal text
// laid out as LiveBench's show_livebench_result.py prints it (an "All Tasks" table of task scores
// with 3 decimals sorted by model, an "All Groups" table of the overall average and category
// scores with 1 decimal sorted by average), followed by the 95% intervals; a long-format CSV; and
// an HTML section. Pure functions over ReportData; thread-safe. Columns: docs/reports.md.
#pragma once

#include <string>

#include "judge/livebench/leaderboard.h"
#include "reports/report_data.h"
#include "reports/report_format.h"

namespace ys {

std::string render_livebench_text(const livebench::Board& board);

// CSV, one row per model and number: model,level,category,task,score,ci_low,ci_high,n,
// n_selected,n_answered,n_errors,complete (level = overall | category | task).
std::string render_livebench_csv(const ReportData& data, const ReportOptions& options);

// The HTML section for data.livebench ("" when empty).
std::string livebench_html_section(const ReportData& data);

}  // namespace ys
