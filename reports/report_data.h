// What every report format reads: run summaries and samples (harness/core/results.h) and the
// Arena-Hard leaderboards (judge/arena/leaderboard_table.h). The CLI loads it from the store;
// reports only render it. Plain data, safe to copy.
#pragma once

#include <string>
#include <vector>

#include "harness/core/results.h"
#include "judge/arena/leaderboard_table.h"
#include "judge/livebench/leaderboard.h"

namespace ys {

struct ReportData {
  std::string generated_at, harness_version;
  std::vector<RunSummary> runs;
  std::vector<SampleRow> samples;  // may be empty for summary-only reports
  std::vector<std::string> notes;  // e.g. comparability warnings
  // Arena-Hard leaderboards (one per category), when the store holds judgments; else empty.
  std::vector<judge::Leaderboard> arena;
  // LiveBench leaderboards, when the store holds livebench runs; else empty.
  std::vector<livebench::Board> livebench;
};

}  // namespace ys
