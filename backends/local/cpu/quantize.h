// Activation conversion: a row of n floats -> the vec_dot_type of a weight type, exactly as
// ggml-cpu does on x86 (so logits match llama.cpp to ~1e-6 on quantized models):
//   Q8_0 (blocks of 32): amax = max |x|; d = amax/127 stored as fp16; q =
//   round-half-even(x*127/amax)
//   Q8_1 (blocks of 32): as Q8_0, plus s = fp16(d * sum(q)) with d the float amax/127
//   Q8_K (blocks of 256): m = the signed value of largest magnitude
//   (first on ties);
//        iscale = -127/m; q = min(127, round-half-even(iscale*x)); d = 1/iscale as float;
//        bsums = sums of 16 consecutive q. An all-zero block gives d = 0, q = 0.
//   F16 / BF16: round to nearest even. F32: copy.
// n must be a multiple of the block size. dst must hold type_row_bytes(type, n). No state;
// thread-safe. quantize_row picks the AVX2 version when the CPU has it (identical results).
#pragma once

#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

void quantize_row(TensorType type, const float* x, void* dst, int64_t n);

// Scalar reference versions (the oracle for the AVX2 ones).
void quantize_row_q8_0_scalar(const float* x, void* dst, int64_t n);
void quantize_row_q8_1_scalar(const float* x, void* dst, int64_t n);
void quantize_row_q8_k_scalar(const float* x, void* dst, int64_t n);
void convert_row_f16_scalar(const float* x, void* dst, int64_t n);
void convert_row_bf16_scalar(const float* x, void* dst, int64_t n);

// AVX2 versions; call only when cpu_has_avx2() (see cpu_features.h).
void quantize_row_q8_0_avx2(const float* x, void* dst, int64_t n);
void quantize_row_q8_1_avx2(const float* x, void* dst, int64_t n);
void quantize_row_q8_k_avx2(const float* x, void* dst, int64_t n);
void convert_row_f16_avx2(const float* x, void* dst, int64_t n);

}  // namespace ys::cpu
