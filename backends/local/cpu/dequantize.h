// Dequantization: a row of n stored values of any known type -> n floats. Exact (every format is
// a scale times a small integer, evaluated in float as ggml's reference code does). n must be a
// multiple of the type's block size; the caller guarantees src holds type_row_bytes(type, n).
// Used for embedding lookups and as the reference that the dot-product kernels are tested
// against. Thread-safe (no state).
#pragma once

#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

void dequantize_row(TensorType type, const void* src, float* dst, int64_t n);

}  // namespace ys::cpu
