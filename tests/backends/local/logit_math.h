// Reference math over one row of logits, for the parity tests against llama.cpp's outputs
// (forward_fixtures_test, quant_presets_test): computed in double, plainly, as the oracle.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ys::test {

// log_softmax of x[0..n) in double.
inline std::vector<double> log_softmax(const float* x, int n) {
  double max = x[0];
  for (int i = 1; i < n; ++i) max = std::max(max, static_cast<double>(x[i]));
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(x[i] - max);
  std::vector<double> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)] = x[i] - max - std::log(sum);
  return out;
}

// Index of the largest of x[0..n); the lowest index wins ties (as llama.cpp's greedy sampler).
inline int argmax(const float* x, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) best = x[i] > x[best] ? i : best;
  return best;
}

}  // namespace ys::test
