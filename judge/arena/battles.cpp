#include "judge/arena/battles.h"

#include <set>

namespace ys::arena {
namespace {

void append_game(BattleSet& out, uint32_t pair, uint8_t game, const std::string& label) {
  LabelOutcome o = *label_outcome(label);
  double score = game == 1 ? o.a_score : 1.0 - o.a_score;
  for (int i = 0; i < o.weight; ++i) out.rows.push_back({pair, game, score});
}

int direction(double model_score) {
  return model_score > 0.5 ? 1 : (model_score < 0.5 ? -1 : 0);
}

}  // namespace

std::optional<double> model_side_score(const std::optional<std::string>& label, int game) {
  if (!label) return std::nullopt;
  auto o = label_outcome(*label);
  if (!o) return std::nullopt;
  return game == 1 ? o->a_score : 1.0 - o->a_score;
}

BattleSet make_battle_rows(const std::vector<GamePair>& pairs, VerdictRule null_rule) {
  BattleSet out;
  out.n_pairs = static_cast<int64_t>(pairs.size());
  out.rows.reserve(pairs.size() * 4);
  for (size_t p = 0; p < pairs.size(); ++p) {
    const GamePair& gp = pairs[p];
    bool valid[2];
    for (int g = 0; g < 2; ++g) {
      valid[g] = model_side_score(gp.labels[static_cast<size_t>(g)], g).has_value();
      if (!valid[g]) ++out.n_null_games;
    }
    if (null_rule == VerdictRule::v2_0 && !(valid[0] && valid[1])) {
      ++out.n_pairs_dropped;
      out.n_games_dropped += 2;
      continue;
    }
    for (int g : {1, 0}) {
      if (valid[g]) {
        append_game(out, static_cast<uint32_t>(p), static_cast<uint8_t>(g),
                    *gp.labels[static_cast<size_t>(g)]);
      } else {
        ++out.n_games_dropped;
      }
    }
  }
  return out;
}

double JudgeHygiene::position_inconsistency() const {
  return n_pairs_both_valid ? static_cast<double>(n_position_inconsistent) / n_pairs_both_valid
                            : 0.0;
}

double JudgeHygiene::null_share() const {
  return n_games ? static_cast<double>(n_null_games) / n_games : 0.0;
}

JudgeHygiene compute_judge_hygiene(const std::vector<GamePair>& pairs,
                                   const std::vector<std::string>& judges) {
  JudgeHygiene h;
  std::set<std::string> self_judged;
  std::set<std::string> judge_set(judges.begin(), judges.end());
  for (const GamePair& gp : pairs) {
    auto s0 = model_side_score(gp.labels[0], 0);
    auto s1 = model_side_score(gp.labels[1], 1);
    h.n_games += 2;
    h.n_null_games += (s0 ? 0 : 1) + (s1 ? 0 : 1);
    if (s0 && s1) {
      ++h.n_pairs_both_valid;
      if (direction(*s0) != direction(*s1)) ++h.n_position_inconsistent;
    }
    if (judge_set.count(gp.model)) self_judged.insert(gp.model);
  }
  for (const std::string& m : self_judged) {
    h.warnings.push_back("judge and judged model are the same model: " + m +
                         " (self-preference bias; its score is not comparable)");
  }
  return h;
}

}  // namespace ys::arena
