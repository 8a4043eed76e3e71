// AVX2 dot kernels for Q2_K, Q3_K and Q5_K against Q8_K. The integer block sums are exact and
// the float step per block is the scalar reference's, so the results are bit-identical to
// vec_dot_scalar_k23.cpp / vec_dot_scalar.cpp.
#include <immintrin.h>

#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/simd_avx2.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

// Bits 2g..2g+1 of each byte of v.
__m256i two_bits(__m256i v, int g) {
  return _mm256_and_si256(_mm256_srl_epi16(v, _mm_cvtsi32_si128(2 * g)), _mm256_set1_epi8(3));
}

// sum over the 32 values of (unsigned level u) * y, weighted per 16-value half by s_lo, s_hi.
__m256i scaled_pairs(__m256i u, const int8_t* q8, int s_lo, int s_hi) {
  const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q8));
  const __m256i scales = _mm256_set_m128i(_mm_set1_epi16(static_cast<int16_t>(s_hi)),
                                          _mm_set1_epi16(static_cast<int16_t>(s_lo)));
  return _mm256_madd_epi16(_mm256_maddubs_epi16(u, y), scales);
}

}  // namespace

float vec_dot_q2_k_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ2_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    __m256i acc = _mm256_setzero_si256();
    for (int h = 0; h < 2; ++h) {
      const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs + 32 * h));
      for (int g = 0; g < 4; ++g) {
        const int sub = 8 * h + 2 * g;
        acc =
            _mm256_add_epi32(acc, scaled_pairs(two_bits(q, g), b[k].qs + 16 * sub,
                                               a[k].scales[sub] & 0xf, a[k].scales[sub + 1] & 0xf));
      }
    }
    int msum = 0;
    for (int sub = 0; sub < 16; ++sub) msum += (a[k].scales[sub] >> 4) * b[k].bsums[sub];
    const float dall = b[k].d * fp16_to_float(a[k].d);
    const float dmin = b[k].d * fp16_to_float(a[k].dmin);
    sum += dall * static_cast<float>(avx2::hsum_i32(acc)) - dmin * static_cast<float>(msum);
  }
  return sum;
}

float vec_dot_q3_k_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ3_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  const __m256i one = _mm256_set1_epi8(1);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int sc[16];
    for (int j = 0; j < 16; ++j) sc[j] = q3k_scale(j, a[k].scales);
    const __m256i hm = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].hmask));
    __m256i acc = _mm256_setzero_si256();
    for (int h = 0; h < 2; ++h) {
      const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs + 32 * h));
      for (int g = 0; g < 4; ++g) {
        // level + 4 = low two bits | high bit << 2 (0..7); the 4 comes off through the bsums.
        const __m256i hb =
            _mm256_and_si256(_mm256_srl_epi16(hm, _mm_cvtsi32_si128(4 * h + g)), one);
        const __m256i u = _mm256_or_si256(two_bits(q, g), _mm256_slli_epi16(hb, 2));
        const int sub = 8 * h + 2 * g;
        acc = _mm256_add_epi32(acc, scaled_pairs(u, b[k].qs + 16 * sub, sc[sub], sc[sub + 1]));
      }
    }
    int offset = 0;
    for (int j = 0; j < 16; ++j) offset += sc[j] * b[k].bsums[j];
    const int isum = avx2::hsum_i32(acc) - 4 * offset;
    sum += b[k].d * fp16_to_float(a[k].d) * static_cast<float>(isum);
  }
  return sum;
}

float vec_dot_q5_k_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  const __m256i low4 = _mm256_set1_epi8(0x0f);
  const __m256i one = _mm256_set1_epi8(1);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    uint8_t sc[8], mn[8];
    for (int j = 0; j < 8; ++j) k_scale_min(j, a[k].scales, &sc[j], &mn[j]);
    const __m256i qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qh));
    __m256i acc = _mm256_setzero_si256();
    for (int c = 0; c < 4; ++c) {
      const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs + 32 * c));
      for (int half = 0; half < 2; ++half) {
        const int sub = 2 * c + half;
        const __m256i nib =
            half ? _mm256_and_si256(_mm256_srli_epi16(q, 4), low4) : _mm256_and_si256(q, low4);
        const __m256i hb = _mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(sub)), one);
        const __m256i u = _mm256_or_si256(nib, _mm256_slli_epi16(hb, 4));
        acc = _mm256_add_epi32(acc, scaled_pairs(u, b[k].qs + 32 * sub, sc[sub], sc[sub]));
      }
    }
    int sum_m = 0;
    for (int j = 0; j < 8; ++j) sum_m += mn[j] * (b[k].bsums[2 * j] + b[k].bsums[2 * j + 1]);
    sum += b[k].d * (fp16_to_float(a[k].d) * static_cast<float>(avx2::hsum_i32(acc)) -
                     fp16_to_float(a[k].dmin) * static_cast<float>(sum_m));
  }
  return sum;
}

}  // namespace ys::cpu
