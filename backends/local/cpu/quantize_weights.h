// Weight quantization for `engine make-model` and tests: a row of n floats -> any weight type the
// engine reads (F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, IQ4_NL, Q2_K .. Q6_K, IQ4_XS).
//
// Plain round-to-nearest against each block's (or sub-block's) range, with the scales themselves
// quantized as the format stores them. The blocks are valid and dequantize close to the input,
// but this is not llama-quantize's error-minimising search: files made here have the types and
// layouts of real quantized models, not their exact bytes. n must be a multiple of the type's
// block size; dst holds type_row_bytes(type, n). No state; thread-safe.
#pragma once

#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

// False (nothing written) for activation-only or unknown types.
bool quantize_weights_row(TensorType type, const float* x, void* dst, int64_t n);

}  // namespace ys::cpu
