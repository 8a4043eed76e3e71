// Aggregation of per-sample rows into run summaries, and comparability checks between runs.
//
// summarize_run rules (docs/reports.md, "Aggregation"):
// - Only rows whose run_id equals header.run_id count (all rows when header.run_id is empty).
// - n_done = counted rows; n_errors / n_unparsed by ScoreStatus; n_items = max(header.n_items,
//   n_done) so a header from the planner keeps the planned size of a partial run.
// - score: mean over all done rows, error rows (and non-finite scores) counting 0 whatever their
//   stored score; the 95%
//   interval is Wilson when every value is 0/1, else Student-t (judge/stats/ci.h).
// - metrics: one summary per key seen in SampleRow.metrics (sorted by name). A row contributes when
//   it carries the key with a number or boolean; error rows contribute 0 to every metric.
// - by_category: the score summary per non-empty category, sorted by name.
// - tokens: sums over all rows; latency mean/p50/p95 over rows without a request error.
// Pure functions, thread-safe; no input makes them throw.
#pragma once

#include <string>
#include <vector>

#include "harness/core/results.h"

namespace ys {

// Copies header's ids/provenance and fills counts, score, metrics, by_category, tokens, latency.
RunSummary summarize_run(const RunSummary& header, const std::vector<SampleRow>& rows);

// The summary of one list of values (mean, 95% interval as above, n).
MetricSummary summarize_values(const std::string& name, const std::vector<double>& values);

// Warnings for runs that should not be compared, one line each, in a stable order:
// - runs of the same suite with different dataset fingerprints or protocol versions (names them);
// - runs with fewer done items than planned.
std::vector<std::string> comparability_notes(const std::vector<RunSummary>& runs);

}  // namespace ys
