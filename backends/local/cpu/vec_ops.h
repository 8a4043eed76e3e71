// Small float vector operations used by attention and the element-wise parts of a layer. Each
// dispatches to an AVX2/FMA version when cpu_has_avx2() (explicit scalar tails), else to the
// scalar one. Stateless and thread-safe.
#pragma once

#include <cstdint>

namespace ys::cpu {

float dot_f32(int64_t n, const float* a, const float* b);         // a . b
void axpy_f32(int64_t n, float alpha, const float* x, float* y);  // y += alpha * x

void axpy_f32_scalar(int64_t n, float alpha, const float* x, float* y);
void axpy_f32_avx2(int64_t n, float alpha, const float* x, float* y);

}  // namespace ys::cpu
