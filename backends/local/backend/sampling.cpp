#include "backends/local/backend/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace ys::sampling {

int argmax(const float* row, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (row[i] > row[best]) best = i;  // strict: the lowest id wins a tie
  }
  return best;
}

double log_prob(const float* row, int n, int id) {
  double mx = row[argmax(row, n)];
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(static_cast<double>(row[i]) - mx);
  return static_cast<double>(row[id]) - mx - std::log(sum);
}

int sample(const float* row, int n, const GenParams& p, std::mt19937_64& rng) {
  double temp = *p.temperature;
  std::vector<int> ids(static_cast<size_t>(n));
  std::iota(ids.begin(), ids.end(), 0);
  std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) { return row[a] > row[b]; });
  size_t keep = ids.size();
  if (p.top_k && *p.top_k > 0) keep = std::min(keep, static_cast<size_t>(*p.top_k));
  std::vector<double> w(keep);
  double mx = row[ids[0]];
  double total = 0.0;
  for (size_t i = 0; i < keep; ++i) {
    w[i] = std::exp((static_cast<double>(row[ids[i]]) - mx) / temp);
    total += w[i];
  }
  if (p.top_p && *p.top_p > 0.0 && *p.top_p < 1.0) {
    double acc = 0.0;
    size_t cut = keep;
    for (size_t i = 0; i < keep; ++i) {
      acc += w[i] / total;
      if (acc >= *p.top_p) {
        cut = i + 1;
        break;
      }
    }
    w.resize(cut);
  }
  std::discrete_distribution<size_t> dist(w.begin(), w.end());
  return ids[dist(rng)];
}

}  // namespace ys::sampling
