// The baseline rule of `yardstick gate`: compares the candidate with the baseline (judge/stats/
// run_comparison.h) and decides per suite and for the pooled "overall" row (category rows are
// shown by `compare`, not gated). A check fails (rule "significant-drop") only when the candidate
// is worse by more than max_drop points AND the drop is significant: Holm-adjusted p < alpha.
// Otherwise it passes as "no-significant-change" (p >= alpha), "drop-within-max-drop" or
// "significant-improvement".
#pragma once

#include <string>
#include <vector>

#include "reports/comparison_table.h"
#include "reports/gate_report.h"

namespace ys::cli {

struct BaselineRule {
  double max_drop_points = 0;  // in points (percent of the 0..1 score)
  double alpha = 0.05;
};

std::vector<GateCheck> baseline_checks(const ComparisonView& view, const BaselineRule& rule);

}  // namespace ys::cli
