// What every report format reads: run summaries and samples (harness/core/results.h) and the
// Arena-Hard leaderboards (judge/arena/leaderboard_table.h). The CLI loads it from the store;
// reports only render it. Plain data, safe to copy.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/core/results.h"
#include "judge/arena/leaderboard_table.h"
#include "judge/livebench/leaderboard.h"

namespace ys {

// Dollars per million tokens, prompt (input) and completion (output).
struct ModelPrice {
  double input_usd_per_mtok = 0, output_usd_per_mtok = 0;
};

struct ReportData {
  std::string generated_at, harness_version;
  std::vector<RunSummary> runs;
  std::vector<SampleRow> samples;  // may be empty for summary-only reports
  std::vector<std::string> notes;  // e.g. comparability warnings
  // Arena-Hard leaderboards (one per category), when the store holds judgments; else empty.
  std::vector<arena::Leaderboard> arena;
  // LiveBench leaderboards, when the store holds livebench runs; else empty.
  std::vector<livebench::Board> livebench;
  // The expected answer of each item as text (the reference's "answer" or "ground_truth" when it
  // has one, else its compact JSON), keyed by reference_key(suite, item_id); filled with samples.
  std::map<std::string, std::string> references;
  // Prices by model display name (harness/config `prices`), for cost columns; may be empty.
  std::map<std::string, ModelPrice> prices;
};

inline std::string reference_key(const std::string& suite, const std::string& item_id) {
  return suite + '\x1f' + item_id;
}

}  // namespace ys
