// Internal to backends/local/cuda: device access to Q8_0 blocks (cpu/blocks.h): 34 bytes, an fp16
// scale d then 32 int8 values. Blocks start at even offsets, so d and pairs of qs are 2-byte
// aligned when the row base is.
#pragma once

#include <cuda_fp16.h>

#include <cstdint>

namespace ys::cuda::detail {

constexpr int kQ8Block = 32;
constexpr int kQ8BlockBytes = 34;

__device__ __forceinline__ float q8_0_scale(const uint8_t* block) {
  return __half2float(__ushort_as_half(*reinterpret_cast<const uint16_t*>(block)));
}

// Four consecutive int8 values j..j+3 (j a multiple of 4) packed into one int for __dp4a.
__device__ __forceinline__ int q8_0_quad(const uint8_t* block, int j) {
  const auto* q = reinterpret_cast<const uint16_t*>(block + 2 + j);
  return static_cast<int>(static_cast<uint32_t>(q[0]) | (static_cast<uint32_t>(q[1]) << 16));
}

}  // namespace ys::cuda::detail
