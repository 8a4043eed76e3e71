#include "backends/local/cpu/activation.h"

#include <cmath>

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

void silu_mul_scalar(float* gate, const float* up, int64_t n) {
  for (int64_t i = 0; i < n; ++i) gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

double exp_shifted_scalar(float* x, int64_t n, float shift) {
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    x[i] = std::exp(x[i] - shift);
    sum += x[i];
  }
  return sum;
}

void silu_mul(float* gate, const float* up, int64_t n) {
  if (cpu_has_avx2())
    silu_mul_avx2(gate, up, n);
  else
    silu_mul_scalar(gate, up, n);
}

double exp_shifted(float* x, int64_t n, float shift) {
  return cpu_has_avx2() ? exp_shifted_avx2(x, n, shift) : exp_shifted_scalar(x, n, shift);
}

}  // namespace ys::cpu
