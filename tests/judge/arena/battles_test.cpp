#include "judge/arena/battles.h"

#include <catch2/catch.hpp>

using namespace ys::arena;

namespace {
// Three questions of one model, values worked out by hand:
//  p0: games [B>A, A>B]     -> both say the model is better: rows 1 (game 1), 1 (game 0)
//  p1: games [null, A>>B]   -> game 1 strong win: three rows of 1; game 0 null
//  p2: games [A=B, "XYZ"]   -> game 0 tie: one row of 0.5; game 1 unparsable
std::vector<GamePair> three_pairs() {
  return {{"m", "p0", {std::string("B>A"), std::string("A>B")}},
          {"m", "p1", {std::nullopt, std::string("A>>B")}},
          {"m", "p2", {std::string("A=B"), std::string("XYZ")}}};
}
}  // namespace

TEST_CASE("the v2.0 null rule drops both games of a question with a bad game") {
  BattleSet b = make_battle_rows(three_pairs(), VerdictRule::v2_0);
  REQUIRE(b.rows.size() == 2);
  CHECK(b.rows[0].outcome == 1.0);
  CHECK(b.rows[1].outcome == 1.0);
  CHECK(b.n_pairs_dropped == 2);
  CHECK(b.n_games_dropped == 4);
  CHECK(b.n_null_games == 2);
}

TEST_CASE("the v0.1 null rule drops only the bad game") {
  BattleSet b = make_battle_rows(three_pairs(), VerdictRule::v0_1);
  REQUIRE(b.rows.size() == 6);  // 2 + 3 + 1
  double sum = 0;
  for (const BattleRow& r : b.rows) sum += r.outcome;
  CHECK(sum == Approx(5.5));
  CHECK(b.n_games_dropped == 2);
  CHECK(b.n_pairs_dropped == 0);
}

TEST_CASE("strong labels count three rows and game 0 is seen from the model's side") {
  std::vector<GamePair> p = {{"m", "q", {std::string("A>>B"), std::string("B<<A")}}};
  BattleSet b = make_battle_rows(p, VerdictRule::v2_0);
  REQUIRE(b.rows.size() == 6);
  for (int i = 0; i < 3; ++i) {
    CHECK(b.rows[static_cast<size_t>(i)].game == 1);
    CHECK(b.rows[static_cast<size_t>(i)].outcome == 1.0);  // B<<A: A (the model) much better
  }
  for (int i = 3; i < 6; ++i)
    CHECK(b.rows[static_cast<size_t>(i)].outcome == 0.0);  // baseline much better
}

TEST_CASE("judge hygiene counts position inconsistency and null verdicts") {
  std::vector<GamePair> p = {
      {"m", "q1", {std::string("B>A"), std::string("A>B")}},  // consistent: model wins twice
      {"m", "q2", {std::string("B>A"), std::string("A=B")}},  // win vs tie: inconsistent
      {"m", "q3", {std::string("B>A"), std::string("B>A")}},  // model wins as B, loses as A
      {"m", "q4", {std::nullopt, std::string("A>B")}},        // one null game
  };
  JudgeHygiene h = compute_judge_hygiene(p, {"judge-x"});
  CHECK(h.n_pairs_both_valid == 3);
  CHECK(h.n_position_inconsistent == 2);
  CHECK(h.position_inconsistency() == Approx(2.0 / 3.0));
  CHECK(h.null_share() == Approx(1.0 / 8.0));
  CHECK(h.warnings.empty());
}

TEST_CASE("judge hygiene warns when the judge also is a judged model") {
  std::vector<GamePair> p = {{"gpt-x", "q1", {std::string("B>A"), std::string("A>B")}}};
  JudgeHygiene h = compute_judge_hygiene(p, {"gpt-x"});
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings[0].find("gpt-x") != std::string::npos);
}
