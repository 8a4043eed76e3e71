// LiveBench data in the store, for `yardstick livebench` and the reports: the runs of the
// `livebench` suite (ours or imported), their per-question scores, and the leaderboards made from
// them (judge/livebench/leaderboard.h).
//
// Which runs: every run whose suite is "livebench", grouped by the release it was planned for (its
// suite config); one board per release. When a model has several runs for one release, the most
// recently updated one is used and a note says so. Samples without a stored answer count as
// missing (the model is flagged); errored ones as 0.
#pragma once

#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/store/store.h"
#include "judge/livebench/leaderboard.h"
#include "reports/report_data.h"

namespace ys::cli {

struct LiveBenchQuery {
  std::string release;              // "" = every release found
  std::vector<std::string> models;  // "" = all
  livebench::BoardOptions board;
};

// One scored (or missing) question of one run, for the boards and the per-sample export.
struct LiveBenchSampleView {
  std::string release;
  livebench::BoardSample sample;
  const StoredSample* stored = nullptr;  // into LiveBenchData::stored
};

struct LiveBenchData {
  std::vector<livebench::Board> boards;  // by release, ascending
  std::vector<std::vector<StoredSample>> stored;
  std::vector<LiveBenchSampleView> samples;
  std::vector<std::string> notes;
};

Expected<LiveBenchData> load_livebench_data(const Store& store, const LiveBenchQuery& query);

// Adds the boards of every stored livebench run to a report (notes go to data.notes).
Status add_livebench_boards(const Store& store, ReportData& data);

// Per-sample CSV: model,release,category,task,question_id,status,score,extracted,method,why,
// ground_truth,error (why = the scorer's detail as JSON). docs/suites/livebench.md.
std::string livebench_samples_csv(const LiveBenchData& data);

}  // namespace ys::cli
