// The LiveBench leaderboard: expected numbers worked out by hand from the rules of
// show_livebench_result.py (task = mean x100, category = mean of tasks, overall = mean of
// categories), written next to each case.
#include "judge/livebench/leaderboard.h"

#include <catch2/catch.hpp>

namespace lb = ys::livebench;

namespace {

lb::BoardSample s(const std::string& model, const std::string& category, const std::string& task,
                  double score, bool answered = true, bool error = false) {
  static int n = 0;
  return {model, category, task, "q" + std::to_string(++n), answered, error, score};
}

std::vector<lb::BoardSample> samples() {
  return {// A: math t1 = (1+0)/2 = 50, t2 = 100 -> math 75; reasoning t3 = 1.2/3 = 40; overall 57.5
          s("A", "math", "t1", 1), s("A", "math", "t1", 0), s("A", "math", "t2", 1),
          s("A", "reasoning", "t3", 0.5), s("A", "reasoning", "t3", 0.5),
          s("A", "reasoning", "t3", 0.2),
          // B: t1 = 100, t2 errored (its stored 1 counts 0) -> math 50; t3 = (1+0)/2 = 50 with one
          // question missing; overall 50
          s("B", "math", "t1", 1), s("B", "math", "t1", 1), s("B", "math", "t2", 1, true, true),
          s("B", "reasoning", "t3", 1), s("B", "reasoning", "t3", 0, false),
          s("B", "reasoning", "t3", 0)};
}

}  // namespace

TEST_CASE("task, category and overall scores follow LiveBench's averaging") {
  const lb::Board board = lb::livebench_board(samples(), {200, 7});
  REQUIRE(board.rows.size() == 2);
  const lb::BoardRow& a = board.rows[0];
  const lb::BoardRow& b = board.rows[1];
  CHECK(a.model == "A");
  CHECK(a.tasks.at("t1").mean == Approx(50));
  CHECK(a.tasks.at("t2").mean == Approx(100));
  CHECK(a.tasks.at("t3").mean == Approx(40));
  CHECK(a.categories.at("math").mean == Approx(75));
  CHECK(a.categories.at("reasoning").mean == Approx(40));
  CHECK(a.overall.mean == Approx(57.5));
  CHECK(a.complete());
  CHECK(b.model == "B");
  CHECK(b.categories.at("math").mean == Approx(50));
  CHECK(b.tasks.at("t3").mean == Approx(50));
  CHECK(b.overall.mean == Approx(50));
  CHECK_FALSE(b.complete());
  CHECK(b.n_selected == 6);
  CHECK(b.n_answered == 5);
  CHECK(b.n_errors == 1);
  REQUIRE(board.notes.size() == 1);
  CHECK(board.notes[0].find("B: missing answers for 1 of 6") != std::string::npos);
  CHECK(board.categories == std::vector<std::string>{"math", "reasoning"});
  REQUIRE(board.tasks.size() == 3);
  CHECK(board.tasks[2] == std::make_pair(std::string("reasoning"), std::string("t3")));
}

TEST_CASE("bootstrap intervals hold the point, are seeded, and do not depend on other models") {
  const lb::Board board = lb::livebench_board(samples(), {500, 11});
  for (const lb::BoardRow& r : board.rows) {
    INFO(r.model);
    CHECK(r.overall.ci_low <= r.overall.mean);
    CHECK(r.overall.ci_high >= r.overall.mean);
    CHECK(r.overall.ci_low < r.overall.ci_high);
    CHECK(r.overall.ci_low >= 0.0);
    CHECK(r.overall.ci_high <= 100.0);
  }
  // One question, always the same value: no spread.
  CHECK(board.rows[0].tasks.at("t2").ci_low == 100.0);
  CHECK(board.rows[0].tasks.at("t2").ci_high == 100.0);
  const lb::Board again = lb::livebench_board(samples(), {500, 11});
  CHECK(again.rows[0].overall.ci_low == board.rows[0].overall.ci_low);
  std::vector<lb::BoardSample> only_a;
  for (const auto& x : samples())
    if (x.model == "A") only_a.push_back(x);
  const lb::Board alone = lb::livebench_board(only_a, {500, 11});
  CHECK(alone.rows[0].overall.ci_low == board.rows[0].overall.ci_low);
  CHECK(alone.rows[0].overall.ci_high == board.rows[0].overall.ci_high);
  // Another seed draws other resamples (30 distinct values: the bounds move).
  std::vector<lb::BoardSample> spread;
  for (int i = 0; i < 30; ++i) spread.push_back(s("C", "math", "t1", i / 29.0));
  const lb::Board c11 = lb::livebench_board(spread, {500, 11});
  const lb::Board c12 = lb::livebench_board(spread, {500, 12});
  CHECK(c11.rows[0].overall.mean == Approx(50.0));
  CHECK(c11.rows[0].overall.ci_low != c12.rows[0].overall.ci_low);
}

TEST_CASE("the JSON form carries every number and the flags") {
  const ys::Json j = lb::to_json(lb::livebench_board(samples(), {50, 1}));
  CHECK(j["rows"][0]["overall"]["score"].get<double>() == Approx(57.5));
  CHECK(j["rows"][1]["complete"] == false);
  CHECK(j["rows"][1]["tasks"]["t3"]["n"] == 2);
  CHECK(j["bootstrap_rounds"] == 50);
}
