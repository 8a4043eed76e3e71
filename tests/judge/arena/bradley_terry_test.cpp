// Reference values are derived by hand:
//  - one model, no style: the likelihood is sum y log p + (1-y) log(1-p) with p = sigmoid(beta),
//    maximised at p = mean(y), so beta = log(k / (n - k)) for k wins of n (ties add 0.5 to k).
//  - one model, one feature taking +1 or -1: the model is saturated, so
//    beta + gamma = logit(p+), beta - gamma = logit(p-).
#include "judge/stats/bradley_terry.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "judge/stats/logistic.h"

using namespace ys::stats;

namespace {
void add_rows(BtData& d, int model, int n, double outcome, std::vector<double> f = {}) {
  for (int i = 0; i < n; ++i) {
    d.model.push_back(model);
    d.outcome.push_back(outcome);
    d.features.insert(d.features.end(), f.begin(), f.end());
  }
}
}  // namespace

TEST_CASE("k wins of n against the baseline give beta = log(k / (n - k))") {
  BtData d;
  d.n_models = 1;
  add_rows(d, 0, 30, 1.0);
  add_rows(d, 0, 10, 0.0);
  auto fit = fit_bradley_terry(d);
  REQUIRE(fit.ok());
  CHECK(fit->converged);
  CHECK(fit->beta[0] == Approx(std::log(3.0)).margin(1e-5));
}

TEST_CASE("ties are soft targets of one half") {
  BtData d;
  d.n_models = 2;
  add_rows(d, 0, 10, 1.0);  // model 0: 10 wins, 4 ties, 6 losses -> p = 0.6
  add_rows(d, 0, 4, 0.5);
  add_rows(d, 0, 6, 0.0);
  add_rows(d, 1, 1, 1.0);  // model 1: 1 win, 3 losses -> p = 0.25
  add_rows(d, 1, 3, 0.0);
  auto fit = fit_bradley_terry(d);
  REQUIRE(fit.ok());
  CHECK(fit->beta[0] == Approx(std::log(1.5)).margin(1e-5));
  CHECK(fit->beta[1] == Approx(std::log(1.0 / 3.0)).margin(1e-5));
  CHECK(sigmoid(fit->beta[0]) == Approx(0.6).margin(1e-6));
}

TEST_CASE("a saturated style model recovers the hand-derived coefficients") {
  BtData d;
  d.n_models = 1;
  d.n_features = 1;
  add_rows(d, 0, 8, 1.0, {1.0});  // f = +1: 8 of 10 -> logit = log 4
  add_rows(d, 0, 2, 0.0, {1.0});
  add_rows(d, 0, 4, 1.0, {-1.0});  // f = -1: 4 of 10 -> logit = log(2/3)
  add_rows(d, 0, 6, 0.0, {-1.0});
  auto fit = fit_bradley_terry(d);
  REQUIRE(fit.ok());
  double lp = std::log(4.0), lm = std::log(2.0 / 3.0);
  CHECK(fit->beta[0] == Approx((lp + lm) / 2).margin(1e-5));
  CHECK(fit->gamma[0] == Approx((lp - lm) / 2).margin(1e-5));
}

TEST_CASE("a model that wins every row stays finite") {
  BtData d;
  d.n_models = 1;
  add_rows(d, 0, 50, 1.0);
  auto fit = fit_bradley_terry(d);
  REQUIRE(fit.ok());
  CHECK(std::isfinite(fit->beta[0]));
  CHECK(sigmoid(fit->beta[0]) > 0.999);
}

TEST_CASE("synthetic battles drawn from known strengths are recovered") {
  const std::vector<double> beta = {-1.0, -0.4, 0.3, 0.9, 1.5};
  const double gamma = 0.7;
  std::mt19937_64 gen(7);
  std::normal_distribution<double> feat(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  BtData d;
  d.n_models = 5;
  d.n_features = 1;
  for (int m = 0; m < 5; ++m) {
    for (int i = 0; i < 6000; ++i) {
      double f = feat(gen);
      double p = sigmoid(beta[static_cast<size_t>(m)] + gamma * f);
      add_rows(d, m, 1, u(gen) < p ? 1.0 : 0.0, {f});
    }
  }
  auto fit = fit_bradley_terry(d);
  REQUIRE(fit.ok());
  for (size_t m = 0; m < 5; ++m) CHECK(fit->beta[m] == Approx(beta[m]).margin(0.12));
  CHECK(fit->gamma[0] == Approx(gamma).margin(0.08));
}

TEST_CASE("the Bradley-Terry bootstrap is deterministic for a seed") {
  BtData d;
  d.n_models = 2;
  d.n_features = 1;
  std::mt19937_64 gen(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 400; ++i)
    add_rows(d, i % 2, 1, u(gen) < 0.6 ? 1.0 : (u(gen) < 0.5 ? 0.5 : 0.0), {u(gen) - 0.5});
  auto a = bootstrap_bradley_terry(d, 20, 11);
  auto b = bootstrap_bradley_terry(d, 20, 11);
  auto c = bootstrap_bradley_terry(d, 20, 12);
  REQUIRE((a.ok() && b.ok() && c.ok()));
  for (size_t m = 0; m < 2; ++m) {
    CHECK(a->win_rate[m].median == b->win_rate[m].median);
    CHECK(a->win_rate[m].lower == b->win_rate[m].lower);
    CHECK(a->win_rate[m].lower <= a->win_rate[m].median);
    CHECK(a->win_rate[m].median <= a->win_rate[m].upper);
  }
  CHECK(a->win_rate[0].lower != c->win_rate[0].lower);
}

TEST_CASE("bad Bradley-Terry input comes back as an error") {
  BtData d;
  d.n_models = 1;
  add_rows(d, 3, 1, 1.0);
  CHECK_FALSE(fit_bradley_terry(d).ok());
  BtData e;
  e.n_models = 1;
  add_rows(e, 0, 1, 1.5);
  CHECK_FALSE(fit_bradley_terry(e).ok());
  BtData empty;
  empty.n_models = 1;
  CHECK_FALSE(bootstrap_bradley_terry(empty, 10, 1).ok());
}

TEST_CASE("standardising uses the N-1 standard deviation and zeroes constant columns") {
  // Column 0: 1, 2, 3 -> mean 2, N-1 sd 1 -> -1, 0, 1. Column 1: constant -> zeros.
  std::vector<double> f = {1, 5, 2, 5, 3, 5};
  standardize_columns(f, 3, 2);
  CHECK(f[0] == Approx(-1.0));
  CHECK(f[2] == Approx(0.0));
  CHECK(f[4] == Approx(1.0));
  CHECK(f[1] == 0.0);
  CHECK(f[5] == 0.0);
}

TEST_CASE("the Cholesky solve matches a hand-solved 2x2 system") {
  // [4 2; 2 3] x = [2; 1]  ->  det 8, x = [(2*3-2*1)/8, (4*1-2*2)/8] = [0.5, 0]
  std::vector<double> a = {4, 2, 2, 3}, b = {2, 1};
  REQUIRE(cholesky_solve(a, b, 2));
  CHECK(b[0] == Approx(0.5));
  CHECK(b[1] == Approx(0.0).margin(1e-12));
  std::vector<double> s = {1, 2, 2, 1}, r = {1, 1};
  CHECK_FALSE(cholesky_solve(s, r, 2));
}
