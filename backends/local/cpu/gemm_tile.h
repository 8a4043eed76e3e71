// Register-tiled matmul kernels: a tile of rm weight rows x rn activation rows computed together,
// so each loaded weight block is used rn times and each activation block rm times. Same
// arithmetic per output as the matching vec_dot kernel (integer block sums and one scale product
// per block for Q8_0/Q4_0; fp16-rounded activations for F16), only the float accumulation order
// differs.
//
//   W rows w + i*w_stride (i < rm, n elements each, weight type)
//   X rows x + j*x_stride (j < rn, in the tile's act_type)
//   -> y[j * y_stride + i]
// 1 <= rm <= rows, 1 <= rn <= cols. gemm_tile(type).fn is nullptr where no tiled kernel exists
// (matmul then uses one vec_dot per output) or when the CPU lacks AVX2.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

using GemmTileFn = void (*)(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);

// With one activation row (generation) the tiles fetch the weight rows this many tiles ahead of
// themselves (rows r + kTilePrefetchAhead * rm onwards); matmul fetches a chunk's first ones.
constexpr int kTilePrefetchAhead = 2;

struct GemmTile {
  GemmTileFn fn = nullptr;
  int rows = 1;
  int cols = 1;
  TensorType act_type = TensorType::F32;
};

GemmTile gemm_tile(TensorType weight_type);

// The format matmul converts activations to for this weight type: the tile's act_type when a
// tiled kernel exists, else vec_dot_type(weight_type).
TensorType matmul_input_type(TensorType weight_type);

// AVX2 kernels (gemm_tile_avx2.cpp); call only when cpu_has_avx2(). Shapes: Q8_0, Q4_0, Q5_0
// and IQ4_NL 4x3 with Q8_0 activations, Q4_1 and Q5_1 4x3 with Q8_1 activations, Q4_K, Q5_K and
// Q6_K 4x2 with Q8_K activations, F16 4x3 with F16 activations.
void gemm_tile_q8_0_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_0_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_0_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_iq4_nl_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_1_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_1_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_k_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_k_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_iq4_xs_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q6_k_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                         size_t x_stride, int rn, float* y, int64_t y_stride);
// AVX-512 VNNI versions (gemm_tile_avx512.cpp), same shapes, bit-identical outputs; call only
// when cpu_has_avx512().
void gemm_tile_q8_0_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_0_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_0_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_iq4_nl_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                             size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_1_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_1_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_k_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_k_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q6_k_avx512(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                           size_t x_stride, int rn, float* y, int64_t y_stride);
// AVX-VNNI versions of the 32-value block tiles (gemm_tile_avxvnni.cpp), same shapes,
// bit-identical outputs; call only when cpu_has_avxvnni().
void gemm_tile_q8_0_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q4_0_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_0_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_iq4_nl_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm,
                              const uint8_t* x, size_t x_stride, int rn, float* y,
                              int64_t y_stride);
void gemm_tile_q4_1_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_q5_1_avxvnni(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                            size_t x_stride, int rn, float* y, int64_t y_stride);
void gemm_tile_f16_avx2(int64_t n, const uint8_t* w, size_t w_stride, int rm, const uint8_t* x,
                        size_t x_stride, int rn, float* y, int64_t y_stride);

}  // namespace ys::cpu
