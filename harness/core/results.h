// Result value types shared by the aggregation (judge/stats), the store view and the report
// writers: one scored sample, a metric with its interval, one run's summary. Plain data, safe to
// copy.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/types.h"

namespace ys {

// One scored sample (item x run), with its request, response and score.
struct SampleRow {
  std::string run_id, model, suite, item_id, category;
  std::string request_text;  // rendered prompt / last user message, for the per-sample export
  std::string response_text, reasoning, finish_reason;
  std::string extracted, method;  // from the Score
  double score = 0;
  ScoreStatus status = ScoreStatus::ok;
  std::string error_kind, error;  // empty when the request succeeded
  int64_t prompt_tokens = 0, completion_tokens = 0;
  double latency_ms = 0;
  Json metrics =
      Json::object();  // Score.detail["metrics"]: extra numeric scores, e.g. {"official": 1}
};

// A mean with its 95% interval over n values.
struct MetricSummary {
  std::string name;
  double mean = 0, ci_low = 0, ci_high = 0;
  int64_t n = 0;
};

// One run (model x suite) with provenance and aggregates.
struct RunSummary {
  std::string run_id, model, model_identity, suite, protocol_version, dataset_fingerprint;
  std::string harness_version, created_at;
  Json params = Json::object();
  int64_t n_items = 0, n_done = 0, n_errors = 0, n_unparsed = 0;
  MetricSummary score;  // main score over all done items (errors count as 0: failures are data)
  std::vector<MetricSummary> metrics;  // one per key found in SampleRow.metrics
  std::vector<std::pair<std::string, MetricSummary>> by_category;
  int64_t prompt_tokens = 0, completion_tokens = 0;
  double mean_latency_ms = 0, p50_latency_ms = 0, p95_latency_ms = 0;
};

}  // namespace ys
