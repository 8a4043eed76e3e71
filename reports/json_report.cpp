#include "reports/json_report.h"

#include "reports/report_common.h"

namespace ys {

Json to_json(const MetricSummary& m) {
  return {
      {"name", m.name}, {"mean", m.mean}, {"ci_low", m.ci_low}, {"ci_high", m.ci_high}, {"n", m.n}};
}

Json to_json(const RunSummary& run) {
  Json metrics = Json::array();
  for (const MetricSummary& m : run.metrics) metrics.push_back(to_json(m));
  Json categories = Json::array();
  for (const auto& [category, m] : run.by_category) {
    Json entry = to_json(m);
    entry["category"] = category;
    categories.push_back(std::move(entry));
  }
  return {{"run_id", run.run_id},
          {"model", run.model},
          {"model_identity", run.model_identity},
          {"suite", run.suite},
          {"protocol_version", run.protocol_version},
          {"dataset_fingerprint", run.dataset_fingerprint},
          {"harness_version", run.harness_version},
          {"created_at", run.created_at},
          {"params", run.params},
          {"n_items", run.n_items},
          {"n_done", run.n_done},
          {"n_errors", run.n_errors},
          {"n_unparsed", run.n_unparsed},
          {"score", to_json(run.score)},
          {"metrics", std::move(metrics)},
          {"by_category", std::move(categories)},
          {"prompt_tokens", run.prompt_tokens},
          {"completion_tokens", run.completion_tokens},
          {"mean_latency_ms", run.mean_latency_ms},
          {"p50_latency_ms", run.p50_latency_ms},
          {"p95_latency_ms", run.p95_latency_ms}};
}

Json to_json(const SampleRow& row) {
  return {{"run_id", row.run_id},
          {"model", row.model},
          {"suite", row.suite},
          {"item_id", row.item_id},
          {"category", row.category},
          {"request_text", row.request_text},
          {"response_text", row.response_text},
          {"reasoning", row.reasoning},
          {"finish_reason", row.finish_reason},
          {"extracted", row.extracted},
          {"method", row.method},
          {"score", row.score},
          {"status", to_string(row.status)},
          {"error_kind", row.error_kind},
          {"error", row.error},
          {"prompt_tokens", row.prompt_tokens},
          {"completion_tokens", row.completion_tokens},
          {"latency_ms", row.latency_ms},
          {"metrics", row.metrics}};
}

Json report_to_json(const ReportData& data) {
  Json runs = Json::array();
  for (const RunSummary& run : data.runs) {
    runs.push_back(to_json(run));
    // Dollars from the config's price table; null when the model has none (or there is none).
    const std::optional<double> cost = run_cost_usd(data, run);
    runs.back()["cost_usd"] = cost ? Json(*cost) : Json(nullptr);
  }
  Json samples = Json::array();
  for (const SampleRow& row : data.samples) samples.push_back(to_json(row));
  Json arena = Json::array();
  for (const arena::Leaderboard& board : data.arena)
    arena.push_back(arena::leaderboard_to_json(board));
  Json out = {{"schema_version", kJsonReportSchemaVersion},
              {"generated_at", data.generated_at},
              {"harness_version", data.harness_version},
              {"notes", data.notes},
              {"runs", std::move(runs)},
              {"samples", std::move(samples)},
              {"arena", std::move(arena)}};
  // Only when present, so reports without LiveBench runs stay as they were.
  if (!data.livebench.empty()) {
    out["livebench"] = Json::array();
    for (const livebench::Board& board : data.livebench)
      out["livebench"].push_back(livebench::to_json(board));
  }
  return out;
}

std::string render_json_report(const ReportData& data, const ReportOptions&) {
  return report_to_json(data).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace ys
