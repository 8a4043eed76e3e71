// AVX-VNNI instances of the integer dot kernels in int_dot_kernels.h: the VEX form of vpdpbusd
// (unsigned x signed bytes, four products summed straight into int32) on 256-bit vectors, for
// CPUs with AVX-VNNI but not AVX-512 (the avxvnni path of cpu_features.h). Bit-identical to the
// AVX2 and scalar kernels. Compiled with AVX2/FMA/F16C and AVX-VNNI; call only when
// cpu_has_avxvnni().
#include "backends/local/cpu/int_dot_kernels.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

struct DpbusdVex {
  static __m256i dpbusd(__m256i acc, __m256i u, __m256i y) {
    return _mm256_dpbusd_avx_epi32(acc, u, y);
  }
};
using AvxVnniOps = int_dot::VnniOps<DpbusdVex>;

}  // namespace

float vec_dot_iq4_xs_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_iq4_xs<AvxVnniOps>(n, w, x);
}
float vec_dot_q4_1_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<AvxVnniOps, BlockQ4_1>(n, w, x);
}
float vec_dot_q5_1_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_with_min<AvxVnniOps, BlockQ5_1>(n, w, x);
}
float vec_dot_q5_0_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<AvxVnniOps, BlockQ5_0>(n, w, x);
}
float vec_dot_iq4_nl_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_symmetric<AvxVnniOps, BlockIQ4_NL>(n, w, x);
}
float vec_dot_q2_k_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q2_k<AvxVnniOps>(n, w, x);
}
float vec_dot_q3_k_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q3_k<AvxVnniOps>(n, w, x);
}
float vec_dot_q5_k_avxvnni(int64_t n, const void* w, const void* x) {
  return int_dot::dot_q5_k<AvxVnniOps>(n, w, x);
}

}  // namespace ys::cpu
