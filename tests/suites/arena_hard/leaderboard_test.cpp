// End-to-end leaderboard on the sample judgments. Expected values worked out by hand from the
// scripted verdicts in datasets/samples/arena_hard (docs/suites/arena-hard.md):
//   hard_prompt, sample-model-a: 12 rows, 9 ones and 3 halves -> mean 0.875
//   hard_prompt, sample-model-b: every row is a loss; q-math-2 has a null game (v2.0: 14 rows,
//   v0.1: 17 rows), score 0.
#include <catch2/catch.hpp>

#include "suites/arena_hard/leaderboard_from_judgments.h"
#include "test_paths.h"

using namespace ys;
using namespace ys::arena;

namespace {
struct Sample {
  std::vector<ArenaJudgment> judgments;
  AnswerIndex answers;
};

Sample load_sample() {
  Sample s;
  for (const char* m : {"sample-model-a", "sample-model-b"}) {
    auto j = load_arena_judgments(
        arena_test::sample(std::string("model_judgment/sample-judge/") + m + ".jsonl"));
    REQUIRE(j.ok());
    s.judgments.insert(s.judgments.end(), j->begin(), j->end());
  }
  for (const char* m :
       {"sample-model-a", "sample-model-b", "o3-mini-2025-01-31", "gemini-2.0-flash-001"}) {
    auto a = load_arena_answers(arena_test::sample(std::string("model_answer/") + m + ".jsonl"));
    REQUIRE(a.ok());
    add_to_index(s.answers, std::move(*a));
  }
  return s;
}

const arena::LeaderboardRow& row(const arena::Leaderboard& b, const std::string& model) {
  for (const auto& r : b.rows) {
    if (r.model == model) return r;
  }
  FAIL("no row for " << model);
  return b.rows.front();
}
}  // namespace

TEST_CASE("the plain leaderboard of the sample matches the hand-computed scores") {
  Sample s = load_sample();
  LeaderboardOptions o;
  o.category = "hard_prompt";
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE(b.ok());
  REQUIRE(b->rows.size() == 3);
  CHECK(b->baseline == "o3-mini-2025-01-31");
  CHECK(b->rows[0].model == "sample-model-a");
  CHECK(b->rows[1].model == "o3-mini-2025-01-31");
  CHECK(b->rows[1].score == 0.5);
  CHECK(row(*b, "sample-model-a").score == Approx(0.875).margin(0.03));
  CHECK(row(*b, "sample-model-a").n_rows == 12);
  CHECK(row(*b, "sample-model-b").score == 0.0);
  CHECK(row(*b, "sample-model-b").n_rows == 14);
  CHECK(b->hygiene.n_pairs_both_valid == 7);
  CHECK(b->hygiene.n_position_inconsistent == 1);
  CHECK(b->hygiene.null_share() == Approx(1.0 / 16.0));
  REQUIRE(row(*b, "sample-model-a").avg_tokens.has_value());
}

TEST_CASE("the v0.1 null rule keeps the good game of a half-null question") {
  Sample s = load_sample();
  LeaderboardOptions o;
  o.category = "hard_prompt";
  o.null_rule = arena::VerdictRule::v0_1;
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE(b.ok());
  CHECK(row(*b, "sample-model-b").n_rows == 17);
}

TEST_CASE("leaderboards are reproducible for a seed") {
  Sample s = load_sample();
  LeaderboardOptions o;
  o.category = "hard_prompt";
  o.seed = 123;
  auto a = compute_arena_leaderboard(s.judgments, s.answers, o);
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE((a.ok() && b.ok()));
  CHECK(arena::render_leaderboard_text(*a) == arena::render_leaderboard_text(*b));
}

TEST_CASE("the style-controlled leaderboard runs on the sample and reports four coefficients") {
  Sample s = load_sample();
  LeaderboardOptions o;
  o.category = "creative_writing";
  o.style_control = true;
  o.rounds = 20;
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE(b.ok());
  CHECK(b->baseline == "gemini-2.0-flash-001");
  REQUIRE(b->style.size() == 4);
  CHECK(b->style[0].name == std::string("length"));
  for (const auto& r : b->rows) {
    CHECK(r.lower <= r.score);
    CHECK(r.score <= r.upper);
  }
  std::string text = arena::render_leaderboard_text(*b);
  CHECK(text.find("style coefficients") != std::string::npos);
}

TEST_CASE("style control without answer metadata names the missing answer") {
  Sample s = load_sample();
  s.answers.erase("gemini-2.0-flash-001");
  LeaderboardOptions o;
  o.category = "creative_writing";
  o.style_control = true;
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message.find("gemini-2.0-flash-001") != std::string::npos);
}

TEST_CASE("mixed baselines without a category are refused, and a judge judging itself is flagged") {
  Sample s = load_sample();
  CHECK_FALSE(compute_arena_leaderboard(s.judgments, s.answers, LeaderboardOptions{}).ok());
  for (auto& j : s.judgments) j.judge = "sample-model-a";
  LeaderboardOptions o;
  o.category = "hard_prompt";
  auto b = compute_arena_leaderboard(s.judgments, s.answers, o);
  REQUIRE(b.ok());
  REQUIRE_FALSE(b->hygiene.warnings.empty());
  CHECK(arena::render_leaderboard_text(*b).find("WARNING") != std::string::npos);
}

TEST_CASE("judgments of several judges are pooled with equal weight") {
  Sample s = load_sample();
  std::vector<ArenaJudgment> pooled = s.judgments;
  for (ArenaJudgment j : s.judgments) {
    j.judge = "second-judge";
    pooled.push_back(j);
  }
  LeaderboardOptions o;
  o.category = "hard_prompt";
  auto b = compute_arena_leaderboard(pooled, s.answers, o);
  REQUIRE(b.ok());
  CHECK(b->judges.size() == 2);
  CHECK(row(*b, "sample-model-a").n_rows == 24);
  CHECK(row(*b, "sample-model-b").n_rows == 28);
  CHECK(row(*b, "sample-model-a").score == Approx(0.875).margin(0.03));
}

TEST_CASE("a repeated judgment of the same judge, model and question counts twice, as upstream") {
  Sample s = load_sample();
  std::vector<ArenaJudgment> twice = s.judgments;
  twice.insert(twice.end(), s.judgments.begin(), s.judgments.end());
  LeaderboardOptions o;
  o.category = "hard_prompt";
  auto b = compute_arena_leaderboard(twice, s.answers, o);
  REQUIRE(b.ok());
  CHECK(row(*b, "sample-model-a").n_rows == 24);
  bool warned = false;
  for (const auto& w : b->hygiene.warnings)
    warned |= w.find("repeat an earlier") != std::string::npos;
  CHECK(warned);
}

TEST_CASE(
    "legacy judgments without category or baseline ask for --baseline, or use the given one") {
  Sample s = load_sample();
  std::vector<ArenaJudgment> legacy;
  for (auto j : s.judgments) {
    if (j.category != "hard_prompt") continue;
    j.category.clear();
    j.baseline.clear();
    legacy.push_back(std::move(j));
  }
  auto refused = compute_arena_leaderboard(legacy, s.answers, LeaderboardOptions{});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("--baseline") != std::string::npos);
  LeaderboardOptions o;
  o.baseline = "o3-mini-2025-01-31";
  auto b = compute_arena_leaderboard(legacy, s.answers, o);
  REQUIRE(b.ok());
  CHECK(row(*b, "sample-model-a").score == Approx(0.875).margin(0.03));
}
