// Arena-Hard leaderboard from judgments (ours or imported) and answer metadata.
//   plain: per-model seeded bootstrap of the battle rows; score = mean of bootstrap means,
//          CI = 5th/95th percentiles.
//   style control: Bradley-Terry with length/header/list/bold features
//   (judge/stats/bradley_terry.h),
//          rows bootstrapped jointly; score = median of sigmoid(beta_m - beta_base).
// Judgments of several judges are pooled (rows concatenated, equal weight). Duplicate judgments of
// the same (judge, model, uid) keep the last one. Never throws.
#pragma once

#include <string>
#include <vector>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "harness/core/expected.h"
#include "judge/arena/leaderboard.h"

namespace ys::arena {

struct LeaderboardOptions {
  std::string category;  // "" = every judgment (they must share one baseline)
  std::string baseline;  // "" = from the judgments' baseline field, else default_baseline(category)
  judge::VerdictRule null_rule = judge::VerdictRule::v2_0;
  bool style_control = false;
  int rounds = 100;
  uint64_t seed = 42;
};

// Errors: no judgments in the category, judgments naming different baselines, and with style
// control a battle row whose model or baseline answer (or its metadata) is missing — the message
// names the model and uid.
Expected<judge::Leaderboard> compute_arena_leaderboard(const std::vector<ArenaJudgment>& judgments,
                                                       const AnswerIndex& answers,
                                                       const LeaderboardOptions& options);

}  // namespace ys::arena
