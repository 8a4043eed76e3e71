// Integer panel matmul for K-quant weights (batches of tokens: prompts and log-likelihood
// contexts). The float panels (gemm_panel.h) multiply dequantized weights with the Q8_K
// activations' values as floats: 8 or 16 products per FMA. Here the weights stay integer levels
// (Q4_K 0..15, Q5_K 0..31, Q6_K 0..63) and the activations stay Q8_K bytes, so one AVX-512
// vpdpbusd makes 64 products (one AVX2 maddubs 32, summed in int16), and each block's sum is
// exact in int32:
//
//   y[t, r] += d_r * d_t * sum_j sc_rj * (sum_{k in j} q_rk * x_tk)  -  dmin_r * d_t * mins
//   mins     = sum_i m_ri * bsum_ti   (i: the sixteen 16-value sums of the Q8_K block)
//
// with, per weight row r and 256-value block, the sub-block scales sc_rj (Q4_K/Q5_K: eight
// 32-value sub-blocks, 6-bit; Q6_K: sixteen 16-value ones, signed 8-bit) and the min terms m_ri
// (Q4_K/Q5_K: the 6-bit min of the sub-block holding i; Q6_K: 32 * sc_ri, the -32 level offset,
// with dmin = d). These are the scalar references' integer sums (vec_dot_scalar.cpp); only the
// float steps of each block (two products and a difference per output) differ in rounding. The
// AVX2 and AVX-512 kernels run the same float steps, so they give the same outputs bit for bit.
//
// Layouts (both built per batch, like the float panels):
//   activations, for each 256-column block kb and each group of kQ8PanelTokens tokens (the last
//   group padded with zeros), one record of kQ8PanelTokens * 292 bytes:
//     bytes [0, 256 * NT): column group g (4 columns) of token lane l at (g * NT + l) * 4
//     then NT floats d, then 8 * NT int32: lane l's bsum pair p (bsums 2p, 2p + 1 as two int16)
//     at (p * NT + l)
//   weights: kQ8PanelRows rows x one block at a time, packed on the stack by the kernel
//   (gemm_q8_panel_pack.h).
// Thread-safe (no state), so threads may take disjoint row ranges of one product.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

constexpr int kQ8PanelRows = 32;   // two 16-lane vectors of rows (AVX2: four of 8)
constexpr int kQ8PanelTokens = 6;  // tokens per register tile (2 x 6 accumulator pairs)
constexpr size_t kQ8PanelRecordBytes = kQ8PanelTokens * sizeof(BlockQ8_K);  // 292 per token

// Whether the integer panels run for this weight type on this CPU: Q4_K, Q5_K and Q6_K on the
// avx2, avxvnni and avx512 paths (cpu_features.h). Other types keep the float panels.
bool q8_panel_supported(TensorType weight_type);

// Bytes of packed activations for b tokens of `cols` columns (a multiple of 256).
size_t q8_panel_packed_bytes(int64_t b, int64_t cols);

// Writes token t's Q8_K row (cols / 256 blocks) into the packed activations `out`; the padding
// lanes of the last token group must be zeroed with q8_panel_clear_padding. Plain C++.
void q8_panel_put_row(const BlockQ8_K* row, int64_t t, int64_t b, int64_t cols, uint8_t* out);
void q8_panel_clear_padding(int64_t b, int64_t cols, uint8_t* out);

// W rows [r0, r1) (type Q4_K, Q5_K or Q6_K, at w + r * row_bytes) times the packed activations
// of b tokens -> y[t * y_stride + r], with the path's kernel; call only when
// q8_panel_supported(type).
void q8_panel_rows(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols, int64_t r0,
                   int64_t r1, const uint8_t* xp, int64_t b, float* y, int64_t y_stride);

// The kernels: AVX2 (also the avxvnni path's) and AVX-512 VNNI.
void q8_panel_rows_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols,
                        int64_t r0, int64_t r1, const uint8_t* xp, int64_t b, float* y,
                        int64_t y_stride);
void q8_panel_rows_avx512(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols,
                          int64_t r0, int64_t r1, const uint8_t* xp, int64_t b, float* y,
                          int64_t y_stride);

}  // namespace ys::cpu
