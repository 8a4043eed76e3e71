// The CUDA engine's kernels: one params struct and one launcher per op, mirroring the CPU engine's
// scalar references (model/ops.h, cpu/quantize.h, cpu/vec_dot.h). All pointers in a params struct
// are device pointers; shapes are row-major, rows contiguous.
//
//   rms_norm:  y[r] = x[r] / sqrt(mean(x[r]^2) + eps) * w           x, y: [n_rows][n]; w: [n]
//   rope:      rotates pairs of the first n_rot dims of each head by t_i = pos * base^(-2i/n_rot)
//              * freq_scale / freq_factors[i] (theta built by repeated multiplication, as the CPU
//              does); norm pairs (2i, 2i+1), neox pairs (i, i + n_rot/2)
//                                                      x: [n_tokens][n_heads * head_dim]; pos:
//                                                      [n_tokens]
//   swiglu:    gate[i] = gate[i] / (1 + exp(-gate[i])) * up[i]
//   add:       x[i] += y[i]                                          (residual)
//   quantize:  a float row -> F16 (round to nearest even) or Q8_0 blocks (cpu/quantize.h rules)
//   matvec:    y[t][r] = W[r] . x[t]      W: [n_rows][n_cols] in `type`; x: [n_tokens][n_cols]
//              float, converted to the type's vec_dot_type in x_scratch first (F16 for F16, Q8_0
//              for Q8_0; integer dot products per block, as cpu/vec_dot.h)
//
// Launchers check their params (validate(), callable without a device), queue the kernel on the
// stream and return launch errors; execution errors surface at the next synchronize(). No
// allocation, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backends/local/cpu/tensor_type.h"
#include "backends/local/cuda/runtime.h"
#include "harness/core/expected.h"

namespace ys::cuda {

struct RmsNormParams {
  const float* x = nullptr;
  const float* w = nullptr;
  float* y = nullptr;
  int64_t n = 0;
  int64_t n_rows = 0;
  float eps = 1e-6f;
};

struct RopeParams {
  float* x = nullptr;
  const int32_t* pos = nullptr;
  const float* freq_factors = nullptr;  // [n_rot / 2] divisors, or null
  int n_tokens = 0;
  int n_heads = 0;
  int head_dim = 0;
  int n_rot = 0;
  float base = 10000.0f;
  float freq_scale = 1.0f;
  bool neox = false;
};

struct SwigluParams {
  float* gate = nullptr;
  const float* up = nullptr;
  int64_t n = 0;
};

struct AddParams {
  float* x = nullptr;
  const float* y = nullptr;
  int64_t n = 0;
};

struct QuantizeParams {
  cpu::TensorType type = cpu::TensorType::Q8_0;  // F16 or Q8_0
  const float* x = nullptr;
  void* y = nullptr;  // n_rows rows of type_row_bytes(type, n)
  int64_t n = 0;
  int64_t n_rows = 1;
};

struct MatvecParams {
  cpu::TensorType type = cpu::TensorType::F32;  // F32, F16 or Q8_0 so far
  const void* w = nullptr;
  const float* x = nullptr;
  void* x_scratch = nullptr;  // matvec_scratch_bytes(type, n_cols, n_tokens); unused for F32
  float* y = nullptr;
  int64_t n_rows = 0;
  int64_t n_cols = 0;
  int64_t n_tokens = 1;
};

Status validate(const RmsNormParams& p);
Status validate(const RopeParams& p);
Status validate(const SwigluParams& p);
Status validate(const AddParams& p);
Status validate(const QuantizeParams& p);
Status validate(const MatvecParams& p);

// True for the weight types matvec() handles.
bool matvec_supports(cpu::TensorType type);
// Device bytes matvec needs in x_scratch for these activations (0 for F32).
size_t matvec_scratch_bytes(cpu::TensorType type, int64_t n_cols, int64_t n_tokens);

Status rms_norm(const RmsNormParams& p, Stream stream = nullptr);
Status rope(const RopeParams& p, Stream stream = nullptr);
Status swiglu(const SwigluParams& p, Stream stream = nullptr);
Status add(const AddParams& p, Stream stream = nullptr);
Status quantize(const QuantizeParams& p, Stream stream = nullptr);
Status matvec(const MatvecParams& p, Stream stream = nullptr);

}  // namespace ys::cuda
