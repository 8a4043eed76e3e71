// Random but valid weight rows of any tensor type, for the kernel tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

// A random but valid weight row of `type` with n elements: random bytes, with fp16 scales
// replaced by small positive values so the products stay finite.
inline std::vector<uint8_t> random_weights(TensorType type, int64_t n, std::mt19937& rng) {
  std::vector<uint8_t> bytes(type_row_bytes(type, n));
  std::uniform_int_distribution<int> byte(0, 255);
  for (auto& v : bytes) v = static_cast<uint8_t>(byte(rng));
  std::uniform_real_distribution<float> scale(0.001f, 0.05f);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int64_t nb = n / type_block_elems(type);
  auto set_half = [&](uint16_t* p) { *p = float_to_fp16(scale(rng)); };
  for (int64_t b = 0; b < nb; ++b) {
    switch (type) {
      case TensorType::F32:
        reinterpret_cast<float*>(bytes.data())[b] = normal(rng);
        break;
      case TensorType::F16:
        reinterpret_cast<uint16_t*>(bytes.data())[b] = float_to_fp16(normal(rng));
        break;
      case TensorType::BF16:
        reinterpret_cast<uint16_t*>(bytes.data())[b] = float_to_bf16(normal(rng));
        break;
      case TensorType::Q8_0: {
        auto& blk = reinterpret_cast<BlockQ8_0*>(bytes.data())[b];
        set_half(&blk.d);
        for (auto& q : blk.qs) q = q == -128 ? -127 : q;
        break;
      }
      case TensorType::Q4_0:
        set_half(&reinterpret_cast<BlockQ4_0*>(bytes.data())[b].d);
        break;
      case TensorType::Q4_K: {
        auto& blk = reinterpret_cast<BlockQ4_K*>(bytes.data())[b];
        set_half(&blk.d);
        set_half(&blk.dmin);
        break;
      }
      case TensorType::Q5_K: {
        auto& blk = reinterpret_cast<BlockQ5_K*>(bytes.data())[b];
        set_half(&blk.d);
        set_half(&blk.dmin);
        break;
      }
      case TensorType::Q6_K:
        set_half(&reinterpret_cast<BlockQ6_K*>(bytes.data())[b].d);
        break;
      default:
        break;
    }
  }
  return bytes;
}

}  // namespace ys::cpu
