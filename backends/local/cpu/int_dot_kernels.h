// The integer dot kernels of Q4_1, Q5_0, Q5_1, IQ4_NL, Q2_K, Q3_K, Q5_K and IQ4_XS, written once
// over an `Ops` policy that supplies the byte products, and compiled three times: with AVX2's
// maddubs/madd (vec_dot_int_avx2.cpp), and with vpdpbusd through VnniOps below, in its
// AVX-512 VNNI form on 256-bit vectors (vec_dot_int_avx512.cpp) and its AVX-VNNI form
// (vec_dot_int_avxvnni.cpp). Ops provides, for 32 bytes u (unsigned) or a (signed) and 32
// activation bytes y, eight int32 lanes whose total is
//   dot_u(u, y)                      sum u*y
//   dot_s(a, y)                      sum a*y           (a, y in [-127, 127])
//   dot_u_scaled(u, y, s_lo, s_hi)   s_lo * sum of the first 16 u*y + s_hi * sum of the last 16
//   dot_s_scaled(a, y, s)            s * sum a*y       (a, y in [-127, 127], |s| <= 32)
// Every block's integer sum is exact on all of them, and the float step per block is the scalar
// reference's in the same order (vec_dot_scalar_q32.cpp, vec_dot_scalar_k23.cpp,
// vec_dot_scalar.cpp): all three paths give bit-identical results. Include only from files
// compiled with at least -mavx2 -mfma -mf16c.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/k_quant_avx2.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu::int_dot {

// fp16 -> float with F16C (one instruction; the portable fp16_to_float's bit manipulation was
// most of the Q5_0/Q5_1 kernels' time). The conversion is exact, so the values are the same.
[[gnu::always_inline]] inline float half_to_float(uint16_t h) {
  return _cvtsh_ss(h);
}

[[gnu::always_inline]] inline __m256i load32(const void* p) {
  return _mm256_loadu_si256(static_cast<const __m256i*>(p));
}

// Bits 2g..2g+1 of each byte of v.
[[gnu::always_inline]] inline __m256i two_bits(__m256i v, int g) {
  return _mm256_and_si256(_mm256_srl_epi16(v, _mm_cvtsi32_si128(2 * g)), _mm256_set1_epi8(3));
}

// The Ops of both VNNI forms, which differ only in the instruction: Dp::dpbusd(acc, u, y) is
// vpdpbusd (AVX-512 VNNI on 256-bit vectors, or AVX-VNNI's VEX form), four unsigned x signed
// byte products summed straight into each int32 lane. The scaled forms multiply the int32
// lanes (vpmulld).
template <class Dp>
struct VnniOps {
  static __m256i dot_u(__m256i u, __m256i y) { return Dp::dpbusd(_mm256_setzero_si256(), u, y); }
  static __m256i dot_s(__m256i a, __m256i y) {
    return Dp::dpbusd(_mm256_setzero_si256(), _mm256_sign_epi8(a, a), _mm256_sign_epi8(y, a));
  }
  static __m256i dot_u_scaled(__m256i u, __m256i y, int s_lo, int s_hi) {
    const __m256i scales = _mm256_set_m128i(_mm_set1_epi32(s_hi), _mm_set1_epi32(s_lo));
    return _mm256_mullo_epi32(dot_u(u, y), scales);
  }
  static __m256i dot_s_scaled(__m256i a, __m256i y, int s) {
    return _mm256_mullo_epi32(dot_s(a, y), _mm256_set1_epi32(s));
  }
};

// Q4_1 / Q5_1 against Q8_1: d_w * d_x * isum + m_w * s_x per block.
template <class Ops, class Block>
float dot_with_min(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const Block*>(w);
  const auto* b = static_cast<const BlockQ8_1*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    __m256i u;
    if constexpr (requires { a[k].qh; }) {
      u = avx2::q5_levels(a[k].qs, a[k].qh);
    } else {
      u = avx2::unpack_nibbles_16(a[k].qs);
    }
    const int isum = avx2::hsum_i32(Ops::dot_u(u, load32(b[k].qs)));
    sum += half_to_float(a[k].d) * half_to_float(b[k].d) * static_cast<float>(isum) +
           half_to_float(a[k].m) * half_to_float(b[k].s);
  }
  return sum;
}

// Q5_0 (levels - 16) and IQ4_NL (table levels) against Q8_0: d_w * d_x * isum per block.
template <class Ops, class Block>
float dot_symmetric(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const Block*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues));
  const __m256i lut = _mm256_set_m128i(table, table);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    __m256i q;
    if constexpr (requires { a[k].qh; }) {
      q = _mm256_sub_epi8(avx2::q5_levels(a[k].qs, a[k].qh), _mm256_set1_epi8(16));
    } else {
      q = _mm256_shuffle_epi8(lut, avx2::unpack_nibbles_16(a[k].qs));
    }
    const int isum = avx2::hsum_i32(Ops::dot_s(q, load32(b[k].qs)));
    sum += half_to_float(a[k].d) * half_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

