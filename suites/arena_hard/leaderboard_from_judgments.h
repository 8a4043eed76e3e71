// Arena-Hard leaderboard from judgments (ours or imported) and answer metadata.
//   plain: per-model seeded bootstrap of the battle rows; score = mean of bootstrap means,
//          CI = 5th/95th percentiles (2.5th/97.5th under the v0.1 rule, as v0.1 printed).
//   style control: Bradley-Terry with length/header/list/bold features, rows bootstrapped
//          jointly; score = median of sigmoid(c_m - c_base). The fit is upstream's own
//          (judge/stats/bt_lbfgs.h: L-BFGS, float32, 50 steps) unless `style_fit` asks for the
//          converged one (judge/stats/bradley_terry.h).
//   rounds = 0: no resampling, the estimate on all rows (plain: the mean; style: one fit), with a
//          zero-width interval.
// Judgments of several judges are pooled (rows concatenated, equal weight). Which judgments count
// and under which names: suites/arena_hard/judgment_selection.h. Never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "harness/core/expected.h"
#include "judge/arena/leaderboard_table.h"

namespace ys::arena {

enum class StyleFit { upstream, converged };
const char* to_string(StyleFit fit);  // "upstream" / "converged"
std::optional<StyleFit> style_fit_from_string(const std::string& name);

struct LeaderboardOptions {
  std::string category;  // "" = every judgment (they must share one baseline)
  std::string baseline;  // "" = from the judgments' baseline field, else default_baseline(category)
  arena::VerdictRule null_rule = arena::VerdictRule::v2_0;
  bool style_control = false;
  StyleFit style_fit = StyleFit::upstream;
  int rounds = 100;  // 0 = the full-data estimate without resampling
  uint64_t seed = 42;
};

// Errors: no judgments in the category, judgments naming different baselines, and with style
// control a battle row whose model or baseline answer (or its metadata) is missing — the message
// names the model and uid.
Expected<arena::Leaderboard> compute_arena_leaderboard(const std::vector<ArenaJudgment>& judgments,
                                                       const AnswerIndex& answers,
                                                       const LeaderboardOptions& options);

}  // namespace ys::arena
