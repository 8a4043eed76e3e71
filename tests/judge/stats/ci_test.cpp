// Reference values: Wilson bounds computed independently with python3 (statistics.NormalDist for
// z, the textbook formula); t quantiles from published Student-t tables; percentiles by hand.
#include "judge/stats/ci.h"

#include <catch2/catch.hpp>
#include <cmath>

using ys::Interval;

namespace {
void check_interval(const Interval& got, double low, double high, double eps = 1e-9) {
  CHECK(got.low == Approx(low).margin(eps));
  CHECK(got.high == Approx(high).margin(eps));
}
}  // namespace

TEST_CASE("the Wilson interval matches independently computed bounds", "[stats]") {
  check_interval(ys::wilson_interval(8, 10), 0.49016247153664183, 0.9433178485456247);
  check_interval(ys::wilson_interval(45, 50), 0.7863976856252035, 0.9565242350681096);
  check_interval(ys::wilson_interval(3, 7), 0.1582198552514697, 0.7495416354723428);
}

TEST_CASE("the Wilson interval stays inside [0, 1] at all-wrong and all-right", "[stats]") {
  check_interval(ys::wilson_interval(0, 10), 0.0, 0.27753279986288915);
  check_interval(ys::wilson_interval(10, 10), 0.7224672001371109, 1.0);
  check_interval(ys::wilson_interval(1, 1), 0.20654931437723745, 1.0);
}

TEST_CASE("the Wilson interval of no trials is empty and out-of-range counts are clamped",
          "[stats]") {
  check_interval(ys::wilson_interval(0, 0), 0.0, 0.0);
  check_interval(ys::wilson_interval(12, 10), 0.7224672001371109, 1.0);
  check_interval(ys::wilson_interval(-3, 10), 0.0, 0.27753279986288915);
}

TEST_CASE("Student t quantiles match the published table", "[stats]") {
  CHECK(ys::student_t_quantile(0.975, 1) == Approx(12.7062047).margin(1e-6));
  CHECK(ys::student_t_quantile(0.975, 2) == Approx(4.3026527).margin(1e-6));
  CHECK(ys::student_t_quantile(0.975, 4) == Approx(2.7764451).margin(1e-6));
  CHECK(ys::student_t_quantile(0.975, 9) == Approx(2.2621572).margin(1e-6));
  CHECK(ys::student_t_quantile(0.975, 29) == Approx(2.0452296).margin(1e-6));
  CHECK(ys::student_t_quantile(0.975, 99) == Approx(1.9842169).margin(1e-6));
  CHECK(ys::student_t_quantile(0.95, 9) == Approx(1.8331129).margin(1e-6));
}

TEST_CASE("Student t quantiles are symmetric and approach the normal quantile", "[stats]") {
  CHECK(ys::student_t_quantile(0.025, 4) == Approx(-2.7764451).margin(1e-6));
  CHECK(ys::student_t_quantile(0.5, 7) == 0.0);
  CHECK(ys::student_t_quantile(0.975, 1e7) == Approx(ys::kZ95).margin(1e-5));
  CHECK(ys::student_t_quantile(0.975, 0) == 0.0);
  CHECK(ys::student_t_quantile(1.0, 5) == 0.0);
}

TEST_CASE("the t interval of the mean matches an independent computation", "[stats]") {
  check_interval(ys::mean_interval({0.5, 0.25, 1.0, 0.75, 0.0}), 0.009189210549459426,
                 0.9908107894505406, 1e-6);
  check_interval(ys::mean_interval({0.2, 0.4}), -0.97062047, 1.57062047, 1e-6);
}

TEST_CASE("the t interval of fewer than two values is the mean itself", "[stats]") {
  check_interval(ys::mean_interval({}), 0.0, 0.0);
  check_interval(ys::mean_interval({0.7}), 0.7, 0.7);
}

TEST_CASE("score_interval picks Wilson for 0/1 scores and t otherwise", "[stats]") {
  CHECK(ys::all_binary({0, 1, 1, 0}));
  CHECK_FALSE(ys::all_binary({0, 1, 0.5}));
  check_interval(ys::score_interval({1, 1, 1, 1, 1, 1, 1, 1, 0, 0}), 0.49016247153664183,
                 0.9433178485456247);
  check_interval(ys::score_interval({0.5, 0.25, 1.0, 0.75, 0.0}), 0.009189210549459426,
                 0.9908107894505406, 1e-6);
}

TEST_CASE("percentiles interpolate linearly between order statistics", "[stats]") {
  const std::vector<double> ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(ys::percentile(ten, 0.5) == Approx(5.5));
  CHECK(ys::percentile(ten, 0.95) == Approx(9.55));
  CHECK(ys::percentile(ten, 0.0) == 1.0);
  CHECK(ys::percentile(ten, 1.0) == 10.0);
  CHECK(ys::percentile(ten, 7.0) == 10.0);
  CHECK(ys::percentile({3, 1, 2}, 0.5) == 2.0);
  CHECK(ys::percentile({42}, 0.95) == 42.0);
  CHECK(ys::percentile({}, 0.5) == 0.0);
}

TEST_CASE("score_interval clips the t interval of unit-range scores to [0, 1]", "[stats]") {
  check_interval(ys::score_interval({0.2, 0.4}), 0.0, 1.0);
  // Values outside [0, 1] keep the plain t interval (sd / sqrt(n) = 1 here).
  check_interval(ys::score_interval({2.0, 4.0}), 3.0 - 12.7062047, 3.0 + 12.7062047, 1e-6);
}

TEST_CASE("percentiles ignore NaN values", "[stats]") {
  CHECK(ys::percentile({std::nan(""), 3, 1, std::nan(""), 2}, 0.5) == 2.0);
  CHECK(ys::percentile({std::nan("")}, 0.5) == 0.0);
}
