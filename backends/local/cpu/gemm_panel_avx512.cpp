// AVX-512 register tile of the panel matmul (gemm_panel.h): one 16-row panel column is one zmm
// vector, and two blocks of packed activations (up to 12 tokens) are multiplied at once, each
// token's value broadcast from memory into its FMA. Twelve accumulators of 16 lanes: twice the
// products per instruction of the AVX2 tile, and enough independent chains to cover the FMA
// latency. Each lane (one row, one token) is the same FMA chain over the same columns in the same
// order as the AVX2 tile's, so the outputs are bit-identical. Compiled with -mavx512f; call only
// when cpu_has_avx512().
#include <immintrin.h>

#include "backends/local/cpu/gemm_panel.h"

namespace ys::cpu {

namespace {

template <int NT2>
void pair_kernel(int64_t kc, const float* wp, const float* x0, const float* x1, float* y,
                 int64_t y_stride, bool add, const float* y_next) {
  if (y_next) {
    for (int t = 0; t < 2 * kPanelTokens; ++t)
      _mm_prefetch(reinterpret_cast<const char*>(y_next + t * y_stride), _MM_HINT_T0);
  }
  constexpr int kN2 = NT2 > 0 ? NT2 : 1;
  __m512 a[kPanelTokens], c[kN2];
#pragma GCC unroll 6
  for (int t = 0; t < kPanelTokens; ++t) a[t] = _mm512_setzero_ps();
#pragma GCC unroll 6
  for (int t = 0; t < kN2; ++t) c[t] = _mm512_setzero_ps();
  for (int64_t k = 0; k < kc; ++k, wp += kPanelRows, x0 += kPanelTokens, x1 += kPanelTokens) {
    const __m512 w = _mm512_load_ps(wp);
#pragma GCC unroll 6
    for (int t = 0; t < kPanelTokens; ++t) a[t] = _mm512_fmadd_ps(w, _mm512_set1_ps(x0[t]), a[t]);
#pragma GCC unroll 6
    for (int t = 0; t < NT2; ++t) c[t] = _mm512_fmadd_ps(w, _mm512_set1_ps(x1[t]), c[t]);
  }
#pragma GCC unroll 6
  for (int t = 0; t < kPanelTokens; ++t) {
    float* yt = y + t * y_stride;
    if (add) a[t] = _mm512_add_ps(a[t], _mm512_loadu_ps(yt));
    _mm512_storeu_ps(yt, a[t]);
  }
#pragma GCC unroll 6
  for (int t = 0; t < NT2; ++t) {
    float* yt = y + (kPanelTokens + t) * y_stride;
    if (add) c[t] = _mm512_add_ps(c[t], _mm512_loadu_ps(yt));
    _mm512_storeu_ps(yt, c[t]);
  }
}

using PairKernel = void (*)(int64_t, const float*, const float*, const float*, float*, int64_t,
                            bool, const float*);
constexpr PairKernel kPairKernels[kPanelTokens + 1] = {
    pair_kernel<0>, pair_kernel<1>, pair_kernel<2>, pair_kernel<3>,
    pair_kernel<4>, pair_kernel<5>, pair_kernel<6>};

}  // namespace

void panel_pair_avx512(int nt2, int64_t kc, const float* panel, const float* x0, const float* x1,
                       float* y, int64_t y_stride, bool add, const float* y_next) {
  kPairKernels[nt2](kc, panel, x0, x1, y, y_stride, add, y_next);
}

}  // namespace ys::cpu
