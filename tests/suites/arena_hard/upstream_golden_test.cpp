// The leaderboard against upstream's own procedure: upstream_golden.py writes judgments and
// answers in arena-hard-auto's v2.0 schema (with repeated lines, a baseline self-battle and an
// "org/model" name) and the scores upstream's show_result.py procedure gives on all rows without
// resampling, computed independently in numpy float32 (expected.json).
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "suites/arena_hard/leaderboard_from_judgments.h"
#include "test_paths.h"

using namespace ys;
using namespace ys::arena;

namespace {

std::string golden(const std::string& rel) {
  return arena_test::source_dir() + "/tests/suites/arena_hard/upstream_golden/" + rel;
}

struct Golden {
  std::vector<ArenaJudgment> judgments;
  AnswerIndex answers;
  Json expected;
};

Golden load_golden() {
  Golden g;
  const char* judgment_files[] = {"model-a", "model-a-rerun", "model-b",           "model-c",
                                  "model-d", "org__model-e",  "o3-mini-2025-01-31"};
  for (const char* f : judgment_files) {
    auto j = load_arena_judgments(golden(std::string("model_judgment/gpt-4.1/") + f + ".jsonl"));
    REQUIRE(j.ok());
    g.judgments.insert(g.judgments.end(), j->begin(), j->end());
  }
  const char* answer_files[] = {"model-a", "model-b",      "model-c",
                                "model-d", "org__model-e", "o3-mini-2025-01-31"};
  for (const char* f : answer_files) {
    auto a = load_arena_answers(golden(std::string("model_answer/") + f + ".jsonl"));
    REQUIRE(a.ok());
    add_to_index(g.answers, std::move(*a));
  }
  std::ifstream in(golden("expected.json"));
  REQUIRE(in.good());
  g.expected = Json::parse(in);
  return g;
}

const arena::LeaderboardRow* find_row(const arena::Leaderboard& b, const std::string& model,
                                      bool baseline_row = false) {
  for (const auto& r : b.rows)
    if (r.model == model && r.is_baseline == baseline_row) return &r;
  return nullptr;
}

arena::Leaderboard board(const Golden& g, bool style, int rounds,
                         StyleFit fit = StyleFit::upstream) {
  LeaderboardOptions o;
  o.category = "hard_prompt";
  o.style_control = style;
  o.style_fit = fit;
  o.rounds = rounds;
  auto b = compute_arena_leaderboard(g.judgments, g.answers, o);
  REQUIRE(b.ok());
  return *b;
}

void check_scores(const arena::Leaderboard& b, const Json& expected, double margin) {
  for (const auto& [model, score] : expected.items()) {
    const auto* r = find_row(b, model);
    INFO(model);
    REQUIRE(r != nullptr);
    CHECK(r->score == Approx(score.get<double>()).margin(margin));
  }
}

}  // namespace

TEST_CASE("plain scores on all rows equal upstream's, quirks counted as upstream counts them") {
  Golden g = load_golden();
  arena::Leaderboard b = board(g, false, 0);
  check_scores(b, g.expected["plain"], 1e-4);  // 0.01 points
  int64_t rows = 0;
  for (const auto& r : b.rows) rows += r.n_rows;
  CHECK(rows == g.expected["n_rows"].get<int64_t>());
  // The self-battle is a row of its own, next to the fixed baseline row, as upstream prints it.
  REQUIRE(find_row(b, "o3-mini-2025-01-31", true) != nullptr);
  REQUIRE(find_row(b, "o3-mini-2025-01-31", false) != nullptr);
  std::string warnings;
  for (const auto& w : b.hygiene.warnings) warnings += w + "\n";
  CHECK_THAT(warnings, Catch::Contains("15 judgment lines repeat"));
  CHECK_THAT(warnings, Catch::Contains("12 judgments of the baseline"));
  CHECK_THAT(warnings, Catch::Contains("80 judgments name their model as 'org/model'"));
}

TEST_CASE("style-controlled scores on all rows equal upstream's unconverged L-BFGS fit") {
  Golden g = load_golden();
  arena::Leaderboard b = board(g, true, 0);
  check_scores(b, g.expected["style_upstream"], 1e-4);
  REQUIRE(b.style.size() == 4);
  for (size_t k = 0; k < 4; ++k)
    CHECK(b.style[k].median ==
          Approx(g.expected["style_coefficients"][k].get<double>()).margin(1e-4));
  CHECK_THAT(b.method, Catch::Contains("upstream fit"));
}

TEST_CASE("the converged fit is an option, named, and differs from upstream's") {
  Golden g = load_golden();
  arena::Leaderboard b = board(g, true, 0, StyleFit::converged);
  check_scores(b, g.expected["style_converged"], 1e-4);
  CHECK_THAT(b.method, Catch::Contains("converged"));
  double gap = std::fabs(find_row(b, "model-d")->score -
                         g.expected["style_upstream"]["model-d"].get<double>());
  CHECK(gap > 1e-3);  // the two fits are told apart by this data
}

TEST_CASE("bootstrap centres agree with the full-data scores within Monte Carlo error") {
  Golden g = load_golden();
  for (bool style : {false, true}) {
    arena::Leaderboard b = board(g, style, 100);
    const Json& expected = style ? g.expected["style_upstream"] : g.expected["plain"];
    for (const auto& [model, score] : expected.items()) {
      const auto* r = find_row(b, model);
      REQUIRE(r != nullptr);
      // The 90% interval spans about 3.3 sd; the centre of 100 rounds is off by ~0.13 sd.
      double sd = (r->upper - r->lower) / 3.29;
      INFO(model << " style " << style << " score " << r->score << " sd " << sd);
      CHECK(std::fabs(r->score - score.get<double>()) < 0.5 * sd + 1e-9);
    }
  }
}

TEST_CASE("the v0.1 rule prints a 95% interval, v2.0 a 90% one") {
  Golden g = load_golden();
  LeaderboardOptions o;
  o.category = "hard_prompt";
  o.rounds = 50;
  auto v2 = compute_arena_leaderboard(g.judgments, g.answers, o);
  o.null_rule = arena::VerdictRule::v0_1;
  auto v1 = compute_arena_leaderboard(g.judgments, g.answers, o);
  REQUIRE(v2.ok());
  REQUIRE(v1.ok());
  CHECK(v2->ci == "90%");
  CHECK(v1->ci == "95%");
  const auto* r2 = find_row(*v2, "model-b");
  const auto* r1 = find_row(*v1, "model-b");
  CHECK(r1->upper - r1->lower > r2->upper - r2->lower);
}
