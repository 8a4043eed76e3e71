// AVX2 dot kernels for Q4_1, Q5_0, Q5_1 and IQ4_NL. Each block's 32 weight levels are unpacked
// into one vector of bytes and multiplied with the activations' bytes; the integer block sum is
// exact, and the float step per block is the scalar reference's (vec_dot_scalar_q32.cpp), in
// the same order, so the results are bit-identical to it.
#include <immintrin.h>

#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/simd_avx2.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

// Sum of unsigned levels u (0..31) times signed activations, all 32 -> int.
int isum_unsigned(__m256i u, const int8_t* q8) {
  const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q8));
  const __m256i p = _mm256_madd_epi16(_mm256_maddubs_epi16(u, y), _mm256_set1_epi16(1));
  return avx2::hsum_i32(p);
}

int isum_signed(__m256i s, const int8_t* q8) {
  const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q8));
  return avx2::hsum_i32(avx2::dot_i8x32(s, y));
}

// The 5-bit levels (0..31) of a Q5_0/Q5_1 block.
__m256i q5_levels(const uint8_t* qs, const uint8_t* qh) {
  const __m256i high = _mm256_and_si256(avx2::bits_to_bytes_32(qh), _mm256_set1_epi8(16));
  return _mm256_or_si256(avx2::unpack_nibbles_16(qs), high);
}

}  // namespace

float vec_dot_q4_1_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ4_1*>(w);
  const auto* b = static_cast<const BlockQ8_1*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const int isum = isum_unsigned(avx2::unpack_nibbles_16(a[k].qs), b[k].qs);
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum) +
           fp16_to_float(a[k].m) * fp16_to_float(b[k].s);
  }
  return sum;
}

float vec_dot_q5_1_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_1*>(w);
  const auto* b = static_cast<const BlockQ8_1*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const int isum = isum_unsigned(q5_levels(a[k].qs, a[k].qh), b[k].qs);
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum) +
           fp16_to_float(a[k].m) * fp16_to_float(b[k].s);
  }
  return sum;
}

float vec_dot_q5_0_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_0*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  const __m256i sixteen = _mm256_set1_epi8(16);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const __m256i q = _mm256_sub_epi8(q5_levels(a[k].qs, a[k].qh), sixteen);
    const int isum = isum_signed(q, b[k].qs);
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

float vec_dot_iq4_nl_avx2(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockIQ4_NL*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues));
  const __m256i lut = _mm256_set_m128i(table, table);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const __m256i q = _mm256_shuffle_epi8(lut, avx2::unpack_nibbles_16(a[k].qs));
    const int isum = isum_signed(q, b[k].qs);
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

}  // namespace ys::cpu
