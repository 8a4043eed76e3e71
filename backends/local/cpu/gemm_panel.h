// Panel matmul for batches of tokens (prompt processing and log-likelihood contexts).
//
// Weights are dequantized to floats once per panel of kPanelRows rows x kPanelDepth columns,
// stored column by column (16 consecutive floats per column), and used for every token of the
// batch; the product runs as float FMAs in a register tile of 16 rows x kPanelTokens tokens
// (twelve accumulators, the panel column loaded as two vectors, one activation broadcast per
// token). The activations are the tile format's values (quantize_row then dequantize_row), so
// each output is the integer kernels' sum up to float rounding.
//
// Why it is faster on AVX2 without VNNI: an int8 product of 32 values costs about six vector
// instructions (sign, maddubs, madd, convert, scale, fma) where floats need four FMAs, and an
// fp16 weight is converted once per batch instead of once per token tile. Dequantizing a panel
// costs about as much as a few tokens' products, so matmul takes this path from kPanelMinTokens
// tokens up (docs/engine-kernels.md has the measurements).
//
//   W rows [r0, r1) at w + r * row_bytes (weight type), X[b, cols] floats (packed as below)
//   -> y[t * y_stride + r] for every token t < b and row r0 <= r < r1.
// cols must be a multiple of the type's block size. Thread-safe (no state; the packing buffers
// are on the stack), so threads may take disjoint row ranges of one product.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

constexpr int kPanelRows = 16;
constexpr int kPanelTokens = 6;
constexpr int64_t kPanelDepth = 256;  // columns per panel: a multiple of every block size
// Measured with matmul_bench on the 0.5B layer shapes (two threads, alternating runs): the tiles
// were faster at 32 and 48 tokens, the panels from 64 (Q8_0) to 96 (F16) tokens up.
constexpr int64_t kPanelMinTokens = 64;

// Whether the panel path can run for this weight type on this CPU (AVX2 and a dequantizer).
bool panel_supported(TensorType weight_type);

// Packed activations: for each chunk of kPanelDepth columns (k0 = 0, kPanelDepth, ...; the last
// one may be shorter) and each block of kPanelTokens tokens, the chunk's columns one after the
// other, each as the block's kPanelTokens values (the last block padded): token t, column k at
//   (k0 * n_blocks + (t / kPanelTokens) * kc) * kPanelTokens + (k - k0) * kPanelTokens
//   + t % kPanelTokens,   n_blocks = ceil(b / kPanelTokens), kc = min(kPanelDepth, cols - k0).
// The kernel then reads one sequential stream instead of kPanelTokens rows far apart.
size_t panel_packed_floats(int64_t b, int64_t cols);
// Writes token t's values into the packed activations `out`: `row` holds them converted to
// `type` (any type dequantize_row reads, F32 included). AVX2; call only when cpu_has_avx2().
void panel_put_row_avx2(TensorType type, const uint8_t* row, int64_t t, int64_t b, int64_t cols,
                        float* out);

// AVX2; call only when panel_supported(type). xp: the packed activations of b tokens.
// avx512: multiply pairs of token blocks with the AVX-512 tile (panel_pair_avx512; call only
// when cpu_has_avx512()). The outputs are bit-identical either way.
void panel_rows_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols, int64_t r0,
                     int64_t r1, const float* xp, int64_t b, float* y, int64_t y_stride,
                     bool avx512);

// The AVX-512 tile (gemm_panel_avx512.cpp): two blocks of packed activations, x0 (kPanelTokens
// tokens) and x1 (nt2 tokens, 0..kPanelTokens), times a panel of kc columns -> y[t * y_stride +
// i] for the 6 + nt2 tokens in order, added to y when `add`; the outputs of the next pair
// (y_next, may be null) are fetched meanwhile. Call only when cpu_has_avx512().
void panel_pair_avx512(int nt2, int64_t kc, const float* panel, const float* x0, const float* x1,
                       float* y, int64_t y_stride, bool add, const float* y_next);

// One register tile on its own, for other products built on the panels (prompt attention): nt
// (1..kPanelTokens) tokens of one block of packed activations `xp` (kc columns) times a panel of
// kc columns of 16 values -> y[t * y_stride + i], i < 16, added to y when `add`. AVX2.
void panel_tile_avx2(int nt, int64_t kc, const float* panel, const float* xp, float* y,
                     int64_t y_stride, bool add);

// The weight panel alone, for tests: rows [r0, r0 + 16) (rows past `rows` are zeros), columns
// [k0, k0 + kc) -> out[k * 16 + i]. `tmp` holds 16 * kc floats.
void panel_pack_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int rows, int64_t k0,
                     int64_t kc, float* tmp, float* out);

}  // namespace ys::cpu
