// The upstream (torch L-BFGS) Bradley-Terry fit: properties that do not need a reference run.
// Its numbers against an independent numpy float32 implementation: tests/suites/arena_hard/
// upstream_golden_test.cpp.
#include "judge/stats/bt_lbfgs.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "judge/stats/bradley_terry.h"

using namespace ys::stats;

namespace {

BtData two_models() {
  BtData d;
  d.n_models = 2;
  d.n_features = 1;
  d.baseline_column = 1;  // players: m0, baseline, m1
  double f[] = {0.3, -1.0, 0.8, 0.1, -0.4, 1.2};
  double y[] = {1.0, 0.0, 0.5, 1.0, 0.0, 1.0};
  for (int i = 0; i < 6; ++i) {
    d.model.push_back(i % 2);
    d.features.push_back(f[i]);
    d.outcome.push_back(y[i]);
  }
  return d;
}

}  // namespace

TEST_CASE("bootstrap weights act like repeated rows") {
  BtData d = two_models();
  BtData doubled = d;
  for (size_t i = 0; i < d.rows(); ++i) {
    doubled.model.push_back(d.model[i]);
    doubled.features.push_back(d.features[i]);
    doubled.outcome.push_back(d.outcome[i]);
  }
  auto a = fit_bt_lbfgs(d, std::vector<double>(d.rows(), 2.0));
  auto b = fit_bt_lbfgs(doubled);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  for (size_t j = 0; j < a->players.size(); ++j) CHECK(a->players[j] == Approx(b->players[j]));
}

TEST_CASE("fifty fixed steps stop short of the maximum-likelihood fit") {
  BtData d = two_models();
  auto upstream = fit_bt_lbfgs(d);
  auto converged = fit_bradley_terry(d, {}, BtOptions{0.0, 200, 1e-10, 1e-16});
  REQUIRE(upstream.ok());
  REQUIRE(converged.ok());
  CHECK(upstream->iterations <= 50);
  CHECK(upstream->evaluations <= 50);
  // Never further from 50% than the optimum: the start (all 0.5) gives every model 50%.
  for (int m = 0; m < 2; ++m) {
    double w = upstream->win_rate(d, m);
    double opt = 1.0 / (1.0 + std::exp(-converged->beta[static_cast<size_t>(m)]));
    CHECK(std::fabs(w - 0.5) <= std::fabs(opt - 0.5) + 1e-6);
  }
}

TEST_CASE("a self-battle row has no model term, and bad input is refused") {
  BtData d = two_models();
  d.model.push_back(-1);
  d.features.push_back(0.0);
  d.outcome.push_back(0.5);
  CHECK(fit_bt_lbfgs(d).ok());
  d.baseline_column = 3;
  CHECK_FALSE(fit_bt_lbfgs(d).ok());
  d.baseline_column = 0;
  d.model.back() = 2;
  CHECK_FALSE(fit_bt_lbfgs(d).ok());
}
