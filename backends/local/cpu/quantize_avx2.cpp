// AVX2 activation quantizers; bit-identical to the scalar ones in quantize.cpp (same float
// operations, round-half-even via _mm256_round_ps / F16C, explicit scalar tail for F16).
#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/quantize.h"

namespace ys::cpu {

namespace {

// The largest of eight floats (the lanes reduced with max_ps, high half first).
inline float hmax(__m256 v) {
  __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(v, 1), _mm256_castps256_ps128(v));
  m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
  m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
  return _mm_cvtss_f32(m4);
}

// 32 int32 values (q[0..3], in order) -> 32 int8 at dst, saturating. packs interleave 128-bit
// lanes; the final permute restores element order.
inline __m256i pack_to_i8(const __m256i q[4], int8_t* dst) {
  const __m256i p01 = _mm256_packs_epi32(q[0], q[1]);
  const __m256i p23 = _mm256_packs_epi32(q[2], q[3]);
  const __m256i p = _mm256_packs_epi16(p01, p23);
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  const __m256i out = _mm256_permutevar8x32_epi32(p, order);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), out);
  return out;
}

// One block of 32: writes d (fp16) and qs, returns amax (for Q8_1's sum).
float q8_block_avx2(const float* x, uint16_t* d, int8_t* qs) {
  const __m256 sign_bit = _mm256_set1_ps(-0.0f);
  __m256 v[4];
  __m256 amax = _mm256_setzero_ps();
  for (int j = 0; j < 4; ++j) {
    v[j] = _mm256_loadu_ps(x + 8 * j);
    amax = _mm256_max_ps(amax, _mm256_andnot_ps(sign_bit, v[j]));
  }
  const float max_scalar = hmax(amax);
  *d = float_to_fp16(max_scalar / 127.0f);
  const __m256 mul = _mm256_set1_ps(max_scalar != 0.0f ? 127.0f / max_scalar : 0.0f);
  __m256i q[4];
  for (int j = 0; j < 4; ++j) {
    const __m256 r =
        _mm256_round_ps(_mm256_mul_ps(v[j], mul), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    q[j] = _mm256_cvtps_epi32(r);
  }
  pack_to_i8(q, qs);
  return max_scalar;
}

}  // namespace

void quantize_row_q8_0_avx2(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_0*>(dst);
  for (int64_t b = 0; b < n / kQK8_0; ++b, x += kQK8_0) q8_block_avx2(x, &y[b].d, y[b].qs);
}

void quantize_row_q8_1_avx2(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_1*>(dst);
  for (int64_t b = 0; b < n / kQK32; ++b, x += kQK32) {
    const float amax = q8_block_avx2(x, &y[b].d, y[b].qs);
    const __m256i q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y[b].qs));
    const __m256i s16 = _mm256_maddubs_epi16(_mm256_set1_epi8(1), q);
    const __m256i s32 = _mm256_madd_epi16(s16, _mm256_set1_epi16(1));
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(s32), _mm256_extracti128_si256(s32, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    y[b].s = float_to_fp16(amax / 127.0f * static_cast<float>(_mm_cvtsi128_si32(s)));
  }
}

void convert_row_f16_avx2(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<uint16_t*>(dst);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y + i), h);
  }
  for (; i < n; ++i) y[i] = float_to_fp16(x[i]);
}

// Q8_K (blocks of 256), as quantize_row_q8_k_scalar: the first value of largest magnitude sets
// iscale = -127 / max (NaNs are passed over, as the scalar comparison does), q = min(127,
// round_half_even(iscale * x)), d = 1 / iscale, bsums of 16; an all-zero block is all zeros.
void quantize_row_q8_k_avx2(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_K*>(dst);
  const __m256 sign_bit = _mm256_set1_ps(-0.0f);
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    __m256 amax8 = _mm256_setzero_ps();
    for (int j = 0; j < kQK_K; j += 8)  // max(|x|, acc): a NaN |x| leaves acc as it is
      amax8 = _mm256_max_ps(_mm256_andnot_ps(sign_bit, _mm256_loadu_ps(x + j)), amax8);
    const float amax = hmax(amax8);
    if (amax == 0.0f) {
      std::memset(&y[b], 0, sizeof(BlockQ8_K));
      continue;
    }
    float max = 0.0f;  // the first value whose magnitude is amax
    const __m256 target = _mm256_set1_ps(amax);
    for (int j = 0; j < kQK_K; j += 8) {
      const __m256 a = _mm256_andnot_ps(sign_bit, _mm256_loadu_ps(x + j));
      const int mask = _mm256_movemask_ps(_mm256_cmp_ps(a, target, _CMP_EQ_OQ));
      if (mask != 0) {
        max = x[j + __builtin_ctz(static_cast<unsigned>(mask))];
        break;
      }
    }
    const float iscale = -127.0f / max;
    const __m256 mul = _mm256_set1_ps(iscale), top = _mm256_set1_ps(127.0f);
    const __m256i ones8 = _mm256_set1_epi8(1), ones16 = _mm256_set1_epi16(1);
    for (int j = 0; j < kQK_K; j += 32) {
      __m256i q[4];
      for (int k = 0; k < 4; ++k) {
        const __m256 v = _mm256_round_ps(_mm256_mul_ps(mul, _mm256_loadu_ps(x + j + 8 * k)),
                                         _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        q[k] = _mm256_cvtps_epi32(_mm256_min_ps(v, top));  // min(v, 127): a NaN v gives 127
      }
      const __m256i q8 = pack_to_i8(q, y[b].qs + j);
      // Sums of 16: pairs (maddubs), quads (madd), then the four quads of each 128-bit lane.
      const __m256i quads = _mm256_madd_epi16(_mm256_maddubs_epi16(ones8, q8), ones16);
      const __m256i sums = _mm256_hadd_epi32(_mm256_hadd_epi32(quads, quads), quads);
      y[b].bsums[j / 16] = static_cast<int16_t>(_mm256_extract_epi32(sums, 0));
      y[b].bsums[j / 16 + 1] = static_cast<int16_t>(_mm256_extract_epi32(sums, 4));
    }
    y[b].d = 1.0f / iscale;
  }
}

}  // namespace ys::cpu
