#include "backends/local/cpu/vec_ops.h"

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

float dot_f32(int64_t n, const float* a, const float* b) {
  return cpu_has_avx2() ? vec_dot_f32_avx2(n, a, b) : vec_dot_f32_scalar(n, a, b);
}

void axpy_f32_scalar(int64_t n, float alpha, const float* x, float* y) {
  for (int64_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

void axpy_f32(int64_t n, float alpha, const float* x, float* y) {
  if (cpu_has_avx2()) {
    axpy_f32_avx2(n, alpha, x, y);
  } else {
    axpy_f32_scalar(n, alpha, x, y);
  }
}

}  // namespace ys::cpu
