// Small AVX-512 helpers shared by the *_avx512.cpp kernels. Include only from files compiled with
// -mavx512f (the *_avx512.cpp naming rule in backends/local/CMakeLists.txt).
#pragma once

#include <immintrin.h>

namespace ys::cpu::avx512 {

// 32 bytes a (low half) and 32 bytes b (high half) in one 512-bit vector.
[[gnu::always_inline]] inline __m512i join(__m256i a, __m256i b) {
  return _mm512_inserti64x4(_mm512_castsi256_si512(a), b, 1);
}

// The 16 int32 lanes folded to 8: lane l + lane l + 8.
[[gnu::always_inline]] inline __m256i fold(__m512i v) {
  return _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
}

// Two sub-blocks of 32 levels (u_lo, u_hi: unsigned bytes) against their 64 activations y (signed
// bytes), each sub-block's four-product sums multiplied by its scale: 16 int32 lanes, the first
// eight sub-block lo's, the last eight hi's.
[[gnu::always_inline]] inline __m512i scaled_pair_dot(__m256i u_lo, __m256i u_hi, int s_lo,
                                                      int s_hi, const int8_t* y) {
  const __m512i dot =
      _mm512_dpbusd_epi32(_mm512_setzero_si512(), join(u_lo, u_hi), _mm512_loadu_si512(y));
  return _mm512_mullo_epi32(dot, join(_mm256_set1_epi32(s_lo), _mm256_set1_epi32(s_hi)));
}

}  // namespace ys::cpu::avx512
