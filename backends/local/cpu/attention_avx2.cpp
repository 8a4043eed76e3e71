#include <immintrin.h>

#include <algorithm>

#include "backends/local/cpu/attention.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu {

namespace {

// The dot product of q and one key as the generic loop below computes it: eight-float groups of
// even index into one accumulator and of odd index into another, added, then avx2::hsum.
float dot_one(const float* q, const float* kj, int hd) {
  const int hd8 = hd & ~7;
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
  return s;
}

// avx2::hsum of four vectors at once, in its order of additions: per vector, the two 128-bit
// halves added, then lanes (0 + 2) and (1 + 3), then those two sums. Returns {a, b, c, d}.
__m128 hsum4(__m256 a, __m256 b, __m256 c, __m256 d) {
  // [a.lo + a.hi | c.lo + c.hi] and [b.lo + b.hi | d.lo + d.hi]
  const __m256 ac =
      _mm256_add_ps(_mm256_permute2f128_ps(a, c, 0x20), _mm256_permute2f128_ps(a, c, 0x31));
  const __m256 bd =
      _mm256_add_ps(_mm256_permute2f128_ps(b, d, 0x20), _mm256_permute2f128_ps(b, d, 0x31));
  // Lanes reordered to (0, 2, 1, 3) so that hadd adds 0 + 2 and 1 + 3.
  const __m256 h1 = _mm256_hadd_ps(_mm256_permute_ps(ac, 0xd8), _mm256_permute_ps(bd, 0xd8));
  const __m256 h2 = _mm256_hadd_ps(h1, h1);  // [a, b, a, b | c, d, c, d]
  return _mm_shuffle_ps(_mm256_castps256_ps128(h2), _mm256_extractf128_ps(h2, 1), 0x44);
}

}  // namespace

// Four keys at a time where hd is a multiple of 16: the query's vectors are loaded once for the
// four, eight independent accumulator chains keep the FMA units busy, and one transposed
// horizontal sum serves the four. Each score is bit-identical to dot_one's (same groups, same
// order of additions), which the remaining keys use.
void attn_scores_avx2(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                      float* scores) {
  int j = 0;
  if (hd % 16 == 0) {
    const __m128 scale4 = _mm_set1_ps(scale);
    for (; j + 4 <= n; j += 4) {
      const float* k0 = k + j * stride;
      const float* k1 = k0 + stride;
      const float* k2 = k1 + stride;
      const float* k3 = k2 + stride;
      __m256 e0 = _mm256_setzero_ps(), e1 = e0, e2 = e0, e3 = e0;
      __m256 o0 = e0, o1 = e0, o2 = e0, o3 = e0;
      for (int i = 0; i < hd; i += 16) {
        const __m256 qe = _mm256_loadu_ps(q + i), qo = _mm256_loadu_ps(q + i + 8);
        e0 = _mm256_fmadd_ps(qe, _mm256_loadu_ps(k0 + i), e0);
        o0 = _mm256_fmadd_ps(qo, _mm256_loadu_ps(k0 + i + 8), o0);
        e1 = _mm256_fmadd_ps(qe, _mm256_loadu_ps(k1 + i), e1);
        o1 = _mm256_fmadd_ps(qo, _mm256_loadu_ps(k1 + i + 8), o1);
        e2 = _mm256_fmadd_ps(qe, _mm256_loadu_ps(k2 + i), e2);
        o2 = _mm256_fmadd_ps(qo, _mm256_loadu_ps(k2 + i + 8), o2);
        e3 = _mm256_fmadd_ps(qe, _mm256_loadu_ps(k3 + i), e3);
        o3 = _mm256_fmadd_ps(qo, _mm256_loadu_ps(k3 + i + 8), o3);
      }
      const __m128 s = hsum4(_mm256_add_ps(e0, o0), _mm256_add_ps(e1, o1), _mm256_add_ps(e2, o2),
                             _mm256_add_ps(e3, o3));
      _mm_storeu_ps(scores + j, _mm_mul_ps(s, scale4));
    }
  }
  for (; j < n; ++j) scores[j] = dot_one(q, k + j * stride, hd) * scale;
}

namespace {

// W consecutive groups of eight outputs, kept in registers across all n positions (W is a
// template argument so that the accumulators are registers, not an array on the stack: with a
// run-time width g++ kept them in memory, and each FMA waited for the previous one's store).
template <int W>
void mix_chunk(const float* p, const float* v, int64_t stride, int n, float* out) {
  __m256 acc[W];
#pragma GCC unroll 8
  for (int r = 0; r < W; ++r) acc[r] = _mm256_loadu_ps(out + 8 * r);
  for (int j = 0; j < n; ++j) {
    const __m256 pj = _mm256_set1_ps(p[j]);
    const float* vj = v + j * stride;
#pragma GCC unroll 8
    for (int r = 0; r < W; ++r) acc[r] = _mm256_fmadd_ps(pj, _mm256_loadu_ps(vj + 8 * r), acc[r]);
  }
#pragma GCC unroll 8
  for (int r = 0; r < W; ++r) _mm256_storeu_ps(out + 8 * r, acc[r]);
}

using MixChunkFn = void (*)(const float*, const float*, int64_t, int, float*);
// mix_chunk<w> at index w - 1.
constexpr MixChunkFn kMixChunk[8] = {mix_chunk<1>, mix_chunk<2>, mix_chunk<3>, mix_chunk<4>,
                                     mix_chunk<5>, mix_chunk<6>, mix_chunk<7>, mix_chunk<8>};

}  // namespace

void attn_mix_avx2(const float* p, const float* v, int64_t stride, int n, int hd, float* out) {
  // Chunks of up to 64 output values stay in 8 registers across all positions.
  int c = 0;
  while (c + 8 <= hd) {
    const int width = std::min(8, (hd - c) / 8);
    kMixChunk[width - 1](p, v + c, stride, n, out + c);
    c += 8 * width;
  }
  for (; c < hd; ++c) {
    float s = out[c];
    for (int j = 0; j < n; ++j) s += p[j] * v[j * stride + c];
    out[c] = s;
  }
}

}  // namespace ys::cpu
