#include "judge/stats/hypothesis.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "judge/stats/bootstrap.h"
#include "judge/stats/ci.h"

namespace ys {
namespace {

// A sum within this relative distance of the observed one counts as "as extreme": sums of the
// same numbers added in another order differ in the last bits.
bool at_least(double candidate, double observed) {
  return candidate >= observed - 1e-9 * std::max(1.0, observed);
}

double sign_flip_exact(const std::vector<double>& d, double observed) {
  const uint64_t patterns = uint64_t{1} << d.size();
  uint64_t hits = 0;
  for (uint64_t mask = 0; mask < patterns; ++mask) {
    double sum = 0.0;
    for (size_t i = 0; i < d.size(); ++i) sum += (mask >> i & 1) ? -d[i] : d[i];
    if (at_least(std::fabs(sum), observed)) ++hits;
  }
  return static_cast<double>(hits) / static_cast<double>(patterns);
}

double sign_flip_sampled(const std::vector<double>& d, double observed, int rounds, uint64_t seed) {
  stats::BootstrapRng rng(seed);
  int64_t hits = 0;
  for (int r = 0; r < rounds; ++r) {
    double sum = 0.0;
    for (double x : d) sum += rng.index(2) ? -x : x;
    if (at_least(std::fabs(sum), observed)) ++hits;
  }
  return (1.0 + static_cast<double>(hits)) / (1.0 + static_cast<double>(std::max(rounds, 0)));
}

double sample_variance(const std::vector<double>& v, double mean) {
  double squares = 0.0;
  for (double x : v) squares += (x - mean) * (x - mean);
  return squares / static_cast<double>(v.size() - 1);
}

}  // namespace

double mcnemar_exact_p(int64_t b, int64_t c) {
  const int64_t n = b + c;
  if (n <= 0) return 1.0;
  const int64_t k = std::min(b, c);
  // P(X <= k), X ~ Binomial(n, 1/2), summed in log space so large n does not overflow.
  double cdf = 0.0;
  for (int64_t i = 0; i <= k; ++i) {
    const double log_term = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) -
                            static_cast<double>(n) * std::log(2.0);
    cdf += std::exp(log_term);
  }
  return std::min(1.0, 2.0 * cdf);
}

double sign_flip_p(const std::vector<double>& diffs, int rounds, uint64_t seed, bool* exact) {
  std::vector<double> nonzero;
  for (double d : diffs)
    if (d != 0.0 && std::isfinite(d)) nonzero.push_back(d);
  const bool enumerate = nonzero.size() <= static_cast<size_t>(kSignFlipExactMax);
  if (exact != nullptr) *exact = enumerate;
  if (nonzero.empty()) return 1.0;
  const double observed = std::fabs(std::accumulate(nonzero.begin(), nonzero.end(), 0.0));
  return enumerate ? sign_flip_exact(nonzero, observed)
                   : sign_flip_sampled(nonzero, observed, rounds, seed);
}

double welch_t_p(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 2 || b.size() < 2) return 1.0;
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double ma = mean_of(a), mb = mean_of(b);
  const double va = sample_variance(a, ma) / na, vb = sample_variance(b, mb) / nb;
  if (va + vb == 0.0) return ma == mb ? 1.0 : 0.0;
  const double t = (ma - mb) / std::sqrt(va + vb);
  const double df = (va + vb) * (va + vb) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
  return std::min(1.0, 2.0 * student_t_cdf(-std::fabs(t), df));
}

std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  const size_t m = p_values.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return p_values[x] < p_values[y]; });
  std::vector<double> adjusted(m);
  double running = 0.0;
  for (size_t rank = 0; rank < m; ++rank) {
    const double scaled = std::min(1.0, static_cast<double>(m - rank) * p_values[order[rank]]);
    running = std::max(running, scaled);
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

}  // namespace ys
