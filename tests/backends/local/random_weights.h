// For the kernel tests: random but valid weight rows of any tensor type, and the matmul they
// should produce, computed independently in double.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/quantize.h"
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
      case TensorType::Q4_1: {
        auto& blk = reinterpret_cast<BlockQ4_1*>(bytes.data())[b];
        set_half(&blk.d);
        blk.m = float_to_fp16(-8.0f * scale(rng));
        break;
      }
      case TensorType::Q5_1: {
        auto& blk = reinterpret_cast<BlockQ5_1*>(bytes.data())[b];
        set_half(&blk.d);
        blk.m = float_to_fp16(-16.0f * scale(rng));
        break;
      }
      case TensorType::Q5_0:
        set_half(&reinterpret_cast<BlockQ5_0*>(bytes.data())[b].d);
        break;
      case TensorType::IQ4_NL:
        set_half(&reinterpret_cast<BlockIQ4_NL*>(bytes.data())[b].d);
        break;
      case TensorType::Q2_K: {
        auto& blk = reinterpret_cast<BlockQ2_K*>(bytes.data())[b];
        set_half(&blk.d);
        set_half(&blk.dmin);
        break;
      }
      case TensorType::Q3_K:
        set_half(&reinterpret_cast<BlockQ3_K*>(bytes.data())[b].d);
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
      case TensorType::IQ4_XS:
        set_half(&reinterpret_cast<BlockIQ4_XS*>(bytes.data())[b].d);
        break;
      default:
        break;
    }
  }
  return bytes;
}

// What matmul must compute for weight rows w (rows x cols of `type`, packed) and activation rows
// x (b x cols floats): each activation row converted to `act` and back (quantize_row, then
// dequantize_row), each weight row dequantized, products summed in double. out[t * rows + r]
// holds the sum and the sum of the products' magnitudes (for relative bounds).
struct ReferenceDot {
  double sum = 0.0;
  double magnitude = 0.0;
};
inline std::vector<ReferenceDot> reference_matmul(TensorType type, const uint8_t* w, int64_t rows,
                                                  int64_t cols, TensorType act, const float* x,
                                                  int64_t b) {
  const size_t rb = type_row_bytes(type, cols);
  std::vector<float> wf(static_cast<size_t>(rows * cols)), xrow(static_cast<size_t>(cols));
  for (int64_t r = 0; r < rows; ++r) dequantize_row(type, w + r * rb, &wf[r * cols], cols);
  std::vector<uint8_t> xconv(type_row_bytes(act, cols));
  std::vector<ReferenceDot> out(static_cast<size_t>(b * rows));
  for (int64_t t = 0; t < b; ++t) {
    quantize_row(act, x + t * cols, xconv.data(), cols);
    dequantize_row(act, xconv.data(), xrow.data(), cols);
    for (int64_t r = 0; r < rows; ++r) {
      ReferenceDot& d = out[t * rows + r];
      for (int64_t i = 0; i < cols; ++i) {
        const double p = static_cast<double>(wf[r * cols + i]) * xrow[i];
        d.sum += p;
        d.magnitude += std::fabs(p);
      }
    }
  }
  return out;
}

}  // namespace ys::cpu
