// Expected values worked by hand: McNemar p = 2 * P(X <= min(b, c)), X ~ Bin(b + c, 1/2), and
// Holm's step-down rule over the listed families.
#include "judge/stats/run_comparison.h"

#include <catch2/catch.hpp>

namespace {

ys::SampleRow sample(const std::string& run, const std::string& id, const std::string& category,
                     double score) {
  ys::SampleRow r;
  r.run_id = run;
  r.item_id = id;
  r.category = category;
  r.score = score;
  return r;
}

ys::RunSummary run(const std::string& id, const std::string& model, const std::string& suite) {
  ys::RunSummary r;
  r.run_id = id;
  r.model = model;
  r.suite = suite;
  r.dataset_fingerprint = "fp-" + suite;
  return r;
}

void add(std::vector<ys::SampleRow>& out, const std::string& run_id,
         const std::vector<std::string>& categories, const std::vector<double>& scores) {
  for (size_t i = 0; i < scores.size(); ++i)
    out.push_back(sample(run_id, std::to_string(i), categories[i], scores[i]));
}

}  // namespace

TEST_CASE("compare_models gives per-suite, per-category and overall rows with Holm p-values",
          "[stats]") {
  const std::vector<ys::RunSummary> runs = {run("a1", "A", "s1"), run("b1", "B", "s1"),
                                            run("a2", "A", "s2"), run("b2", "B", "s2"),
                                            run("c1", "C", "s1")};
  std::vector<ys::SampleRow> samples;
  const std::vector<std::string> cats1 = {"x", "x", "x", "y", "y", "y"};
  add(samples, "a1", cats1, {1, 1, 1, 1, 1, 0});
  add(samples, "b1", cats1, {0, 0, 1, 1, 0, 0});
  add(samples, "c1", cats1, {1, 1, 1, 1, 1, 1});
  const std::vector<std::string> cats2 = {"", "", "", ""};
  add(samples, "a2", cats2, {0, 0, 0, 0});
  add(samples, "b2", cats2, {1, 1, 1, 1});

  const auto rows = ys::compare_models(runs, samples, "A", "B");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].suite == "s1");
  CHECK(rows[0].category.empty());
  CHECK(rows[0].result.paired);
  CHECK(rows[0].result.diff == Approx(0.5));
  CHECK(rows[0].result.p_value == Approx(0.25));  // 3 vs 0 discordant: 2 / 8
  CHECK(rows[0].p_adjusted == Approx(0.25));      // Holm over {0.25, 0.125}: max(0.25, 0.25)
  CHECK(rows[1].category == "x");
  CHECK(rows[1].result.p_value == Approx(0.5));  // 2 vs 0: 2 / 4
  CHECK(rows[1].p_adjusted == Approx(1.0));      // 2 * 0.5
  CHECK(rows[2].category == "y");
  CHECK(rows[2].result.p_value == Approx(1.0));
  CHECK(rows[3].suite == "s2");
  CHECK(rows[3].result.diff == Approx(-1.0));
  CHECK(rows[3].result.p_value == Approx(0.125));  // 0 vs 4: 2 / 16
  CHECK(rows[3].p_adjusted == Approx(0.25));       // 2 * 0.125
  CHECK(rows[4].suite == "overall");
  CHECK(rows[4].result.n_common == 10);
  CHECK(rows[4].result.diff == Approx(-0.1));
  CHECK(rows[4].result.p_value == Approx(1.0));  // 3 vs 4: 2 * (1 + 7 + 21 + 35) / 128
}

TEST_CASE("compare_models with no shared suite gives no rows", "[stats]") {
  const std::vector<ys::RunSummary> runs = {run("a1", "A", "s1"), run("b2", "B", "s2")};
  CHECK(ys::compare_models(runs, {}, "A", "B").empty());
  CHECK(ys::compare_models(runs, {}, "A", "nobody").empty());
}
