#include "harness/cli/gate_baseline.h"

#include <cstdio>

namespace ys::cli {
namespace {

std::string points(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f", fraction * 100.0);
  return buf;
}

std::string verdict(const ComparisonRow& row, const BaselineRule& rule, bool& passed,
                    std::string& name) {
  const PairedComparison& c = row.result;
  const bool significant = row.p_adjusted < rule.alpha;
  const double drop = -c.diff * 100.0;
  passed = !(significant && drop > rule.max_drop_points);
  if (!passed)
    name = "significant-drop";
  else if (!significant)
    name = "no-significant-change";
  else if (c.diff < 0)
    name = "drop-within-max-drop";
  else
    name = "significant-improvement";
  if (!passed) return "significant drop larger than --max-drop";
  if (!significant) return "no significant change";
  return c.diff < 0 ? "significant drop, within --max-drop" : "significant improvement";
}

std::string describe(const ComparisonRow& row, const BaselineRule& rule, const std::string& what) {
  const PairedComparison& c = row.result;
  char max_drop[32];
  std::snprintf(max_drop, sizeof max_drop, "%.2f", rule.max_drop_points);
  return points(c.diff) + " points [95% CI " + points(c.ci_low) + ", " + points(c.ci_high) +
         "], p=" + format_p_value(c.p_value) + " (Holm " + format_p_value(row.p_adjusted) + ", " +
         c.method + (c.paired ? ", paired" : ", UNPAIRED") + "), alpha " +
         format_p_value(rule.alpha) + ", max-drop " + max_drop + ": " + what;
}

}  // namespace

std::vector<GateCheck> baseline_checks(const ComparisonView& view, const BaselineRule& rule) {
  std::vector<GateCheck> out;
  for (const ComparisonRow& row : view.rows) {
    if (!row.category.empty()) continue;
    GateCheck check;
    check.kind = "baseline";
    check.name = view.candidate + " vs " + view.baseline + " on " + row.suite;
    const std::string what = verdict(row, rule, check.passed, check.rule);
    check.message = describe(row, rule, what) + " [rule: " + check.rule + "]";
    out.push_back(check);
  }
  return out;
}

}  // namespace ys::cli
