// Weights in device memory, in their own storage formats (no dequantization on upload): a 2-D
// tensor of n_rows rows of n_cols elements of `type`, rows contiguous, exactly as in the GGUF
// file, so kernels read the same bytes the CPU engine reads from the mapped file.
//
// weight_bytes() is the host-side size rule (no device needed); upload_weight() allocates and
// copies, naming the tensor in any error. Types: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K
// (matvec() runs on a subset so far, see kernels.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "backends/local/cpu/tensor_type.h"
#include "backends/local/cuda/device_buffer.h"
#include "harness/core/expected.h"

namespace ys::cuda {

struct DeviceWeight {
  cpu::TensorType type = cpu::TensorType::F32;
  int64_t n_rows = 0;
  int64_t n_cols = 0;
  DeviceBuffer data;
};

// True for the storage types upload_weight() accepts.
bool weight_type_supported(cpu::TensorType type);

// Bytes of a [n_rows][n_cols] tensor of `type`; errors name the tensor and the rule broken
// (unsupported type, non-positive shape, n_cols not a multiple of the block size).
Expected<size_t> weight_bytes(std::string_view name, cpu::TensorType type, int64_t n_rows,
                              int64_t n_cols);

// host holds weight_bytes(...) bytes.
Expected<DeviceWeight> upload_weight(std::string_view name, cpu::TensorType type, int64_t n_rows,
                                     int64_t n_cols, const void* host);

}  // namespace ys::cuda
