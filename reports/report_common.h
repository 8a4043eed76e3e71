// Helpers shared by the report renderers: leaderboard order and number formatting.
// Internal to reports/; pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reports/report_data.h"

namespace ys {

// Runs grouped by suite (suite names ascending), within a suite by score descending, then model
// and run id ascending: the order of every leaderboard.
std::vector<const RunSummary*> leaderboard_order(const std::vector<RunSummary>& runs);

// Samples per run id, in input order.
std::map<std::string, std::vector<const SampleRow*>> samples_by_run(const ReportData& data);

// Union of metric names over the runs, sorted.
std::vector<std::string> metric_names(const std::vector<RunSummary>& runs);

// The run's summary of metric `name`, or nullptr.
const MetricSummary* find_metric(const RunSummary& run, const std::string& name);

// The run's cost in dollars from data.prices (by model name): prompt_tokens x input / 1e6 +
// completion_tokens x output / 1e6; nothing when the model has no price.
std::optional<double> run_cost_usd(const ReportData& data, const RunSummary& run);

// 0.875 -> "87.5" (one decimal, no % sign).
std::string format_percent(double fraction);
// "[80.1, 92.3]" from a summary's interval, in percent.
std::string format_ci_percent(const MetricSummary& m);
// 950 -> "950", 12345 -> "12.3k", 4500000 -> "4.5M".
std::string format_compact(int64_t count);
// 850 -> "850 ms", 1234 -> "1.23 s", 0 -> "-".
std::string format_latency(double ms);
// Fixed notation with `decimals` digits, for machine-read files (CSV, XML attributes).
std::string format_fixed(double value, int decimals);

}  // namespace ys
