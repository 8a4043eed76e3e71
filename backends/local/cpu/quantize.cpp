#include "backends/local/cpu/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/fp16.h"
#include "harness/core/expected.h"

namespace ys::cpu {

void quantize_row_q8_0_scalar(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_0*>(dst);
  for (int64_t b = 0; b < n / kQK8_0; ++b, x += kQK8_0) {
    float amax = 0.0f;
    for (int j = 0; j < kQK8_0; ++j) amax = std::max(amax, std::fabs(x[j]));
    const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
    y[b].d = float_to_fp16(amax / 127.0f);
    for (int j = 0; j < kQK8_0; ++j) y[b].qs[j] = static_cast<int8_t>(std::nearbyint(x[j] * id));
  }
}

void quantize_row_q8_1_scalar(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_1*>(dst);
  for (int64_t b = 0; b < n / kQK32; ++b, x += kQK32) {
    float amax = 0.0f;
    for (int j = 0; j < kQK32; ++j) amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / 127.0f;
    const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
    int sum = 0;
    for (int j = 0; j < kQK32; ++j) {
      y[b].qs[j] = static_cast<int8_t>(std::nearbyint(x[j] * id));
      sum += y[b].qs[j];
    }
    y[b].d = float_to_fp16(d);
    y[b].s = float_to_fp16(d * static_cast<float>(sum));
  }
}

void quantize_row_q8_k_scalar(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<BlockQ8_K*>(dst);
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < kQK_K; ++j) {
      if (std::fabs(x[j]) > amax) {
        amax = std::fabs(x[j]);
        max = x[j];
      }
    }
    if (amax == 0.0f) {
      std::memset(&y[b], 0, sizeof(BlockQ8_K));
      continue;
    }
    const float iscale = -127.0f / max;
    for (int j = 0; j < kQK_K; ++j) {
      const float v = std::nearbyint(iscale * x[j]);
      y[b].qs[j] = static_cast<int8_t>(std::min(127.0f, v));
    }
    for (int g = 0; g < kQK_K / 16; ++g) {
      int sum = 0;
      for (int j = 0; j < 16; ++j) sum += y[b].qs[16 * g + j];
      y[b].bsums[g] = static_cast<int16_t>(sum);
    }
    y[b].d = 1.0f / iscale;
  }
}

void convert_row_f16_scalar(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<uint16_t*>(dst);
  for (int64_t i = 0; i < n; ++i) y[i] = float_to_fp16(x[i]);
}

void convert_row_bf16_scalar(const float* x, void* dst, int64_t n) {
  auto* y = static_cast<uint16_t*>(dst);
  for (int64_t i = 0; i < n; ++i) y[i] = float_to_bf16(x[i]);
}

void quantize_row(TensorType type, const float* x, void* dst, int64_t n) {
  const bool fast = cpu_has_avx2();
  switch (type) {
    case TensorType::F32:
      std::memcpy(dst, x, static_cast<size_t>(n) * sizeof(float));
      return;
    case TensorType::F16:
      return fast ? convert_row_f16_avx2(x, dst, n) : convert_row_f16_scalar(x, dst, n);
    case TensorType::BF16:
      return convert_row_bf16_scalar(x, dst, n);
    case TensorType::Q8_0:
      return fast ? quantize_row_q8_0_avx2(x, dst, n) : quantize_row_q8_0_scalar(x, dst, n);
    case TensorType::Q8_1:
      return fast ? quantize_row_q8_1_avx2(x, dst, n) : quantize_row_q8_1_scalar(x, dst, n);
    case TensorType::Q8_K:
      return fast ? quantize_row_q8_k_avx2(x, dst, n) : quantize_row_q8_k_scalar(x, dst, n);
    default:
      break;
  }
  YS_ASSERT(false, "quantize_row: not an activation type");
}

}  // namespace ys::cpu
