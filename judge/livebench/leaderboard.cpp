#include "judge/livebench/leaderboard.h"

#include <algorithm>
#include <set>

#include "judge/stats/bootstrap.h"

namespace ys::livebench {
namespace {

using TaskKey = std::pair<std::string, std::string>;  // (category, task)
using TaskScores = std::map<TaskKey, std::vector<double>>;

double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// Task means -> category means -> overall, the way show_livebench_result.py groups them.
struct Levels {
  std::map<TaskKey, double> tasks;
  std::map<std::string, double> categories;
  double overall = 0.0;
};

Levels levels_of(const std::map<TaskKey, double>& task_means) {
  Levels l;
  l.tasks = task_means;
  std::map<std::string, std::vector<double>> by_category;
  for (const auto& [key, m] : task_means) by_category[key.first].push_back(m);
  std::vector<double> cats;
  for (const auto& [c, v] : by_category) {
    l.categories[c] = mean(v);
    cats.push_back(l.categories[c]);
  }
  l.overall = mean(cats);
  return l;
}

BoardCell cell(double point, std::vector<double>& rounds, int64_t n) {
  return {point, stats::quantile_linear(rounds, 0.025), stats::quantile_linear(rounds, 0.975), n};
}

BoardRow row_for(const std::string& model, const TaskScores& scores, const BoardOptions& o) {
  BoardRow row;
  row.model = model;
  std::map<TaskKey, double> point;
  for (const auto& [key, v] : scores) point[key] = 100.0 * mean(v);
  const Levels p = levels_of(point);

  std::map<TaskKey, std::vector<double>> task_rounds;
  std::map<std::string, std::vector<double>> cat_rounds;
  std::vector<double> overall_rounds;
  stats::BootstrapRng rng(o.seed);
  for (int r = 0; r < o.rounds; ++r) {
    std::map<TaskKey, double> means;
    for (const auto& [key, v] : scores) {
      double s = 0.0;
      for (size_t i = 0; i < v.size(); ++i) s += v[rng.index(v.size())];
      means[key] = 100.0 * s / static_cast<double>(v.size());
    }
    const Levels l = levels_of(means);
    for (const auto& [key, m] : l.tasks) task_rounds[key].push_back(m);
    for (const auto& [c, m] : l.categories) cat_rounds[c].push_back(m);
    overall_rounds.push_back(l.overall);
  }
  std::map<std::string, int64_t> cat_n;
  int64_t total_n = 0;
  for (const auto& [key, v] : scores) {
    const auto n = static_cast<int64_t>(v.size());
    row.tasks[key.second] = cell(p.tasks.at(key), task_rounds[key], n);
    cat_n[key.first] += n;
    total_n += n;
  }
  for (const auto& [c, m] : p.categories) row.categories[c] = cell(m, cat_rounds[c], cat_n[c]);
  row.overall = cell(p.overall, overall_rounds, total_n);
  return row;
}

}  // namespace

Board livebench_board(const std::vector<BoardSample>& samples, const BoardOptions& options) {
  Board board;
  board.rounds = options.rounds;
  board.seed = options.seed;
  std::set<TaskKey> tasks;
  std::set<std::string> categories;
  std::map<std::string, TaskScores> by_model;
  std::map<std::string, BoardRow> counts;
  for (const BoardSample& s : samples) {
    tasks.insert({s.category, s.task});
    categories.insert(s.category);
    BoardRow& c = counts[s.model];
    ++c.n_selected;
    if (!s.answered) continue;
    ++c.n_answered;
    if (s.error) ++c.n_errors;
    by_model[s.model][{s.category, s.task}].push_back(s.error ? 0.0 : s.score);
  }
  board.tasks.assign(tasks.begin(), tasks.end());
  board.categories.assign(categories.begin(), categories.end());
  for (const auto& [model, c] : counts) {
    BoardRow row = row_for(model, by_model[model], options);
    row.n_selected = c.n_selected;
    row.n_answered = c.n_answered;
    row.n_errors = c.n_errors;
    if (!row.complete()) {
      board.notes.push_back(model + ": missing answers for " +
                            std::to_string(row.n_selected - row.n_answered) + " of " +
                            std::to_string(row.n_selected) +
                            " selected questions (LiveBench leaves such a model out; shown here "
                            "over the answered ones, marked *)");
    }
    board.rows.push_back(std::move(row));
  }
  std::sort(board.rows.begin(), board.rows.end(), [](const BoardRow& a, const BoardRow& b) {
    if (a.overall.mean != b.overall.mean) return a.overall.mean > b.overall.mean;
    return a.model < b.model;
  });
  return board;
}

Json to_json(const Board& board) {
  auto cell_json = [](const BoardCell& c) {
    return Json{{"score", c.mean}, {"ci_low", c.ci_low}, {"ci_high", c.ci_high}, {"n", c.n}};
  };
  Json tasks = Json::array();
  for (const auto& [c, t] : board.tasks) tasks.push_back({{"category", c}, {"task", t}});
  Json rows = Json::array();
  for (const BoardRow& r : board.rows) {
    Json row = {{"model", r.model},           {"overall", cell_json(r.overall)},
                {"n_selected", r.n_selected}, {"n_answered", r.n_answered},
                {"n_errors", r.n_errors},     {"complete", r.complete()}};
    row["categories"] = Json::object();
    for (const auto& [c, cell] : r.categories) row["categories"][c] = cell_json(cell);
    row["tasks"] = Json::object();
    for (const auto& [t, cell] : r.tasks) row["tasks"][t] = cell_json(cell);
    rows.push_back(std::move(row));
  }
  return {{"release", board.release},
          {"tasks", tasks},
          {"categories", board.categories},
          {"rows", rows},
          {"bootstrap_rounds", board.rounds},
          {"seed", board.seed},
          {"notes", board.notes}};
}

}  // namespace ys::livebench
