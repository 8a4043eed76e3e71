// Reference values: binomial sums by hand (McNemar), Student-t CDF by numerical integration of the
// density in python3 and by closed forms (df = 1: 1/2 + atan(t)/pi; df = 2: two-sided
// p = 1 - t/sqrt(2 + t^2)), t quantiles from published tables.
#include "judge/stats/paired.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "judge/stats/ci.h"

namespace {

ys::SampleRow row(const std::string& id, double score,
                  ys::ScoreStatus status = ys::ScoreStatus::ok) {
  ys::SampleRow r;
  r.item_id = id;
  r.score = score;
  r.status = status;
  return r;
}

}  // namespace

TEST_CASE("the Student t CDF matches integration and closed forms", "[stats]") {
  CHECK(ys::student_t_cdf(2.0, 10) == Approx(0.9633059826146269).margin(1e-9));
  CHECK(ys::student_t_cdf(-1.5, 3) == Approx(0.1152919326224115).margin(1e-9));
  CHECK(ys::student_t_cdf(0.7, 1) == Approx(0.5 + std::atan(0.7) / std::numbers::pi).margin(1e-12));
  CHECK(ys::student_t_cdf(0.0, 5) == Approx(0.5));
  CHECK(ys::student_t_cdf(1.0, 0) == 0.5);
}

TEST_CASE("the exact McNemar p-value matches hand-summed binomials", "[stats]") {
  CHECK(ys::mcnemar_exact_p(5, 1) == Approx(14.0 / 64.0));
  CHECK(ys::mcnemar_exact_p(2, 10) == Approx(158.0 / 4096.0));
  CHECK(ys::mcnemar_exact_p(3, 3) == 1.0);
  CHECK(ys::mcnemar_exact_p(0, 0) == 1.0);
  CHECK(ys::mcnemar_exact_p(0, 2000) < 1e-300);
}

TEST_CASE("compare_paired matches items by id and counts an errored sample as 0", "[stats]") {
  const std::vector<ys::SampleRow> a = {row("1", 1),     row("2", 1),
                                        row("3", 1),     row("4", 0),
                                        row("5", 1),     row("6", 1, ys::ScoreStatus::error),
                                        row("only-a", 1)};
  const std::vector<ys::SampleRow> b = {row("6", 1), row("5", 1), row("4", 0), row("3", 0),
                                        row("2", 1), row("1", 0), row("y", 1), row("z", 0)};
  const ys::PairedComparison c = ys::compare_paired(a, b);
  CHECK(c.n_common == 6);
  CHECK(c.n_only_a == 1);
  CHECK(c.n_only_b == 2);
  CHECK(c.mean_a == Approx(4.0 / 6.0));
  CHECK(c.mean_b == Approx(3.0 / 6.0));
  CHECK(c.diff == Approx(1.0 / 6.0));
  CHECK(c.a_only_right == 2);
  CHECK(c.b_only_right == 1);
  CHECK(c.method == "mcnemar-exact");
  CHECK(c.p_value == 1.0);  // 2 * P(X <= 1), X ~ Bin(3, 1/2) = 2 * 4/8
  CHECK(c.ci_low == Approx(-0.6233197728735992).margin(1e-6));
  CHECK(c.ci_high == Approx(0.9566531062069324).margin(1e-6));
}

TEST_CASE("compare_paired uses the paired t-test for fractional scores", "[stats]") {
  const std::vector<ys::SampleRow> a = {row("p", 0.5), row("q", 0.75), row("r", 1.0)};
  const std::vector<ys::SampleRow> b = {row("p", 0.25), row("q", 0.5), row("r", 0.5)};
  const ys::PairedComparison c = ys::compare_paired(a, b);
  CHECK(c.method == "paired-t");
  CHECK(c.diff == Approx(1.0 / 3.0));
  CHECK(c.p_value == Approx(1.0 - 4.0 / std::sqrt(18.0)).margin(1e-9));  // t = 4, df = 2
  CHECK(c.ci_low == Approx(-0.02522105833333338).margin(1e-6));
  CHECK(c.ci_high == Approx(0.691887725).margin(1e-6));
}

TEST_CASE("compare_paired with fewer than two shared items gives no test", "[stats]") {
  const ys::PairedComparison c = ys::compare_paired({row("1", 1)}, {row("1", 0), row("2", 1)});
  CHECK(c.n_common == 1);
  CHECK(c.method == "none");
  CHECK(c.p_value == 1.0);
  CHECK(c.ci_low == Approx(1.0));
  CHECK(ys::compare_paired({}, {}).n_common == 0);
}

TEST_CASE("compare_paired of identical runs shows no difference", "[stats]") {
  const std::vector<ys::SampleRow> a = {row("1", 0.5), row("2", 0.25), row("3", 1)};
  const ys::PairedComparison c = ys::compare_paired(a, a);
  CHECK(c.diff == 0.0);
  CHECK(c.p_value == 1.0);
  CHECK(c.ci_low == 0.0);
  CHECK(c.ci_high == 0.0);
}
