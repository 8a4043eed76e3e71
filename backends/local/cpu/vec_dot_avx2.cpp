// AVX2/FMA dot kernels. Each mirrors its scalar reference in vec_dot_scalar.cpp: same integer
// sums per block, float accumulation in 8 lanes (so results differ from the reference only by
// float summation order), and an explicit scalar tail for float types whose n is not a multiple
// of the vector width.
#include <immintrin.h>

#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/k_quant_avx2.h"
#include "backends/local/cpu/simd_avx2.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

using avx2::dot_i8x32;
using avx2::hsum;

float vec_dot_f32_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const float*>(w);
  const auto* b = static_cast<const float*>(x);
  __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
  }
  for (; i + 8 <= n; i += 8) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
  }
  float sum = hsum(_mm256_add_ps(acc0, acc1));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

float vec_dot_f16_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const uint16_t*>(w);
  const auto* b = static_cast<const uint16_t*>(x);
  __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
  auto load = [](const uint16_t* p) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  };
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc0 = _mm256_fmadd_ps(load(a + i), load(b + i), acc0);
    acc1 = _mm256_fmadd_ps(load(a + i + 8), load(b + i + 8), acc1);
  }
  for (; i + 8 <= n; i += 8) acc0 = _mm256_fmadd_ps(load(a + i), load(b + i), acc0);
  float sum = hsum(_mm256_add_ps(acc0, acc1));
  for (; i < n; ++i) sum += fp16_to_float(a[i]) * fp16_to_float(b[i]);
  return sum;
}

float vec_dot_bf16_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const uint16_t*>(w);
  const auto* b = static_cast<const uint16_t*>(x);
  auto load = [](const uint16_t* p) {
    const __m256i v = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(v, 16));
  };
  __m256 acc = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) acc = _mm256_fmadd_ps(load(a + i), load(b + i), acc);
  float sum = hsum(acc);
  for (; i < n; ++i) sum += bf16_to_float(a[i]) * bf16_to_float(b[i]);
  return sum;
}

float vec_dot_q8_0_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ8_0*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  __m256 acc = _mm256_setzero_ps();
  for (int64_t k = 0; k < n / kQK8_0; ++k) {
    const __m256i qa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs));
    const __m256i qb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[k].qs));
    const __m256 d = _mm256_set1_ps(fp16_to_float(a[k].d) * fp16_to_float(b[k].d));
    acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_i8x32(qa, qb)), acc);
  }
  return hsum(acc);
}

float vec_dot_q4_0_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ4_0*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  const __m256i eight = _mm256_set1_epi8(8);
  __m256 acc = _mm256_setzero_ps();
  for (int64_t k = 0; k < n / kQK4_0; ++k) {
    const __m256i qa = _mm256_sub_epi8(avx2::unpack_nibbles_16(a[k].qs), eight);
    const __m256i qb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[k].qs));
    const __m256 d = _mm256_set1_ps(fp16_to_float(a[k].d) * fp16_to_float(b[k].d));
    acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_i8x32(qa, qb)), acc);
  }
  return hsum(acc);
}

float vec_dot_q4_k_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ4_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    uint8_t sc[8], mn[8];
    for (int j = 0; j < 8; ++j) k_scale_min(j, a[k].scales, &sc[j], &mn[j]);
    __m256i acc = _mm256_setzero_si256();
    for (int c = 0; c < 4; ++c) {
      __m256i q_lo, q_hi;
      kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs + 32 * c)),
                          _mm256_setzero_si256(), false, c, &q_lo, &q_hi);
      const auto* y = reinterpret_cast<const __m256i*>(b[k].qs + 64 * c);
      const __m256i p_lo = _mm256_maddubs_epi16(q_lo, _mm256_loadu_si256(y));
      const __m256i p_hi = _mm256_maddubs_epi16(q_hi, _mm256_loadu_si256(y + 1));
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(p_lo, _mm256_set1_epi16(sc[2 * c])));
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(p_hi, _mm256_set1_epi16(sc[2 * c + 1])));
    }
    int sum_m = 0;
    for (int j = 0; j < 8; ++j) sum_m += mn[j] * (b[k].bsums[2 * j] + b[k].bsums[2 * j + 1]);
    sum += b[k].d * (fp16_to_float(a[k].d) * static_cast<float>(avx2::hsum_i32(acc)) -
                     fp16_to_float(a[k].dmin) * static_cast<float>(sum_m));
  }
  return sum;
}

float vec_dot_q6_k_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ6_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    __m256i acc = _mm256_setzero_si256();
    for (int half = 0; half < 2; ++half) {
      __m256i levels[4];
      kq::q6_k_levels(a[k], half, levels);
      for (int g = 0; g < 4; ++g) {
        const __m256i q6 = levels[g];  // 0..63
        const __m256i y =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[k].qs + 128 * half + 32 * g));
        const int8_t* s = a[k].scales + 8 * half + 2 * g;
        const __m256i scales = _mm256_set_m128i(_mm_set1_epi16(s[1]), _mm_set1_epi16(s[0]));
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(q6, y), scales));
      }
    }
    // The stored values are q6 - 32: remove 32 * scale * (sum of the 16 activations).
    int offset = 0;
    for (int j = 0; j < kQK_K / 16; ++j) offset += a[k].scales[j] * b[k].bsums[j];
    const int isum = avx2::hsum_i32(acc) - 32 * offset;
    sum += b[k].d * fp16_to_float(a[k].d) * static_cast<float>(isum);
  }
  return sum;
}

}  // namespace ys::cpu
