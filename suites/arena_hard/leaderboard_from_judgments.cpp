#include "suites/arena_hard/leaderboard_from_judgments.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "judge/arena/battles.h"
#include "judge/arena/style_features.h"
#include "judge/stats/bootstrap.h"
#include "judge/stats/bradley_terry.h"
#include "judge/stats/bt_lbfgs.h"
#include "judge/stats/logistic.h"
#include "suites/arena_hard/judging.h"
#include "suites/arena_hard/judgment_selection.h"

namespace ys::arena {
namespace {

// The battle rows' pairs, aligned with the selection (pairs[i] comes from judgments[i]).
std::vector<arena::GamePair> game_pairs(const JudgmentSelection& s) {
  std::vector<arena::GamePair> pairs;
  pairs.reserve(s.judgments.size());
  for (const SelectedJudgment& sj : s.judgments) {
    const ArenaJudgment* j = sj.judgment;
    arena::GamePair gp{sj.model, j->uid, {}};
    for (size_t g = 0; g < 2; ++g) {
      if (j->games[g] && j->games[g]->score) gp.labels[g] = j->games[g]->score;
    }
    pairs.push_back(std::move(gp));
  }
  return pairs;
}

double ci_tail(const LeaderboardOptions& o) {
  return o.null_rule == arena::VerdictRule::v0_1 ? 0.025 : 0.05;
}

const StyleMeta* meta_of(const AnswerIndex& answers, const std::string& model,
                         const std::string& uid) {
  const ArenaAnswer* a = find_answer(answers, model, uid);
  return a && a->metadata ? &*a->metadata : nullptr;
}

arena::StyleNumbers numbers(const StyleMeta& m) {
  return {static_cast<double>(m.token_len), static_cast<double>(m.counts.header_total()),
          static_cast<double>(m.counts.list_total()), static_cast<double>(m.counts.bold_total())};
}

using AnswerKeys = std::set<std::pair<std::string, std::string>>;  // (full model name, uid)

std::optional<double> avg_tokens(const AnswerIndex& answers, const AnswerKeys& keys) {
  double sum = 0.0;
  int64_t n = 0;
  for (const auto& [model, uid] : keys) {
    if (const StyleMeta* m = meta_of(answers, model, uid)) {
      sum += static_cast<double>(m->token_len);
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

// Groups of rows per display name; the baseline's self-battle rows (if any) form a group of
// their own, shown as a row as upstream's table shows it.
void plain_scores(const JudgmentSelection& s, const std::vector<arena::GamePair>& pairs,
                  const arena::BattleSet& battles, const LeaderboardOptions& o,
                  arena::Leaderboard& board) {
  std::vector<std::string> names = s.models;
  if (s.n_self > 0) names.push_back(s.baseline);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < names.size(); ++i) index[names[i]] = i;
  std::vector<std::vector<double>> groups(names.size());
  for (const arena::BattleRow& r : battles.rows) {
    auto it = index.find(pairs[r.pair].model);
    if (it != index.end()) groups[it->second].push_back(r.outcome);
  }
  if (o.rounds == 0) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (groups[i].empty()) continue;
      double sum = 0.0;
      for (double x : groups[i]) sum += x;
      double mean = sum / static_cast<double>(groups[i].size());
      board.rows.push_back({names[i], mean, mean, mean, std::nullopt,
                            static_cast<int64_t>(groups[i].size()), false});
    }
    return;
  }
  auto summary = stats::bootstrap_group_means(groups, o.rounds, o.seed, ci_tail(o));
  for (size_t i = 0; i < names.size(); ++i) {
    if (groups[i].empty()) continue;
    board.rows.push_back({names[i], summary[i].mean, summary[i].lower, summary[i].upper,
                          std::nullopt, summary[i].n, false});
  }
}

struct StyleData {
  stats::BtData data;
  std::vector<int64_t> n_rows;
};

// Rows -> BtData: model index by display name (-1 for the baseline's self-battle), features from
// the answers' metadata looked up under the judgment's full model name, as upstream does.
Expected<StyleData> style_data(const JudgmentSelection& s,
                               const std::vector<arena::GamePair>& pairs,
                               const arena::BattleSet& battles, const AnswerIndex& answers) {
  std::map<std::string, int32_t> index;
  for (size_t i = 0; i < s.models.size(); ++i) index[s.models[i]] = static_cast<int32_t>(i);
  StyleData out;
  stats::BtData& data = out.data;
  data.n_models = static_cast<int>(s.models.size());
  data.n_features = arena::kStyleFeatureCount;
  data.baseline_column = static_cast<int>(
      std::lower_bound(s.models.begin(), s.models.end(), s.baseline) - s.models.begin());
  out.n_rows.assign(s.models.size(), 0);
  for (const arena::BattleRow& r : battles.rows) {
    const arena::GamePair& gp = pairs[r.pair];
    const std::string& full = s.judgments[r.pair].judgment->model;
    const StyleMeta* mm = meta_of(answers, full, gp.uid);
    const StyleMeta* bm = meta_of(answers, s.baseline, gp.uid);
    if (!mm || !bm) {
      return Error{"style control needs answer metadata: none for model '" +
                   (mm ? s.baseline : full) + "' on question " + gp.uid};
    }
    auto f = arena::style_features(numbers(*mm), numbers(*bm));
    auto it = index.find(gp.model);
    int32_t m = it == index.end() ? -1 : it->second;
    data.model.push_back(m);
    data.features.insert(data.features.end(), f.begin(), f.end());
    data.outcome.push_back(r.outcome);
    if (m >= 0) ++out.n_rows[static_cast<size_t>(m)];
  }
  stats::standardize_columns(data.features, data.rows(), data.n_features);
  return out;
}

Expected<stats::BtBootstrap> fit_style(const stats::BtData& data, const LeaderboardOptions& o) {
  const bool upstream = o.style_fit == StyleFit::upstream;
  if (o.rounds > 0) {
    return upstream ? stats::bootstrap_bt_lbfgs(data, o.rounds, o.seed, {}, ci_tail(o))
                    : stats::bootstrap_bradley_terry(data, o.rounds, o.seed, {}, ci_tail(o));
  }
  stats::BtBootstrap out;
  if (upstream) {
    auto fit = stats::fit_bt_lbfgs(data);
    if (!fit) return fit.error();
    for (int m = 0; m < data.n_models; ++m) {
      double w = fit->win_rate(data, m);
      out.win_rate.push_back({w, w, w});
    }
    for (float g : fit->gamma) out.coefficient.push_back({g, g, g});
    return out;
  }
  auto fit = stats::fit_bradley_terry(data);
  if (!fit) return fit.error();
  for (double b : fit->beta) {
    double w = stats::sigmoid(b);
    out.win_rate.push_back({w, w, w});
  }
  for (double g : fit->gamma) out.coefficient.push_back({g, g, g});
  return out;
}

Status styled_scores(const JudgmentSelection& s, const std::vector<arena::GamePair>& pairs,
                     const arena::BattleSet& battles, const AnswerIndex& answers,
                     const LeaderboardOptions& o, arena::Leaderboard& board) {
  auto sd = style_data(s, pairs, battles, answers);
  if (!sd) return sd.error();
  auto bt = fit_style(sd->data, o);
  if (!bt) return bt.error();
  for (size_t i = 0; i < s.models.size(); ++i) {
    const stats::BtQuantiles& q = bt->win_rate[i];
    board.rows.push_back(
        {s.models[i], q.median, q.lower, q.upper, std::nullopt, sd->n_rows[i], false});
  }
  for (size_t f = 0; f < bt->coefficient.size(); ++f) {
    const stats::BtQuantiles& q = bt->coefficient[f];
    board.style.push_back({arena::kStyleFeatureNames[f], q.median, q.lower, q.upper});
  }
  return ok_status();
}

void fill_avg_tokens(const JudgmentSelection& s, const AnswerIndex& answers,
                     arena::Leaderboard& board) {
  std::map<std::string, AnswerKeys> keys;  // display name -> answers judged
  AnswerKeys baseline_keys;
  for (const SelectedJudgment& sj : s.judgments) {
    keys[sj.model].insert({sj.judgment->model, sj.judgment->uid});
    baseline_keys.insert({s.baseline, sj.judgment->uid});
  }
  for (arena::LeaderboardRow& r : board.rows)
    r.avg_tokens = avg_tokens(answers, r.is_baseline ? baseline_keys : keys[r.model]);
}

// A model whose every game was dropped has no score; it is left out of the table with a warning
// rather than shown as 0 (or as 50 by an unconstrained fit).
Status keep_models_with_rows(JudgmentSelection& s, const std::vector<arena::GamePair>& pairs,
                             const arena::BattleSet& battles, arena::Leaderboard& board) {
  std::set<std::string> with_rows;
  for (const arena::BattleRow& r : battles.rows) with_rows.insert(pairs[r.pair].model);
  if (with_rows.empty()) return Error{"no usable verdicts: every game is null or unparsed"};
  std::vector<std::string> kept;
  for (const std::string& m : s.models) {
    if (with_rows.count(m)) {
      kept.push_back(m);
    } else {
      board.hygiene.warnings.push_back("no usable verdicts for model " + m);
    }
  }
  if (kept.empty()) return Error{"no usable verdicts for any model but the baseline"};
  s.models = std::move(kept);
  return ok_status();
}

std::string method_name(const LeaderboardOptions& o) {
  if (!o.style_control) return "plain bootstrap";
  if (o.style_fit == StyleFit::upstream)
    return "style-controlled Bradley-Terry, upstream fit (L-BFGS float32, lr 0.1, 50 steps from "
           "0.5)";
  return "style-controlled Bradley-Terry, converged fit (Newton)";
}

}  // namespace

const char* to_string(StyleFit fit) {
  return fit == StyleFit::upstream ? "upstream" : "converged";
}

std::optional<StyleFit> style_fit_from_string(const std::string& name) {
  if (name == "upstream") return StyleFit::upstream;
  if (name == "converged") return StyleFit::converged;
  return std::nullopt;
}

Expected<arena::Leaderboard> compute_arena_leaderboard(const std::vector<ArenaJudgment>& judgments,
                                                       const AnswerIndex& answers,
                                                       const LeaderboardOptions& o) {
  if (o.rounds < 0) return Error{"leaderboard: bootstrap rounds must be 0 (none) or more"};
  auto sel = select_judgments(judgments, o.category, o.baseline);
  if (!sel) return sel.error();
  std::vector<arena::GamePair> pairs = game_pairs(*sel);
  arena::BattleSet battles = arena::make_battle_rows(pairs, o.null_rule);

  arena::Leaderboard board;
  board.category = o.category;
  board.baseline = sel->baseline;
  board.judges = sel->judges;
  board.rounds = o.rounds;
  board.seed = o.seed;
  board.ci = o.null_rule == arena::VerdictRule::v0_1 ? "95%" : "90%";
  board.null_rule = arena::to_string(o.null_rule);
  board.n_pairs = battles.n_pairs;
  board.n_games_dropped = battles.n_games_dropped;
  board.hygiene = arena::compute_judge_hygiene(pairs, sel->judges);
  for (std::string& w : sel->warnings()) board.hygiene.warnings.push_back(std::move(w));
  Status st = keep_models_with_rows(*sel, pairs, battles, board);
  if (!st) return st.error();
  board.method = method_name(o);
  if (o.style_control) {
    st = styled_scores(*sel, pairs, battles, answers, o, board);
    if (!st) return st.error();
  } else {
    plain_scores(*sel, pairs, battles, o, board);
  }
  board.rows.push_back({sel->baseline, 0.5, 0.5, 0.5, std::nullopt, 0, true});
  fill_avg_tokens(*sel, answers, board);
  arena::sort_leaderboard(board);
  return board;
}

}  // namespace ys::arena
