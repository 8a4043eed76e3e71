#include "judge/stats/aggregate.h"

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "judge/stats/ci.h"

namespace ys {
namespace {

// Errors count as 0: a failed request is a failed sample, never a missing one.
// A non-finite stored score (a scorer bug or a damaged row) also counts as 0 rather than poisoning
// the mean and the sort order.
double effective_score(const SampleRow& row) {
  if (row.status == ScoreStatus::error || !std::isfinite(row.score)) return 0.0;
  return row.score;
}

std::optional<double> numeric(const Json& value) {
  if (value.is_boolean()) return value.get<bool>() ? 1.0 : 0.0;
  if (value.is_number() && std::isfinite(value.get<double>())) return value.get<double>();
  return std::nullopt;
}

std::vector<MetricSummary> summarize_metrics(const std::vector<const SampleRow*>& rows) {
  std::set<std::string> names;
  for (const SampleRow* row : rows) {
    if (!row->metrics.is_object()) continue;
    for (const auto& item : row->metrics.items()) {
      if (numeric(item.value())) names.insert(item.key());
    }
  }
  std::vector<MetricSummary> out;
  for (const std::string& name : names) {
    std::vector<double> values;
    for (const SampleRow* row : rows) {
      if (row->status == ScoreStatus::error) {
        values.push_back(0.0);
      } else if (row->metrics.is_object() && row->metrics.contains(name)) {
        if (auto v = numeric(row->metrics.at(name))) values.push_back(*v);
      }
    }
    out.push_back(summarize_values(name, values));
  }
  return out;
}

std::vector<std::pair<std::string, MetricSummary>> summarize_categories(
    const std::vector<const SampleRow*>& rows) {
  std::map<std::string, std::vector<double>> by_category;
  for (const SampleRow* row : rows) {
    if (!row->category.empty()) by_category[row->category].push_back(effective_score(*row));
  }
  std::vector<std::pair<std::string, MetricSummary>> out;
  for (const auto& [category, values] : by_category) {
    out.emplace_back(category, summarize_values("score", values));
  }
  return out;
}

void fill_usage(RunSummary& run, const std::vector<const SampleRow*>& rows) {
  std::vector<double> latencies;
  for (const SampleRow* row : rows) {
    run.prompt_tokens += row->prompt_tokens;
    run.completion_tokens += row->completion_tokens;
    if (row->status != ScoreStatus::error && std::isfinite(row->latency_ms)) {
      latencies.push_back(row->latency_ms);
    }
  }
  run.mean_latency_ms = mean_of(latencies);
  run.p50_latency_ms = percentile(latencies, 0.50);
  run.p95_latency_ms = percentile(latencies, 0.95);
}

}  // namespace

MetricSummary summarize_values(const std::string& name, const std::vector<double>& values) {
  const Interval ci = score_interval(values);
  return {name, mean_of(values), ci.low, ci.high, static_cast<int64_t>(values.size())};
}

RunSummary summarize_run(const RunSummary& header, const std::vector<SampleRow>& rows) {
  RunSummary run;
  run.run_id = header.run_id;
  run.model = header.model;
  run.model_identity = header.model_identity;
  run.suite = header.suite;
  run.protocol_version = header.protocol_version;
  run.dataset_fingerprint = header.dataset_fingerprint;
  run.harness_version = header.harness_version;
  run.created_at = header.created_at;
  run.params = header.params;

  std::vector<const SampleRow*> mine;
  std::vector<double> scores;
  for (const SampleRow& row : rows) {
    if (!header.run_id.empty() && row.run_id != header.run_id) continue;
    mine.push_back(&row);
    scores.push_back(effective_score(row));
    if (row.status == ScoreStatus::error) ++run.n_errors;
    if (row.status == ScoreStatus::unparsed) ++run.n_unparsed;
  }
  run.n_done = static_cast<int64_t>(mine.size());
  run.n_items = std::max(header.n_items, run.n_done);
  run.score = summarize_values("score", scores);
  run.metrics = summarize_metrics(mine);
  run.by_category = summarize_categories(mine);
  fill_usage(run, mine);
  return run;
}

namespace {

std::string run_label(const RunSummary& run) {
  return run.run_id + " (" + run.model + ")";
}

// One short note when the runs of a suite disagree on `field`: the runs grouped by value (groups
// separated by " | "), without the values themselves, which `yardstick runs` shows.
void note_disagreement(const std::vector<const RunSummary*>& runs, const char* what,
                       std::string RunSummary::*field, std::vector<std::string>& notes) {
  std::vector<std::string> values;  // first-seen order
  std::map<std::string, std::string> groups;
  for (const RunSummary* run : runs) {
    std::string& names = groups[run->*field];
    if (names.empty()) values.push_back(run->*field);
    names += (names.empty() ? "" : ", ") + run_label(*run);
  }
  if (values.size() < 2) return;
  std::string line;
  for (const auto& v : values) line += (line.empty() ? "" : " | ") + groups[v];
  notes.push_back("suite " + runs.front()->suite + ": runs differ in " + what +
                  " and are not comparable: " + line + " (see `yardstick runs`)");
}

}  // namespace

std::vector<std::string> comparability_notes(const std::vector<RunSummary>& runs) {
  std::map<std::string, std::vector<const RunSummary*>> by_suite;
  for (const RunSummary& run : runs) by_suite[run.suite].push_back(&run);
  std::vector<std::string> notes;
  for (const auto& [suite, members] : by_suite) {
    note_disagreement(members, "dataset fingerprint", &RunSummary::dataset_fingerprint, notes);
    note_disagreement(members, "protocol version", &RunSummary::protocol_version, notes);
  }
  for (const RunSummary& run : runs) {
    if (run.n_done < run.n_items) {
      notes.push_back("run " + run_label(run) + " on suite " + run.suite +
                      " is incomplete: " + std::to_string(run.n_done) + " of " +
                      std::to_string(run.n_items) + " items done");
    }
  }
  return notes;
}

}  // namespace ys
