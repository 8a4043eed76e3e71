// Renders a comparison of two models (judge/stats/run_comparison.h) as an aligned plain-text table
// (for `yardstick compare`) or a Markdown table (report --format markdown, gate summaries).
// Scores and deltas are in points (percent of the 0..1 score, one decimal); delta = B - A where
// the view's rows were computed with B as the first model (see ComparisonView). Every name is made
// terminal- or Markdown-safe. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "judge/stats/run_comparison.h"

namespace ys {

struct ComparisonView {
  std::string baseline, candidate;  // A and B; rows hold compare_models(.., candidate, baseline)
  std::vector<ComparisonRow> rows;
  double alpha = 0.05;  // a '*' marks rows whose Holm-adjusted p is below it
};

// Columns: suite, category, n, A, B, delta, 95% CI, won/lost/tied (B against A), p, p (Holm),
// test; then one "warning:" line per unpaired suite row, and per unpaired category row of a
// paired suite row.
std::string render_comparison_text(const ComparisonView& view);

// The same as a GitHub-flavoured Markdown table, warnings as a list below it.
std::string render_comparison_markdown(const ComparisonView& view);

// Why a comparison is unpaired, naming the runs: "unpaired comparison: the item sets differ (2 only
// in NAME_A, 0 only in NAME_B, 38 shared)" or "...: the runs come from different datasets
// (fingerprints differ)"; empty when paired. first/second name the runs passed to compare_paired
// as a and b.
std::string unpaired_warning(const PairedComparison& c, const std::string& first,
                             const std::string& second);

// 0.0123 -> "0.012", 3e-7 -> "<0.001"; used by both renderers.
std::string format_p_value(double p);

}  // namespace ys
