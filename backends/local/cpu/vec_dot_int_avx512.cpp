// AVX-512 VNNI instances of the integer dot kernels in int_dot_kernels.h: vpdpbusd (unsigned x
// signed bytes, four products summed straight into int32, no int16 step) on 256-bit vectors
// (AVX512_VNNI + AVX512VL). Compiled with -mavx512f -mavx512bw -mavx512vl -mavx512vnni; call
// only when cpu_has_avx512().
// g++ 12 warns inside its own AVX-512 headers (intrinsics that start from an undefined vector).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "backends/local/cpu/int_dot_kernels.h"
#include "backends/local/cpu/simd_avx512.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

struct Dpbusd512 {
  static __m256i dpbusd(__m256i acc, __m256i u, __m256i y) {
    return _mm256_dpbusd_epi32(acc, u, y);
  }
};
using VnniOps = int_dot::VnniOps<Dpbusd512>;

}  // namespace

float vec_dot_iq4_xs_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_iq4_xs<VnniOps>(n, w, x);
}
float vec_dot_q4_1_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<VnniOps, BlockQ4_1>(n, w, x);
}
float vec_dot_q5_1_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<VnniOps, BlockQ5_1>(n, w, x);
}
float vec_dot_q5_0_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<VnniOps, BlockQ5_0>(n, w, x);
}
float vec_dot_iq4_nl_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<VnniOps, BlockIQ4_NL>(n, w, x);
}
float vec_dot_q2_k_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q2_k<VnniOps>(n, w, x);
}
float vec_dot_q3_k_avx512(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q3_k<VnniOps>(n, w, x);
}
// Q5_K on 512-bit vectors: the two sub-blocks of a 32-byte chunk of qs (low and high nibbles,
// each with its fifth bit from qh) in one vector against the 64 activations they multiply, one
// vpdpbusd, one multiply by the two sub-blocks' scales. The block's integer sum is exact, and
// the float step per block is dot_q5_k's (the scalar reference's), so the result is the same.
float vec_dot_q5_k_avx512(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    uint32_t sm[4];
    unpack_k_scales_mins(a[k].scales, sm);
    const auto* sc = reinterpret_cast<const uint8_t*>(sm);  // scales 0..7, mins 0..7
    const __m256i qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qh));
    __m512i acc = _mm512_setzero_si512();
    for (int c = 0; c < 4; ++c) {
      __m256i lo, hi;
      kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k].qs + 32 * c)),
                          qh, true, c, &lo, &hi);
      acc = _mm512_add_epi32(
          acc, avx512::scaled_pair_dot(lo, hi, sc[2 * c], sc[2 * c + 1], b[k].qs + 64 * c));
    }
    const int isum = _mm512_reduce_add_epi32(acc);
    int sum_m = 0;
    for (int j = 0; j < 8; ++j) sum_m += sc[8 + j] * (b[k].bsums[2 * j] + b[k].bsums[2 * j + 1]);
    sum += b[k].d * (int_dot::half_to_float(a[k].d) * static_cast<float>(isum) -
                     int_dot::half_to_float(a[k].dmin) * static_cast<float>(sum_m));
  }
  return sum;
}

}  // namespace ys::cpu
