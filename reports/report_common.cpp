#include "reports/report_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace ys {

std::vector<const RunSummary*> leaderboard_order(const std::vector<RunSummary>& runs) {
  std::vector<const RunSummary*> order;
  for (const RunSummary& run : runs) order.push_back(&run);
  std::stable_sort(order.begin(), order.end(), [](const RunSummary* a, const RunSummary* b) {
    if (a->suite != b->suite) return a->suite < b->suite;
    // NaN sorts last, so a damaged summary cannot break the ordering.
    const double sa = std::isnan(a->score.mean) ? -INFINITY : a->score.mean;
    const double sb = std::isnan(b->score.mean) ? -INFINITY : b->score.mean;
    if (sa != sb) return sa > sb;
    if (a->model != b->model) return a->model < b->model;
    return a->run_id < b->run_id;
  });
  return order;
}

std::map<std::string, std::vector<const SampleRow*>> samples_by_run(const ReportData& data) {
  std::map<std::string, std::vector<const SampleRow*>> out;
  for (const SampleRow& row : data.samples) out[row.run_id].push_back(&row);
  return out;
}

std::vector<std::string> metric_names(const std::vector<RunSummary>& runs) {
  std::set<std::string> names;
  for (const RunSummary& run : runs) {
    for (const MetricSummary& m : run.metrics) names.insert(m.name);
  }
  return {names.begin(), names.end()};
}

const MetricSummary* find_metric(const RunSummary& run, const std::string& name) {
  for (const MetricSummary& m : run.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string format_percent(double fraction) {
  return fmt::format("{:.1f}", 100.0 * fraction);
}

std::string format_ci_percent(const MetricSummary& m) {
  return fmt::format("[{:.1f}, {:.1f}]", 100.0 * m.ci_low, 100.0 * m.ci_high);
}

std::string format_compact(int64_t count) {
  const double v = static_cast<double>(count);
  if (count < 10000) return std::to_string(count);
  if (count < 1000000) return fmt::format("{:.1f}k", v / 1e3);
  if (count < 1000000000) return fmt::format("{:.1f}M", v / 1e6);
  return fmt::format("{:.1f}G", v / 1e9);
}

std::string format_latency(double ms) {
  if (ms <= 0) return "-";
  if (ms < 1000) return fmt::format("{:.0f} ms", ms);
  return fmt::format("{:.2f} s", ms / 1000.0);
}

std::string format_fixed(double value, int decimals) {
  return fmt::format("{:.{}f}", value, decimals);
}

std::optional<double> run_cost_usd(const ReportData& data, const RunSummary& run) {
  const auto found = data.prices.find(run.model);
  if (found == data.prices.end()) return std::nullopt;
  return (static_cast<double>(run.prompt_tokens) * found->second.input_usd_per_mtok +
          static_cast<double>(run.completion_tokens) * found->second.output_usd_per_mtok) /
         1e6;
}

}  // namespace ys
