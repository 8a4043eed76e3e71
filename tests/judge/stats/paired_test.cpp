// Reference values: binomial sums and Holm adjustments by hand; bootstrap intervals, the exact
// sign-flip test and Welch's test from tests/judge/stats/paired_reference.py, an independent
// plain-Python implementation (its output is paired_reference.txt next to it); Student-t CDF by
// numerical integration of the density in python3 and by closed forms (df = 1: 1/2 + atan(t)/pi).
#include "judge/stats/paired.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "judge/stats/bootstrap.h"
#include "judge/stats/ci.h"
#include "judge/stats/hypothesis.h"

namespace {

ys::SampleRow row(const std::string& id, double score,
                  ys::ScoreStatus status = ys::ScoreStatus::ok) {
  ys::SampleRow r;
  r.item_id = id;
  r.score = score;
  r.status = status;
  return r;
}

std::vector<ys::SampleRow> rows(const std::vector<double>& scores) {
  std::vector<ys::SampleRow> out;
  for (size_t i = 0; i < scores.size(); ++i) out.push_back(row("q" + std::to_string(i), scores[i]));
  return out;
}

}  // namespace

TEST_CASE("the Student t CDF matches integration and closed forms", "[stats]") {
  CHECK(ys::student_t_cdf(2.0, 10) == Approx(0.9633059826146269).margin(1e-9));
  CHECK(ys::student_t_cdf(-1.5, 3) == Approx(0.1152919326224115).margin(1e-9));
  CHECK(ys::student_t_cdf(0.7, 1) == Approx(0.5 + std::atan(0.7) / std::numbers::pi).margin(1e-12));
  CHECK(ys::student_t_cdf(0.0, 5) == Approx(0.5));
  CHECK(ys::student_t_cdf(1.0, 0) == 0.5);
}

TEST_CASE("the bootstrap generator is the standard mt19937_64", "[stats]") {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64.
  CHECK(ys::stats::BootstrapRng(5489).index(1) == 0);
  std::mt19937_64 gen(5489);
  gen.discard(9999);
  CHECK(gen() == 9981545732273789042ull);
}

TEST_CASE("the exact McNemar p-value matches hand-summed binomials", "[stats]") {
  CHECK(ys::mcnemar_exact_p(5, 1) == Approx(14.0 / 64.0));
  CHECK(ys::mcnemar_exact_p(2, 10) == Approx(158.0 / 4096.0));
  CHECK(ys::mcnemar_exact_p(4, 1) == Approx(12.0 / 32.0));
  CHECK(ys::mcnemar_exact_p(7, 20) == Approx(0.0191572904586792).epsilon(1e-12));
  CHECK(ys::mcnemar_exact_p(3, 3) == 1.0);
  CHECK(ys::mcnemar_exact_p(0, 0) == 1.0);
  CHECK(ys::mcnemar_exact_p(0, 2000) < 1e-300);
}

TEST_CASE("the sign-flip test enumerates small cases exactly", "[stats]") {
  // d = {1, 2, 3}: |sum| = 6 only for all-plus or all-minus: 2 of 8 patterns.
  bool exact = false;
  CHECK(ys::sign_flip_p({1, 2, 3}, 100, 1, &exact) == Approx(0.25));
  CHECK(exact);
  // d = {1, -1, 0}: the zero is dropped; |sum| = 0 is reached by every pattern.
  CHECK(ys::sign_flip_p({1, -1, 0}, 100, 1) == 1.0);
  CHECK(ys::sign_flip_p({0, 0}, 100, 1) == 1.0);
  // 25 equal positive differences: only 2 of 2^25 patterns are as extreme, so sampling finds
  // none and p = 1 / (1 + rounds).
  std::vector<double> many(25, 0.5);
  CHECK(ys::sign_flip_p(many, 999, 4, &exact) == Approx(1.0 / 1000.0));
  CHECK_FALSE(exact);
}

TEST_CASE("Welch's test matches the reference script", "[stats]") {
  const std::vector<double> a = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1};
  const std::vector<double> b = {0, 0, 1, 0, 1, 0, 0};
  CHECK(ys::welch_t_p(a, b) == Approx(0.1073158577309612).margin(1e-7));
  CHECK(ys::welch_t_p({1, 1}, {1, 1}) == 1.0);
  CHECK(ys::welch_t_p({1, 1}, {0, 0}) == 0.0);
  CHECK(ys::welch_t_p({1}, {0, 0}) == 1.0);
}

TEST_CASE("Holm's adjustment matches the hand computation", "[stats]") {
  // Sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 -> kept at 0.06.
  const std::vector<double> adjusted = ys::holm_adjust({0.01, 0.04, 0.03, 0.005});
  REQUIRE(adjusted.size() == 4);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
  CHECK(adjusted[3] == Approx(0.02));
  CHECK(ys::holm_adjust({0.6, 0.7})[1] == 1.0);
  CHECK(ys::holm_adjust({}).empty());
}

