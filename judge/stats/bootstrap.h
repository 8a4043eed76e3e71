// Seeded bootstrap helpers. The generator is std::mt19937_64 and indices are drawn by our own
// unbiased rejection rule (not std::uniform_int_distribution, whose algorithm differs between
// standard libraries), so a seed gives the same resamples on every platform. Thread-compatible:
// one BootstrapRng per thread.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace ys::stats {

class BootstrapRng {
 public:
  explicit BootstrapRng(uint64_t seed) : gen_(seed) {}
  // Uniform in [0, n); n > 0.
  uint64_t index(uint64_t n);

 private:
  std::mt19937_64 gen_;
};

// Quantile with linear interpolation between order statistics (numpy/pandas default):
// position q*(n-1) in the sorted values. q in [0, 1]; 0 for an empty list.
double quantile_linear(std::vector<double> values, double q);

struct BootstrapSummary {
  double mean = 0.0;    // mean of the bootstrap means
  double median = 0.0;  // median of the bootstrap means
  double lower = 0.0;   // `tail` quantile (5th percentile by default)
  double upper = 0.0;   // 1 - `tail` quantile (95th percentile by default)
  int64_t n = 0;        // rows in the group
};

// Per-group bootstrap of the mean: each round resamples every group's values with replacement
// (groups in order, one RNG seeded with `seed`). A group with no values gets all zeros and n = 0.
// rounds >= 1. lower/upper are the `tail` and 1 - `tail` quantiles of the round means (0.05: a
// "90% CI", Arena-Hard v2.0; 0.025: 95%, v0.1).
std::vector<BootstrapSummary> bootstrap_group_means(const std::vector<std::vector<double>>& groups,
                                                    int rounds, uint64_t seed, double tail = 0.05);

}  // namespace ys::stats
