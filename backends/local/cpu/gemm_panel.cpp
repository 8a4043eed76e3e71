#include "backends/local/cpu/gemm_panel.h"

#include <algorithm>

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

bool panel_supported(TensorType weight_type) {
  if (!cpu_has_avx2()) return false;
  switch (weight_type) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q8_0:
    case TensorType::Q4_0:
    case TensorType::Q4_1:
    case TensorType::Q5_0:
    case TensorType::Q5_1:
    case TensorType::IQ4_NL:
    case TensorType::Q2_K:
    case TensorType::Q3_K:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
    case TensorType::IQ4_XS:
      return true;
    default:
      return false;
  }
}

size_t panel_packed_floats(int64_t b, int64_t cols) {
  const int64_t n_blocks = (b + kPanelTokens - 1) / kPanelTokens;
  return static_cast<size_t>(n_blocks * kPanelTokens * cols);
}

}  // namespace ys::cpu
