#include "harness/cli/livebench_view.h"

#include <algorithm>
#include <map>

#include "reports/report_common.h"
#include "reports/text_escape.h"
#include "suites/livebench/suite.h"

namespace ys::cli {
namespace {

std::string release_of(const RunRecord& run) {
  auto it = run.suite_config.find("release");
  return it != run.suite_config.end() && it->is_string() ? it->get<std::string>() : "";
}

bool wanted(const std::vector<std::string>& list, const std::string& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

// The newest run per (release, model), with notes for the ones passed over.
std::vector<RunRecord> pick_runs(const std::vector<RunRecord>& runs, const LiveBenchQuery& q,
                                 std::vector<std::string>& notes) {
  std::map<std::pair<std::string, std::string>, RunRecord> picked;
  for (const RunRecord& run : runs) {
    if (run.suite_name != livebench::kLiveBenchSuiteName || !wanted(q.models, run.model_name))
      continue;
    const std::string release = release_of(run);
    if (!q.release.empty() && release != q.release) continue;
    auto [it, inserted] = picked.emplace(std::make_pair(release, run.model_name), run);
    if (inserted) continue;
    const bool newer = run.updated_at > it->second.updated_at;
    notes.push_back("livebench: " + run.model_name + " has several runs for release " + release +
                    "; using " + (newer ? run.run_id : it->second.run_id) + ", not " +
                    (newer ? it->second.run_id : run.run_id));
    if (newer) it->second = run;
  }
  std::vector<RunRecord> out;
  for (auto& [key, run] : picked) out.push_back(std::move(run));
  return out;
}

livebench::BoardSample board_sample(const RunRecord& run, const StoredSample& s) {
  livebench::BoardSample b;
  b.model = run.model_name;
  b.category = s.link.category;
  b.task = s.link.meta.value("task", "");
  b.question_id = s.link.item_id;
  b.answered = s.response.has_value() && s.score.has_value();
  if (b.answered) {
    b.error = !s.response->ok() || s.score->status == ScoreStatus::error;
    b.score = s.score->value;
  }
  return b;
}

std::string score_text(const LiveBenchSampleView& v) {
  if (!v.sample.answered) return "";
  return format_fixed(v.sample.error ? 0.0 : v.sample.score, 6);
}

}  // namespace

Expected<LiveBenchData> load_livebench_data(const Store& store, const LiveBenchQuery& query) {
  auto runs = store.runs();
  if (!runs) return runs.error();
  LiveBenchData data;
  const std::vector<RunRecord> picked = pick_runs(*runs, query, data.notes);
  data.stored.reserve(picked.size());
  for (const RunRecord& run : picked) {
    auto samples = store.samples(run.run_id);
    if (!samples) return samples.error();
    data.stored.push_back(std::move(*samples));
  }
  std::map<std::string, std::vector<livebench::BoardSample>> by_release;
  for (size_t i = 0; i < picked.size(); ++i) {
    const std::string release = release_of(picked[i]);
    for (const StoredSample& s : data.stored[i]) {
      LiveBenchSampleView v{release, board_sample(picked[i], s), &s};
      by_release[release].push_back(v.sample);
      data.samples.push_back(std::move(v));
    }
  }
  for (const auto& [release, samples] : by_release) {
    livebench::Board board = livebench::livebench_board(samples, query.board);
    board.release = release;
    data.boards.push_back(std::move(board));
  }
  return data;
}

Status add_livebench_boards(const Store& store, ReportData& data) {
  auto lb = load_livebench_data(store, {});
  if (!lb) return lb.error();
  data.livebench = std::move(lb->boards);
  data.notes.insert(data.notes.end(), lb->notes.begin(), lb->notes.end());
  return ok_status();
}

std::string livebench_samples_csv(const LiveBenchData& data) {
  std::string out =
      "model,release,category,task,question_id,status,score,extracted,method,why,ground_truth,"
      "error\n";
  for (const LiveBenchSampleView& v : data.samples) {
    const StoredSample& s = *v.stored;
    std::string status = "missing", extracted, method, why, error;
    if (s.score) {
      status = to_string(s.score->status);
      extracted = s.score->extracted;
      method = s.score->method;
      auto d = s.score->detail.find("scorer");
      if (d == s.score->detail.end()) d = s.score->detail.find("why");
      if (d != s.score->detail.end())
        why = d->is_string() ? d->get<std::string>()
                             : d->dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    if (s.response && !s.response->ok())
      error = to_string(s.response->error_kind) + ": " + s.response->error;
    const Json gt = s.link.reference.value("ground_truth", Json());
    const std::string truth = gt.is_string()
                                  ? gt.get<std::string>()
                                  : gt.dump(-1, ' ', false, Json::error_handler_t::replace);
    const std::vector<std::string> fields = {
        v.sample.model, v.release,     v.sample.category, v.sample.task, v.sample.question_id,
        status,         score_text(v), extracted,         method,        why,
        truth,          error};
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\n";
  }
  return out;
}

}  // namespace ys::cli
