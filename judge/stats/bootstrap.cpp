#include "judge/stats/bootstrap.h"

#include <algorithm>
#include <cmath>

namespace ys::stats {

uint64_t BootstrapRng::index(uint64_t n) {
  if (n <= (uint64_t{1} << 32)) {
    // Lemire's multiply-and-shift on 32 random bits, with rejection: unbiased, and a division
    // only on the rare rejection path.
    uint64_t m = (gen_() >> 32) * n;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = static_cast<uint32_t>((uint64_t{1} << 32) % n);
      while (low < threshold) {
        m = (gen_() >> 32) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return m >> 32;
  }
  // Reject the top partial block so every residue is equally likely.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % n + 1) % n;
  uint64_t x = gen_();
  while (x > limit) x = gen_();
  return x % n;
}

double quantile_linear(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  double pos = q * static_cast<double>(values.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, values.size() - 1);
  double frac = pos - static_cast<double>(lo);
  return values[lo] + (values[hi] - values[lo]) * frac;
}

std::vector<BootstrapSummary> bootstrap_group_means(const std::vector<std::vector<double>>& groups,
                                                    int rounds, uint64_t seed, double tail) {
  BootstrapRng rng(seed);
  std::vector<std::vector<double>> means(groups.size());
  for (int r = 0; r < rounds; ++r) {
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::vector<double>& v = groups[g];
      if (v.empty()) continue;
      double sum = 0.0;
      for (size_t i = 0; i < v.size(); ++i) sum += v[rng.index(v.size())];
      means[g].push_back(sum / static_cast<double>(v.size()));
    }
  }
  std::vector<BootstrapSummary> out(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<double>& m = means[g];
    if (m.empty()) continue;
    double total = 0.0;
    for (double x : m) total += x;
    out[g] = {total / static_cast<double>(m.size()), quantile_linear(m, 0.5),
              quantile_linear(m, tail), quantile_linear(m, 1.0 - tail),
              static_cast<int64_t>(groups[g].size())};
  }
  return out;
}

}  // namespace ys::stats
