#include "judge/stats/bootstrap.h"

#include <catch2/catch.hpp>

using namespace ys::stats;

TEST_CASE("linear quantiles match numpy's default") {
  // numpy.quantile([1, 2, 3, 4], q): 0.05 -> 1.15, 0.5 -> 2.5, 0.95 -> 3.85
  std::vector<double> v = {4, 1, 3, 2};
  CHECK(quantile_linear(v, 0.05) == Approx(1.15));
  CHECK(quantile_linear(v, 0.5) == Approx(2.5));
  CHECK(quantile_linear(v, 0.95) == Approx(3.85));
  CHECK(quantile_linear({}, 0.5) == 0.0);
}

TEST_CASE("the group bootstrap is deterministic for a seed and differs across seeds") {
  std::vector<std::vector<double>> g = {{1, 0, 1, 1, 0.5, 0, 1, 1}, {0, 0, 0.5, 1}};
  auto a = bootstrap_group_means(g, 100, 5);
  auto b = bootstrap_group_means(g, 100, 5);
  auto c = bootstrap_group_means(g, 100, 6);
  for (size_t i = 0; i < g.size(); ++i) {
    CHECK(a[i].mean == b[i].mean);
    CHECK(a[i].lower == b[i].lower);
    CHECK(a[i].upper == b[i].upper);
  }
  CHECK(a[0].mean != c[0].mean);
}

TEST_CASE("the bootstrap of a constant group has a zero-width interval") {
  auto s = bootstrap_group_means({{1, 1, 1}, {}}, 50, 1);
  CHECK(s[0].mean == 1.0);
  CHECK(s[0].lower == 1.0);
  CHECK(s[0].upper == 1.0);
  CHECK(s[0].n == 3);
  CHECK(s[1].n == 0);
}

TEST_CASE("the bootstrap mean of means is close to the sample mean") {
  // 30 ones and 10 zeros: sample mean 0.75; the average of 1000 resample means lies within a few
  // hundredths of it.
  std::vector<double> v(40, 0.0);
  for (int i = 0; i < 30; ++i) v[static_cast<size_t>(i)] = 1.0;
  auto s = bootstrap_group_means({v}, 1000, 9);
  CHECK(s[0].mean == Approx(0.75).margin(0.01));
  CHECK(s[0].lower < 0.75);
  CHECK(s[0].upper > 0.75);
}

TEST_CASE("bounded indices stay in range and cover every value") {
  BootstrapRng rng(1);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    uint64_t x = rng.index(7);
    REQUIRE(x < 7);
    ++seen[x];
  }
  for (int n : seen) CHECK(n > 800);
}
