#include "harness/cli/store_view.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/core/request_text.h"
#include "judge/stats/aggregate.h"

namespace ys::cli {

namespace {

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

std::string reference_text(const Json& ref) {
  if (ref.is_null()) return "";
  if (ref.is_string()) return ref.get<std::string>();
  for (const char* key : {"answer", "ground_truth"}) {
    if (ref.is_object() && ref.contains(key) && ref.at(key).is_string())
      return ref.at(key).get<std::string>();
  }
  return ref.dump(-1, ' ', false, Json::error_handler_t::replace);
}

SampleRow to_row(const RunRecord& run, const StoredSample& s) {
  SampleRow row;
  row.run_id = run.run_id;
  row.model = run.model_name;
  row.suite = run.suite_name;
  row.item_id = s.link.item_id;
  row.category = s.link.category;
  row.request_text = request_text(s.link.request);
  if (s.response) {
    const Response& r = *s.response;
    row.response_text = r.text;
    row.reasoning = r.reasoning;
    row.finish_reason = r.finish_reason;
    row.prompt_tokens = r.prompt_tokens;
    row.completion_tokens = r.completion_tokens;
    row.latency_ms = r.latency_ms;
    if (!r.ok()) {
      row.error_kind = to_string(r.error_kind);
      row.error = r.error;
    }
  }
  if (s.score) {
    row.score = s.score->value;
    row.status = s.score->status;
    row.extracted = s.score->extracted;
    row.method = s.score->method;
    if (s.score->detail.contains("metrics") && s.score->detail.at("metrics").is_object())
      row.metrics = s.score->detail.at("metrics");
  }
  return row;
}

RunSummary header_of(const RunRecord& run) {
  RunSummary h;
  h.run_id = run.run_id;
  h.model = run.model_name;
  h.model_identity = run.model_identity;
  h.suite = run.suite_name;
  h.protocol_version = run.protocol_version;
  h.dataset_fingerprint = run.dataset_fingerprint;
  h.harness_version = run.harness_version;
  h.created_at = run.created_at;
  h.params = run.params;
  h.n_items = run.n_items;
  return h;
}

// A run whose stored rows could not all be read is reported without them, and says so.
std::string unreadable_note(const RunRecord& run, int64_t n, const std::string& first) {
  std::string note = run.model_name + " on " + run.suite_name + " (run " + run.run_id +
                     "): " + std::to_string(n) +
                     " stored sample(s) could not be read and are left out";
  if (!first.empty()) note += " (first: " + first + ")";
  return note;
}

}  // namespace

bool matches(const RunFilter& filter, const RunRecord& run) {
  return listed(filter.suites, run.suite_name) && listed(filter.models, run.model_name) &&
         listed(filter.run_ids, run.run_id);
}

Expected<ReportData> load_report_data(const Store& store, const RunFilter& filter,
                                      bool with_samples) {
  auto runs = store.runs();
  if (!runs) return runs.error();
  ReportData data;
  data.generated_at = utc_now_iso();
  data.harness_version = harness_version();
  for (const auto& run : *runs) {
    if (!matches(filter, run)) continue;
    const UnreadableRows before = store.unreadable_rows();
    auto samples = store.samples(run.run_id);
    if (!samples) return samples.error();
    if (const UnreadableRows after = store.unreadable_rows(); after.count > before.count) {
      data.notes.push_back(
          unreadable_note(run, after.count - before.count, before.count ? "" : after.first));
      std::cerr << "yardstick: warning: " << data.notes.back() << "\n";
    }
    std::vector<SampleRow> rows;
    rows.reserve(samples->size());
    // Only answered samples count as done; unanswered ones show as n_items - n_done.
    for (const auto& s : *samples) {
      if (!s.response || !s.score) continue;
      rows.push_back(to_row(run, s));
      if (with_samples && !s.link.reference.is_null())
        data.references.emplace(reference_key(run.suite_name, s.link.item_id),
                                reference_text(s.link.reference));
    }
    data.runs.push_back(summarize_run(header_of(run), rows));
    if (with_samples) data.samples.insert(data.samples.end(), rows.begin(), rows.end());
  }
  for (auto& note : comparability_notes(data.runs)) data.notes.push_back(std::move(note));
  return data;
}

Expected<std::unique_ptr<Store>> open_existing_store(const std::string& path) {
  if (!std::filesystem::exists(path))
    return Error{"no results file '" + path + "' (run `yardstick run` first, or pass --db)"};
  return Store::open(path);
}

}  // namespace ys::cli
