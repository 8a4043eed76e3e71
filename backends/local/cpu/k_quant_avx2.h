// K-quant blocks unpacked into byte levels with AVX2, shared by the tiles, the dot kernels and
// the panel dequantizers (integer operations only, so every user sees the same bytes). Include
// only from files compiled with at least -mavx2; the helpers are always inlined, so a copy built
// for AVX-512 in one file can never stand in for another file's AVX2 copy at link time.
#pragma once

#include <immintrin.h>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu::kq {

// Q4_K/Q5_K: chunk c's 32 bytes q (qs + 32c) -> the levels of sub-block 2c (low nibbles) and
// 2c + 1 (high nibbles); for Q5_K (has_qh) with the fifth bit, bit 2c or 2c + 1 of each qh byte,
// as 16. Levels 0..15 (Q4_K) or 0..31 (Q5_K).
[[gnu::always_inline]] inline void k4_chunk_levels(__m256i q, __m256i qh, bool has_qh, int c,
                                                   __m256i* lo, __m256i* hi) {
  const __m256i low4 = _mm256_set1_epi8(0x0f);
  *lo = _mm256_and_si256(q, low4);
  *hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
  if (has_qh) {
    const __m256i one = _mm256_set1_epi8(1);
    const __m256i b_lo = _mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * c)), one);
    const __m256i b_hi = _mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * c + 1)), one);
    *lo = _mm256_or_si256(*lo, _mm256_slli_epi16(b_lo, 4));
    *hi = _mm256_or_si256(*hi, _mm256_slli_epi16(b_hi, 4));
  }
}

// Q6_K: half h (0 or 1) of a block -> the levels (0..63, before the -32 offset) of its four
// 32-value groups: group g takes its low four bits from ql[l] (g even) or ql[l + 32] (g odd), low
// nibble for g < 2, high otherwise, and its top two bits from qh[l] >> 2g.
[[gnu::always_inline]] inline void q6_k_levels(const BlockQ6_K& blk, int half, __m256i q6[4]) {
  const __m256i low4 = _mm256_set1_epi8(0x0f), low2 = _mm256_set1_epi8(0x03);
  const uint8_t* ql = blk.ql + 64 * half;
  const __m256i qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(blk.qh + 32 * half));
  const __m256i ql0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql));
  const __m256i ql1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ql + 32));
  const __m256i lo[4] = {_mm256_and_si256(ql0, low4), _mm256_and_si256(ql1, low4),
                         _mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4),
                         _mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4)};
  for (int g = 0; g < 4; ++g) {
    const __m256i hi = _mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * g)), low2);
    q6[g] = _mm256_or_si256(lo[g], _mm256_slli_epi16(hi, 4));
  }
}

// Q4_K/Q5_K: each sub-block's min times the sum of its 32 activations, m_s * (bsums[2s] +
// bsums[2s + 1]) in int32 lane s (exact); mins: the eight 6-bit mins, bsums: the Q8_K block's 16.
[[gnu::always_inline]] inline __m256i k4_min_lanes(const uint8_t* mins, const int16_t* bsums) {
  const __m128i m16 = _mm_cvtepu8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(mins)));
  const __m256i twice =
      _mm256_set_m128i(_mm_unpackhi_epi16(m16, m16), _mm_unpacklo_epi16(m16, m16));
  return _mm256_madd_epi16(twice, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bsums)));
}

// The per-block float steps of the K-quant tiles, one (weight row, token) pair at a time. The
// AVX2 and AVX-512 tiles both call these, so they round alike: their outputs are bit-identical
// as long as the eight int32 lanes of isum are. The orders are ggml-cpu's AVX2 ones for each type
// (its q4_K/q5_K/q6_K x q8_K dots), so that the fixtures' llama.cpp logits, made with them, are
// met to 1e-4: a sum in another order moves some activations across a rounding boundary of the
// next layer's 8-bit conversion, and the change grows through the KV cache.
struct K4Acc {
  __m256 acc = _mm256_setzero_ps();  // d_x * d * sums, eight lanes
  __m128 mins = _mm_setzero_ps();    // Q4_K: d_x * dmin * min sums, four lanes
  float mins1 = 0.0f;                // Q5_K: the same, one float
};

// Q4_K (Q5 false) / Q5_K (Q5 true): acc += (d_x * d) * isum; the mins' part, d_x * dmin times the
// lanes of k4_min_lanes, goes to four float lanes (Q4_K) or, summed exactly, to one float (Q5_K).
template <bool Q5>
[[gnu::always_inline]] inline void k4_block_step(__m256i isum, __m256i msum, float dx, float d,
                                                 float dmin, K4Acc* a) {
  a->acc = _mm256_fmadd_ps(_mm256_set1_ps(dx * d), _mm256_cvtepi32_ps(isum), a->acc);
  if constexpr (Q5) {
    a->mins1 += dx * dmin * static_cast<float>(avx2::hsum_i32(msum));
  } else {
    // Lane l: sub-blocks 2l and 2l + 1 (ggml's hadd of the bsums, then madd with the mins).
    const __m128i m4 =
        _mm_hadd_epi32(_mm256_castsi256_si128(msum), _mm256_extracti128_si256(msum, 1));
    a->mins = _mm_fmadd_ps(_mm_set1_ps(dx * dmin), _mm_cvtepi32_ps(m4), a->mins);
  }
}

// The row's dot from its accumulator: the sum of acc's lanes minus the mins.
[[gnu::always_inline]] inline float k4_result(const K4Acc& a) {
  return avx2::hsum(a.acc) - avx2::hsum4(a.mins) - a.mins1;
}

// Q6_K: the pair sums of one 32-value group with the -32 offset taken off in int16, as ggml-cpu
// does: maddubs(levels, y) - maddubs(32, y) (levels 0..63, so both fit in int16 exactly).
[[gnu::always_inline]] inline __m256i q6_k_pairs(__m256i levels, __m256i y) {
  return _mm256_sub_epi16(_mm256_maddubs_epi16(levels, y),
                          _mm256_maddubs_epi16(_mm256_set1_epi8(32), y));
}

// Q6_K: acc += (d_x * d) * isum, eight lanes.
[[gnu::always_inline]] inline void q6_k_block_step(__m256i isum, const BlockQ6_K& w,
                                                   const BlockQ8_K& x, __m256* acc) {
  *acc = _mm256_fmadd_ps(_mm256_set1_ps(x.d * _cvtsh_ss(w.d)), _mm256_cvtepi32_ps(isum), *acc);
}

}  // namespace ys::cpu::kq
