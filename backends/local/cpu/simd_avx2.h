// Small AVX2 helpers shared by the *_avx2.cpp kernels. Include only from files compiled with
// -mavx2 -mfma -mf16c (the *_avx2.cpp naming rule in backends/local/CMakeLists.txt). The
// *_avx512.cpp files include it too, so every helper is always inlined: an out-of-line copy
// compiled with AVX-512 could otherwise be the one the linker keeps for the AVX2 files as well
// (inline functions of one name are merged), and fault on a CPU without AVX-512.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace ys::cpu::avx2 {

// Sum of four float lanes: (0 + 2) + (1 + 3), ggml's order.
[[gnu::always_inline]] inline float hsum4(__m128 s) {
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

// Sum of eight float lanes: the two halves added, then hsum4 (ggml's hsum_float_8 order).
[[gnu::always_inline]] inline float hsum(__m256 v) {
  return hsum4(_mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1)));
}

[[gnu::always_inline]] inline int hsum_i32(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
  return _mm_cvtsi128_si32(s);
}

// Products of 32 signed bytes a and b, summed in adjacent groups of four -> 8 int32. Uses
// maddubs on |a| and sign(b, a); exact for a, b in [-127, 127].
[[gnu::always_inline]] inline __m256i dot_i8x32(__m256i a, __m256i b) {
  const __m256i p16 = _mm256_maddubs_epi16(_mm256_sign_epi8(a, a), _mm256_sign_epi8(b, a));
  return _mm256_madd_epi16(p16, _mm256_set1_epi16(1));
}

// 16 bytes of packed nibbles -> 32 bytes: low nibbles then high nibbles (values 0..15).
[[gnu::always_inline]] inline __m256i unpack_nibbles_16(const uint8_t* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m256i both = _mm256_set_m128i(_mm_srli_epi16(v, 4), v);
  return _mm256_and_si256(both, _mm256_set1_epi8(0x0f));
}

// 32 bits (little-endian u32 at p) -> 32 bytes, byte j = 0xff where bit j is set, else 0.
[[gnu::always_inline]] inline __m256i bits_to_bytes_32(const uint8_t* p) {
  uint32_t bits;
  __builtin_memcpy(&bits, p, 4);
  const __m256i spread =
      _mm256_shuffle_epi8(_mm256_set1_epi32(static_cast<int>(bits)),
                          _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2,
                                           2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3));
  const __m256i bit = _mm256_set1_epi64x(static_cast<long long>(0x8040201008040201ULL));
  return _mm256_cmpeq_epi8(_mm256_and_si256(spread, bit), bit);
}

// The 5-bit levels (0..31) of a Q5_0/Q5_1 block: low nibbles from qs, fifth bits from qh.
[[gnu::always_inline]] inline __m256i q5_levels(const uint8_t* qs, const uint8_t* qh) {
  const __m256i high = _mm256_and_si256(bits_to_bytes_32(qh), _mm256_set1_epi8(16));
  return _mm256_or_si256(unpack_nibbles_16(qs), high);
}

}  // namespace ys::cpu::avx2