template <class Ops>
float dot_q2_k(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ2_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    __m256i acc = _mm256_setzero_si256();
    for (int h = 0; h < 2; ++h) {
      const __m256i q = load32(a[k].qs + 32 * h);
      for (int g = 0; g < 4; ++g) {
        const int sub = 8 * h + 2 * g;
        acc = _mm256_add_epi32(
            acc, Ops::dot_u_scaled(two_bits(q, g), load32(b[k].qs + 16 * sub),
                                   a[k].scales[sub] & 0xf, a[k].scales[sub + 1] & 0xf));
      }
    }
    int msum = 0;
    for (int sub = 0; sub < 16; ++sub) msum += (a[k].scales[sub] >> 4) * b[k].bsums[sub];
    const float dall = b[k].d * half_to_float(a[k].d);
    const float dmin = b[k].d * half_to_float(a[k].dmin);
    sum += dall * static_cast<float>(avx2::hsum_i32(acc)) - dmin * static_cast<float>(msum);
  }
  return sum;
}

template <class Ops>
float dot_q3_k(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ3_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  const __m256i one = _mm256_set1_epi8(1);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int sc[16];
    for (int j = 0; j < 16; ++j) sc[j] = q3k_scale(j, a[k].scales);
    const __m256i hm = load32(a[k].hmask);
    __m256i acc = _mm256_setzero_si256();
    for (int h = 0; h < 2; ++h) {
      const __m256i q = load32(a[k].qs + 32 * h);
      for (int g = 0; g < 4; ++g) {
        // level + 4 = low two bits | high bit << 2 (0..7); the 4 comes off through the bsums.
        const __m256i hb =
            _mm256_and_si256(_mm256_srl_epi16(hm, _mm_cvtsi32_si128(4 * h + g)), one);
        const __m256i u = _mm256_or_si256(two_bits(q, g), _mm256_slli_epi16(hb, 2));
        const int sub = 8 * h + 2 * g;
        acc = _mm256_add_epi32(
            acc, Ops::dot_u_scaled(u, load32(b[k].qs + 16 * sub), sc[sub], sc[sub + 1]));
      }
    }
    int offset = 0;
    for (int j = 0; j < 16; ++j) offset += sc[j] * b[k].bsums[j];
    const int isum = avx2::hsum_i32(acc) - 4 * offset;
    sum += b[k].d * half_to_float(a[k].d) * static_cast<float>(isum);
  }
  return sum;
}

template <class Ops>
float dot_q5_k(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    uint8_t sc[8], mn[8];
    for (int j = 0; j < 8; ++j) k_scale_min(j, a[k].scales, &sc[j], &mn[j]);
    const __m256i qh = load32(a[k].qh);
    __m256i acc = _mm256_setzero_si256();
    for (int c = 0; c < 4; ++c) {
      __m256i u[2];
      kq::k4_chunk_levels(load32(a[k].qs + 32 * c), qh, true, c, &u[0], &u[1]);
      for (int half = 0; half < 2; ++half) {
        const int sub = 2 * c + half;
        acc = _mm256_add_epi32(
            acc, Ops::dot_u_scaled(u[half], load32(b[k].qs + 32 * sub), sc[sub], sc[sub]));
      }
    }
    int sum_m = 0;
    for (int j = 0; j < 8; ++j) sum_m += mn[j] * (b[k].bsums[2 * j] + b[k].bsums[2 * j + 1]);
    sum += b[k].d * (half_to_float(a[k].d) * static_cast<float>(avx2::hsum_i32(acc)) -
                     half_to_float(a[k].dmin) * static_cast<float>(sum_m));
  }
  return sum;
}

// IQ4_XS against Q8_K: the table levels of each 32-value sub-block times the activations, scaled
// by ls - 32, summed exactly per block; d_w * d_x * isum per block.
template <class Ops>
float dot_iq4_xs(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockIQ4_XS*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues));
  const __m256i lut = _mm256_set_m128i(table, table);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    __m256i acc = _mm256_setzero_si256();
    for (int j = 0; j < kQK_K / 32; ++j) {
      const __m256i q = _mm256_shuffle_epi8(lut, avx2::unpack_nibbles_16(a[k].qs + 16 * j));
      acc = _mm256_add_epi32(acc,
                             Ops::dot_s_scaled(q, load32(b[k].qs + 32 * j), iq4xs_scale(j, a[k])));
    }
    sum += half_to_float(a[k].d) * b[k].d * static_cast<float>(avx2::hsum_i32(acc));
  }
  return sum;
}

}  // namespace ys::cpu::int_dot
