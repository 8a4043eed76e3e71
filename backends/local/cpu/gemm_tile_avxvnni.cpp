// AVX-VNNI tiles (see gemm_tile.h): the 32-value block types of gemm_tile_q32.h with the VEX
// form of vpdpbusd, for CPUs that have AVX-VNNI but not AVX-512 (the avxvnni path of
// cpu_features.h). Bit-identical to the AVX2 tiles. Compiled with AVX2/FMA/F16C and AVX-VNNI;
// call only when cpu_has_avxvnni().
#include <immintrin.h>

#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/gemm_tile_common.h"
#include "backends/local/cpu/gemm_tile_q32.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu {

namespace {

struct AvxVnniQ32Ops {
  static __m256i dpbusd(__m256i acc, __m256i u, __m256i y) {
    return _mm256_dpbusd_avx_epi32(acc, u, y);
  }
  static __m256i q5_levels(const uint8_t* qs, const uint8_t* qh) { return avx2::q5_levels(qs, qh); }
};

}  // namespace

void gemm_tile_q8_0_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                            size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::U8_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_0_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                            size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::U4_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_0_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                            size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::U5_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_iq4_nl_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                              size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::UIQ4_NL>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_1_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                            size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::U4_1>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_1_avxvnni(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                            size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<AvxVnniQ32Ops, q32_tile::U5_1>(n, w, ws, rm, x, xs, rn, y, ys);
}

}  // namespace ys::cpu
