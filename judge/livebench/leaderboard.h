// The LiveBench leaderboard from per-question scores, as LiveBench's show_livebench_result.py
// computes it (docs/suites/livebench.md, "Aggregation"):
//   task score     = mean of the task's question scores x 100
//   category score = unweighted mean of its tasks' scores
//   overall        = unweighted mean of the category scores ("average")
// Every number carries a 95% bootstrap interval over questions: each round resamples, within every
// task, that task's answered questions with replacement, and recomputes task, category and overall
// means from the resample; the interval is the 2.5th..97.5th percentile of the round values
// (linear interpolation). One generator per model, seeded with `seed`, so a model's intervals do
// not depend on the other models.
//
// A model that lacks answers for some selected questions is flagged (LiveBench's script drops
// such a model unless --ignore-missing-judgments): its row stays, computed over what it answered,
// with `complete == false` and the count missing. Errored answers count as 0 (as LiveBench scores
// "$ERROR$") and are counted. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/core/types.h"

namespace ys::livebench {

// One selected question of one model.
struct BoardSample {
  std::string model, category, task, question_id;
  bool answered = false;  // false: no answer stored (missing)
  bool error = false;     // the request failed or the answer is $ERROR$ (scores 0)
  double score = 0.0;     // in [0, 1]
};

struct BoardCell {
  double mean = 0.0, ci_low = 0.0, ci_high = 0.0;  // x100
  int64_t n = 0;                                   // answered questions below this number
};

struct BoardRow {
  std::string model;
  std::map<std::string, BoardCell> tasks;       // task -> score
  std::map<std::string, BoardCell> categories;  // category -> score
  BoardCell overall;
  int64_t n_selected = 0, n_answered = 0, n_errors = 0;
  bool complete() const { return n_answered == n_selected; }
};

struct BoardOptions {
  int rounds = 1000;
  uint64_t seed = 42;
};

struct Board {
  std::string release;  // the release the samples were selected for ("" = unknown / mixed)
  std::vector<std::pair<std::string, std::string>> tasks;  // (category, task), sorted
  std::vector<std::string> categories;                     // sorted
  std::vector<BoardRow> rows;  // overall score descending, then model name
  int rounds = 0;
  uint64_t seed = 0;
  std::vector<std::string> notes;  // e.g. which models are incomplete
};

Board livebench_board(const std::vector<BoardSample>& samples, const BoardOptions& options);

Json to_json(const Board& board);

}  // namespace ys::livebench
