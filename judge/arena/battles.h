// Pairwise battles -> score rows from the judged model's point of view (Arena-Hard protocol).
// A question has two games: games[0] with the baseline as assistant A, games[1] with the model as
// A. Game 1 contributes its label's A-score, game 0 one minus it; a strong label (>> or <<) gives
// three identical rows, any other label one row (a tie is one row of 0.5). Rows of game 1 come
// before rows of game 0. Null rules: v2.0 drops both games of a question when either is null or
// unparsed; v0.1 drops only the bad game. Pure functions, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "judge/arena/verdict.h"

namespace ys::arena {

struct GamePair {
  std::string model;
  std::string uid;
  std::array<std::optional<std::string>, 2> labels;  // nullopt = null game or no/unknown label
};

struct BattleRow {
  uint32_t pair = 0;     // index into the GamePair vector
  uint8_t game = 0;      // 0 or 1
  double outcome = 0.0;  // 1 model better, 0.5 tie, 0 baseline better
};

struct BattleSet {
  std::vector<BattleRow> rows;
  int64_t n_pairs = 0;
  int64_t n_null_games = 0;     // games with no usable label
  int64_t n_pairs_dropped = 0;  // v2.0: questions dropped whole
  int64_t n_games_dropped = 0;  // games not contributing rows (both rules)
};

BattleSet make_battle_rows(const std::vector<GamePair>& pairs, VerdictRule null_rule);

// The model's score in one game: 1, 0.5 or 0 from the model's side; nullopt for a bad label.
std::optional<double> model_side_score(const std::optional<std::string>& label, int game);

// Judge hygiene shown with a leaderboard.
struct JudgeHygiene {
  int64_t n_pairs_both_valid = 0;
  int64_t n_position_inconsistent = 0;  // the two games disagree in direction (win/tie/loss)
  int64_t n_games = 0;
  int64_t n_null_games = 0;
  double position_inconsistency() const;  // share of both-valid pairs; 0 when none
  double null_share() const;              // share of all games; 0 when none
  std::vector<std::string> warnings;      // e.g. judge == judged model
};

// `judges` are the judge model names; a warning is added for each judged model among them.
JudgeHygiene compute_judge_hygiene(const std::vector<GamePair>& pairs,
                                   const std::vector<std::string>& judges);

}  // namespace ys::arena
