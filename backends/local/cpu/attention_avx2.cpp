#include <immintrin.h>

#include "backends/local/cpu/attention.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu {

void attn_scores_avx2(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                      float* scores) {
  const int hd8 = hd & ~7;
  for (int j = 0; j < n; ++j) {
    const float* kj = k + j * stride;
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= hd8; i += 16) {
      acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i), _mm256_loadu_ps(kj + i), acc0);
      acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i + 8), _mm256_loadu_ps(kj + i + 8), acc1);
    }
    for (; i < hd8; i += 8)
      acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + i), _mm256_loadu_ps(kj + i), acc0);
    float s = avx2::hsum(_mm256_add_ps(acc0, acc1));
    for (; i < hd; ++i) s += q[i] * kj[i];
    scores[j] = s * scale;
  }
}

void attn_mix_avx2(const float* p, const float* v, int64_t stride, int n, int hd, float* out) {
  // Chunks of up to 64 output values stay in 8 registers across all positions.
  int c = 0;
  for (; c + 8 <= hd; c += 64) {
    const int width = (hd - c) >= 64 ? 8 : (hd - c) / 8;
    __m256 acc[8];
    for (int r = 0; r < width; ++r) acc[r] = _mm256_loadu_ps(out + c + 8 * r);
    for (int j = 0; j < n; ++j) {
      const __m256 pj = _mm256_set1_ps(p[j]);
      const float* vj = v + j * stride + c;
      for (int r = 0; r < width; ++r)
        acc[r] = _mm256_fmadd_ps(pj, _mm256_loadu_ps(vj + 8 * r), acc[r]);
    }
    for (int r = 0; r < width; ++r) _mm256_storeu_ps(out + c + 8 * r, acc[r]);
    if (width < 8) {
      c += 8 * width;
      break;
    }
  }
  for (; c < hd; ++c) {
    float s = out[c];
    for (int j = 0; j < n; ++j) s += p[j] * v[j * stride + c];
    out[c] = s;
  }
}

}  // namespace ys::cpu
