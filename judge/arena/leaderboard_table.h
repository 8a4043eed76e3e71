// The Arena-Hard leaderboard as a value: one row per model, like the published table
//   Model | Score (%) | CI (-x / +y) | avg tokens
// with the baseline at 50.0 (-0.0 / +0.0), sorted by score (highest first, ties by name).
// Rendering to plain text lives here; other report formats read the same struct.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/types.h"
#include "judge/arena/battles.h"

namespace ys::arena {

struct LeaderboardRow {
  std::string model;
  double score = 0.0;  // fraction in [0, 1]
  double lower = 0.0;  // 5th percentile, fraction
  double upper = 0.0;  // 95th percentile, fraction
  std::optional<double> avg_tokens;
  int64_t n_rows = 0;  // battle rows behind the score
  bool is_baseline = false;
};

struct StyleCoefficient {
  std::string name;
  double median = 0.0, lower = 0.0, upper = 0.0;
};

struct Leaderboard {
  std::string category;
  std::string baseline;
  std::vector<std::string> judges;
  std::string method;  // "plain bootstrap" or "style-controlled Bradley-Terry"
  int rounds = 0;      // 0: the full-data estimate, no resampling
  uint64_t seed = 0;
  std::string ci = "90%";  // the interval's level: 90% (v2.0), 95% (the v0.1 rule, as v0.1 printed)
  std::vector<LeaderboardRow> rows;
  std::vector<StyleCoefficient> style;  // empty without style control
  JudgeHygiene hygiene;
  std::string null_rule;        // "v2.0" (drop both games) or "v0.1" (drop the bad game)
  int64_t n_pairs = 0;          // questions x models judged
  int64_t n_games_dropped = 0;  // games that gave no rows
};

// Sorts rows by score (descending), ties by model name.
void sort_leaderboard(Leaderboard& board);

// "(-x / +y)" in percentage points, one decimal, as published.
std::string format_ci(const LeaderboardRow& row);

// JSON form for report writers (schema "ys-arena-leaderboard/1", docs/suites/arena-hard.md):
// {schema, category, baseline, judges, method, rounds, seed, ci ("90%" or "95%"), null_rule, rows:
// [{model, score, lower, upper, ci_minus, ci_plus, avg_tokens|null, n_rows, is_baseline}]
// (fractions), style: [{name, median, lower, upper}], hygiene: {...}, warnings}.
Json leaderboard_to_json(const Leaderboard& board);

// Fixed-width text table plus a header line (category, baseline, judges, method, the CI level,
// rounds, seed), style coefficients when present, and judge hygiene with its warnings.
std::string render_leaderboard_text(const Leaderboard& board);

}  // namespace ys::arena
