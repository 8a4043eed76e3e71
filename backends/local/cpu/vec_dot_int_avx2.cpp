// AVX2 instances of the integer dot kernels in int_dot_kernels.h: byte products by maddubs
// (unsigned x signed pairs to int16; no overflow for these levels) and madd to int32.
#include "backends/local/cpu/int_dot_kernels.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

struct Avx2Ops {
  static __m256i dot_u(__m256i u, __m256i y) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, y), _mm256_set1_epi16(1));
  }
  static __m256i dot_s(__m256i a, __m256i y) { return avx2::dot_i8x32(a, y); }
  static __m256i dot_u_scaled(__m256i u, __m256i y, int s_lo, int s_hi) {
    const __m256i scales = _mm256_set_m128i(_mm_set1_epi16(static_cast<int16_t>(s_hi)),
                                            _mm_set1_epi16(static_cast<int16_t>(s_lo)));
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, y), scales);
  }
  static __m256i dot_s_scaled(__m256i a, __m256i y, int s) {
    // The int16 pair sums are at most 2 * 127 * 127, so the scale can go into the madd.
    const __m256i p16 = _mm256_maddubs_epi16(_mm256_sign_epi8(a, a), _mm256_sign_epi8(y, a));
    return _mm256_madd_epi16(p16, _mm256_set1_epi16(static_cast<int16_t>(s)));
  }
};

}  // namespace

float vec_dot_q4_1_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<Avx2Ops, BlockQ4_1>(n, w, x);
}
float vec_dot_q5_1_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<Avx2Ops, BlockQ5_1>(n, w, x);
}
float vec_dot_q5_0_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<Avx2Ops, BlockQ5_0>(n, w, x);
}
float vec_dot_iq4_nl_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<Avx2Ops, BlockIQ4_NL>(n, w, x);
}
float vec_dot_q2_k_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q2_k<Avx2Ops>(n, w, x);
}
float vec_dot_q3_k_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q3_k<Avx2Ops>(n, w, x);
}
float vec_dot_q5_k_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q5_k<Avx2Ops>(n, w, x);
}
float vec_dot_iq4_xs_avx2(int64_t n, const void* w, const void* x) {
  return int_dot::dot_iq4_xs<Avx2Ops>(n, w, x);
}

}  // namespace ys::cpu
