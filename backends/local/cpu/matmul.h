// Matrix multiplication of a stored weight matrix with a batch of activation rows, the engine's
// main kernel:   W[rows, cols] (type w.type, row-major, in place in the mapped file)
//              x X[b, cols]    (float, row-major: one row per token)
//             -> Y[b, rows]    (float, row-major)
// X is first converted to matmul_input_type(w.type) (quantize.h, gemm_tile.h) into `scratch`, then
// blocks of W rows are split across the pool's threads. A batch of kPanelMinTokens tokens or more
// takes the panel path (gemm_panel.h: weights dequantized once per batch, float products of the
// converted activations); a smaller one uses the register tiles, or one vec_dot per output.
// Results do not depend on the thread count. `scratch` only grows (no allocation once warm).
// Preconditions (asserted): the type is known, cols is a multiple of its block size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/tensor_type.h"
#include "backends/local/cpu/thread_pool.h"

namespace ys::cpu {

struct WeightMatrix {
  TensorType type = TensorType::F32;
  const uint8_t* data = nullptr;
  int64_t rows = 0;  // output features
  int64_t cols = 0;  // input features (contiguous)
  size_t row_bytes = 0;
};

// Activation rows converted to a vec_dot_type: `data` holds b rows of `row_bytes` each. From
// kPanelMinTokens rows up (on AVX2), `values` holds the same rows as floats (the converted values,
// e.g. d * q for Q8_0), for the float panels (gemm_panel.h), and `q8` the Q8_K rows packed for
// the integer panels (gemm_q8_panel.h), each when asked for; otherwise they are null.
struct QuantizedRows {
  TensorType type = TensorType::F32;
  size_t row_bytes = 0;
  const uint8_t* data = nullptr;
  const float* values = nullptr;
  const uint8_t* q8 = nullptr;
};

// The packed forms of a batch's activations that the panel paths use, by weight type:
// kPackQ8 where the integer panels run (q8_panel_supported), else kPackFloats.
enum PanelPacks : unsigned { kPackFloats = 1, kPackQ8 = 2 };
unsigned panel_packs(TensorType weight_type);

// Converts X[b, cols] to `type`, in parallel over rows, into scratch (grown as needed). With b >=
// panel_min_tokens (and AVX2) it also packs the rows in the forms `packs` asks for (kPackQ8 only
// for Q8_K rows; ignored otherwise).
QuantizedRows quantize_rows(ThreadPool& pool, TensorType type, const float* x, int64_t b,
                            int64_t cols, std::vector<uint8_t>& scratch,
                            int64_t panel_min_tokens = kPanelMinTokens,
                            unsigned packs = kPackFloats);

void matmul(ThreadPool& pool, const WeightMatrix& w, const float* x, int64_t b, float* y,
            std::vector<uint8_t>& scratch, int64_t panel_min_tokens = kPanelMinTokens);

// Same, with activations already converted (to reuse one conversion for several matrices that
// share an input, e.g. q/k/v or gate/up). xq.type must be matmul_input_type(w.type)
// (gemm_tile.h) or vec_dot_type(w.type). The integer panels run when xq.q8 is set and support
// the weight type, else the float panels when xq.values is set.
void matmul_quantized(ThreadPool& pool, const WeightMatrix& w, const QuantizedRows& xq, int64_t b,
                      float* y);

// Several matrices with the same input (q/k/v, gate/up; at most 4) in one pass: their row blocks
// are split across the threads together, so the threads meet once instead of once per matrix
// (generation runs eight matmuls per layer, each ending in a wait for the slowest thread). Each
// output is computed exactly as matmul_quantized computes it.
struct MatmulJob {
  const WeightMatrix* w = nullptr;
  float* y = nullptr;
};
void matmul_quantized_many(ThreadPool& pool, std::span<const MatmulJob> jobs,
                           const QuantizedRows& xq, int64_t b);

}  // namespace ys::cpu
