// Elementwise steps of the forward pass that call exp, with AVX2 versions that evaluate exp on
// eight floats at once (libm's expf, one value at a time, was 5-6% of prompt processing):
//   silu_mul:     g[i] = g[i] / (1 + exp(-g[i])) * u[i]
//   exp_shifted:  x[i] = exp(x[i] - shift); returns the sum of the new x[i], added in double
// The AVX2 exp is within 2 ulp of the correctly rounded value for finite inputs; exp underflows
// to 0 below -87.3 and overflows to +inf above 88.72; NaN stays NaN. The dispatching versions use
// AVX2 when cpu_has_avx2(). No state; thread-safe.
#pragma once

#include <cstdint>

namespace ys::cpu {

void silu_mul(float* gate, const float* up, int64_t n);
double exp_shifted(float* x, int64_t n, float shift);

void silu_mul_scalar(float* gate, const float* up, int64_t n);
double exp_shifted_scalar(float* x, int64_t n, float shift);
void silu_mul_avx2(float* gate, const float* up, int64_t n);
double exp_shifted_avx2(float* x, int64_t n, float shift);

}  // namespace ys::cpu
