#include "suites/arena_hard/arena_leaderboard.h"

#include <map>
#include <set>
#include <unordered_map>

#include "judge/arena/battles.h"
#include "judge/arena/style_features.h"
#include "judge/stats/bootstrap.h"
#include "judge/stats/bradley_terry.h"
#include "suites/arena_hard/judging.h"

namespace ys::arena {
namespace {

struct Selected {
  std::vector<const ArenaJudgment*> judgments;
  std::string baseline;
  std::vector<std::string> judges;
  std::vector<std::string> models;  // sorted, baseline excluded
};

Expected<Selected> select_judgments(const std::vector<ArenaJudgment>& all,
                                    const LeaderboardOptions& o) {
  std::map<std::string, const ArenaJudgment*> last;  // judge|model|uid -> judgment
  for (const ArenaJudgment& j : all) {
    if (!o.category.empty() && !j.category.empty() && j.category != o.category) continue;
    last[j.judge + '\x1f' + j.model + '\x1f' + j.uid] = &j;
  }
  Selected s;
  s.baseline = o.baseline;
  std::set<std::string> judges, models;
  for (const auto& [key, j] : last) {
    if (s.baseline.empty()) s.baseline = j->baseline;
    if (o.baseline.empty() && !j->baseline.empty() && j->baseline != s.baseline) {
      return Error{"judgments name different baselines ('" + s.baseline + "' and '" + j->baseline +
                   "'); choose a category or a baseline"};
    }
  }
  if (s.baseline.empty()) s.baseline = default_baseline(o.category);
  if (s.baseline.empty()) return Error{"no baseline known for category '" + o.category + "'"};
  for (const auto& [key, j] : last) {
    if (j->model == s.baseline) continue;
    s.judgments.push_back(j);
    judges.insert(j->judge);
    models.insert(j->model);
  }
  if (s.judgments.empty()) {
    return Error{"no judgments" +
                 (o.category.empty() ? std::string() : " in category '" + o.category + "'")};
  }
  s.judges.assign(judges.begin(), judges.end());
  s.models.assign(models.begin(), models.end());
  return s;
}

std::vector<judge::GamePair> game_pairs(const Selected& s) {
  std::vector<judge::GamePair> pairs;
  pairs.reserve(s.judgments.size());
  for (const ArenaJudgment* j : s.judgments) {
    judge::GamePair gp{j->model, j->uid, {}};
    for (size_t g = 0; g < 2; ++g) {
      if (j->games[g] && j->games[g]->score) gp.labels[g] = j->games[g]->score;
    }
    pairs.push_back(std::move(gp));
  }
  return pairs;
}

const StyleMeta* meta_of(const AnswerIndex& answers, const std::string& model,
                         const std::string& uid) {
  const ArenaAnswer* a = find_answer(answers, model, uid);
  return a && a->metadata ? &*a->metadata : nullptr;
}

judge::StyleNumbers numbers(const StyleMeta& m) {
  return {static_cast<double>(m.token_len), static_cast<double>(m.counts.header_total()),
          static_cast<double>(m.counts.list_total()), static_cast<double>(m.counts.bold_total())};
}

std::optional<double> avg_tokens(const AnswerIndex& answers, const std::string& model,
                                 const std::set<std::string>& uids) {
  double sum = 0.0;
  int64_t n = 0;
  for (const std::string& uid : uids) {
    if (const StyleMeta* m = meta_of(answers, model, uid)) {
      sum += static_cast<double>(m->token_len);
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

void plain_scores(const Selected& s, const std::vector<judge::GamePair>& pairs,
                  const judge::BattleSet& battles, const LeaderboardOptions& o,
                  judge::Leaderboard& board) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < s.models.size(); ++i) index[s.models[i]] = i;
  std::vector<std::vector<double>> groups(s.models.size());
  for (const judge::BattleRow& r : battles.rows)
    groups[index[pairs[r.pair].model]].push_back(r.outcome);
  auto summary = stats::bootstrap_group_means(groups, o.rounds, o.seed);
  for (size_t i = 0; i < s.models.size(); ++i) {
    board.rows.push_back({s.models[i], summary[i].mean, summary[i].lower, summary[i].upper,
                          std::nullopt, summary[i].n, false});
  }
}

Status styled_scores(const Selected& s, const std::vector<judge::GamePair>& pairs,
                     const judge::BattleSet& battles, const AnswerIndex& answers,
                     const LeaderboardOptions& o, judge::Leaderboard& board) {
  std::map<std::string, int32_t> index;
  for (size_t i = 0; i < s.models.size(); ++i) index[s.models[i]] = static_cast<int32_t>(i);
  stats::BtData data;
  data.n_models = static_cast<int>(s.models.size());
  data.n_features = judge::kStyleFeatureCount;
  std::vector<int64_t> n_rows(s.models.size(), 0);
  for (const judge::BattleRow& r : battles.rows) {
    const judge::GamePair& gp = pairs[r.pair];
    const StyleMeta* mm = meta_of(answers, gp.model, gp.uid);
    const StyleMeta* bm = meta_of(answers, s.baseline, gp.uid);
    if (!mm || !bm) {
      return Error{"style control needs answer metadata: none for model '" +
                   (mm ? s.baseline : gp.model) + "' on question " + gp.uid};
    }
    auto f = judge::style_features(numbers(*mm), numbers(*bm));
    data.model.push_back(index[gp.model]);
    data.features.insert(data.features.end(), f.begin(), f.end());
    data.outcome.push_back(r.outcome);
    ++n_rows[static_cast<size_t>(index[gp.model])];
  }
  stats::standardize_columns(data.features, data.rows(), data.n_features);
  auto bt = stats::bootstrap_bradley_terry(data, o.rounds, o.seed);
  if (!bt) return bt.error();
  for (size_t i = 0; i < s.models.size(); ++i) {
    const stats::BtQuantiles& q = bt->win_rate[i];
    board.rows.push_back({s.models[i], q.median, q.lower, q.upper, std::nullopt, n_rows[i], false});
  }
  for (size_t f = 0; f < bt->coefficient.size(); ++f) {
    const stats::BtQuantiles& q = bt->coefficient[f];
    board.style.push_back({judge::kStyleFeatureNames[f], q.median, q.lower, q.upper});
  }
  return ok_status();
}

void fill_avg_tokens(const Selected& s, const AnswerIndex& answers, judge::Leaderboard& board) {
  std::map<std::string, std::set<std::string>> uids;
  std::set<std::string> all_uids;
  for (const ArenaJudgment* j : s.judgments) {
    uids[j->model].insert(j->uid);
    all_uids.insert(j->uid);
  }
  for (judge::LeaderboardRow& r : board.rows) {
    r.avg_tokens = avg_tokens(answers, r.model, r.is_baseline ? all_uids : uids[r.model]);
  }
}

// A model whose every game was dropped has no score; it is left out of the table with a warning
// rather than shown as 0 (or as 50 by an unconstrained fit).
Status keep_models_with_rows(Selected& s, const std::vector<judge::GamePair>& pairs,
                             const judge::BattleSet& battles, judge::Leaderboard& board) {
  std::set<std::string> with_rows;
  for (const judge::BattleRow& r : battles.rows) with_rows.insert(pairs[r.pair].model);
  for (const std::string& m : s.models) {
    if (!with_rows.count(m)) board.hygiene.warnings.push_back("no usable verdicts for model " + m);
  }
  if (with_rows.empty()) return Error{"no usable verdicts: every game is null or unparsed"};
  s.models.assign(with_rows.begin(), with_rows.end());
  return ok_status();
}

}  // namespace

Expected<judge::Leaderboard> compute_arena_leaderboard(const std::vector<ArenaJudgment>& judgments,
                                                       const AnswerIndex& answers,
                                                       const LeaderboardOptions& o) {
  if (o.rounds < 1) return Error{"leaderboard: bootstrap rounds must be at least 1"};
  auto sel = select_judgments(judgments, o);
  if (!sel) return sel.error();
  std::vector<judge::GamePair> pairs = game_pairs(*sel);
  judge::BattleSet battles = judge::make_battle_rows(pairs, o.null_rule);

  judge::Leaderboard board;
  board.category = o.category;
  board.baseline = sel->baseline;
  board.judges = sel->judges;
  board.rounds = o.rounds;
  board.seed = o.seed;
  board.null_rule = judge::to_string(o.null_rule);
  board.n_pairs = battles.n_pairs;
  board.n_games_dropped = battles.n_games_dropped;
  board.hygiene = judge::compute_judge_hygiene(pairs, sel->judges);
  Status st = keep_models_with_rows(*sel, pairs, battles, board);
  if (!st) return st.error();
  if (o.style_control) {
    board.method = "style-controlled Bradley-Terry";
    st = styled_scores(*sel, pairs, battles, answers, o, board);
    if (!st) return st.error();
  } else {
    board.method = "plain bootstrap";
    plain_scores(*sel, pairs, battles, o, board);
  }
  board.rows.push_back({sel->baseline, 0.5, 0.5, 0.5, std::nullopt, 0, true});
  fill_avg_tokens(*sel, answers, board);
  judge::sort_leaderboard(board);
  return board;
}

}  // namespace ys::arena