TEST_CASE("a paired 0/1 comparison gives the hand-computed delta, McNemar p and bootstrap CI",
          "[stats]") {
  const auto a = rows({1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0});
  const auto b = rows({0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0});
  ys::PairedOptions options;
  options.bootstrap_rounds = 2000;
  options.seed = 7;
  const ys::PairedComparison c = ys::compare_paired(a, b, options);
  CHECK(c.paired);
  CHECK(c.warning.empty());
  CHECK(c.n_common == 12);
  CHECK(c.diff == Approx(3.0 / 12.0));
  CHECK(c.won == 4);
  CHECK(c.lost == 1);
  CHECK(c.tied == 7);
  CHECK(c.a_only_right == 4);
  CHECK(c.b_only_right == 1);
  CHECK(c.method == "mcnemar-exact");
  CHECK(c.p_value == Approx(12.0 / 32.0));  // 2 * (1 + 5) / 2^5
  CHECK(c.ci_low == Approx(-0.08333333333333333).margin(1e-12));
  CHECK(c.ci_high == Approx(0.5833333333333334).margin(1e-12));
}

TEST_CASE("a paired fractional comparison uses the sign-flip test", "[stats]") {
  const auto a = rows({0.9, 0.4, 0.75, 0.6, 1.0, 0.3, 0.8, 0.55});
  const auto b = rows({0.7, 0.5, 0.5, 0.6, 0.6, 0.1, 0.85, 0.25});
  ys::PairedOptions options;
  options.bootstrap_rounds = 500;
  options.seed = 3;
  const ys::PairedComparison c = ys::compare_paired(a, b, options);
  CHECK(c.method == "sign-flip-exact");
  CHECK(c.p_value == Approx(1.0 / 16.0));
  CHECK(c.won == 5);
  CHECK(c.lost == 2);
  CHECK(c.tied == 1);
  CHECK(c.ci_low == Approx(0.03750000000000002).margin(1e-12));
  CHECK(c.ci_high == Approx(0.25000000000000006).margin(1e-12));
}

TEST_CASE("compare_paired counts an errored sample as 0 and a duplicated id once", "[stats]") {
  const std::vector<ys::SampleRow> a = {row("1", 1), row("2", 1, ys::ScoreStatus::error),
                                        row("1", 0)};
  const std::vector<ys::SampleRow> b = {row("2", 1), row("1", 0)};
  const ys::PairedComparison c = ys::compare_paired(a, b);
  CHECK(c.paired);
  CHECK(c.n_common == 2);
  CHECK(c.mean_a == Approx(0.5));
  CHECK(c.mean_b == Approx(0.5));
  CHECK(c.a_only_right == 1);
  CHECK(c.b_only_right == 1);
}

TEST_CASE("different item sets or datasets fall back to an unpaired comparison with a warning",
          "[stats]") {
  const auto a = rows({1, 0, 1, 1, 0, 1, 1, 1, 0, 1});
  auto b = rows({0, 0, 1, 0, 1, 0, 0});
  for (auto& r : b) r.item_id = "other-" + r.item_id;
  b[0].item_id = "q0";  // one shared item
  ys::PairedOptions options;
  options.bootstrap_rounds = 1000;
  options.seed = 11;
  const ys::PairedComparison c = ys::compare_paired(a, b, options);
  CHECK_FALSE(c.paired);
  CHECK(c.warning ==
        "unpaired comparison: the item sets differ (9 only in A, 6 only in B, 1 shared)");
  CHECK(c.method == "welch-t");
  CHECK(c.diff == Approx(0.7 - 2.0 / 7.0));
  CHECK(c.p_value == Approx(0.1073158577309612).margin(1e-7));
  CHECK(c.ci_low == Approx(-0.028571428571428525).margin(1e-12));
  CHECK(c.ci_high == Approx(0.8).margin(1e-12));

  const ys::PairedComparison d = ys::compare_paired(a, a, options, false);
  CHECK_FALSE(d.paired);
  CHECK(d.warning.find("fingerprints differ") != std::string::npos);
}

TEST_CASE("compare_paired of identical runs shows no difference", "[stats]") {
  const auto a = rows({0.5, 0.25, 1});
  const ys::PairedComparison c = ys::compare_paired(a, a);
  CHECK(c.diff == 0.0);
  CHECK(c.p_value == 1.0);
  CHECK(c.ci_low == 0.0);
  CHECK(c.ci_high == 0.0);
  CHECK(c.tied == 3);
  CHECK(ys::compare_paired({row("1", 1)}, {row("1", 0)}).method == "none");
  CHECK(ys::compare_paired({}, {}).n_common == 0);
}
