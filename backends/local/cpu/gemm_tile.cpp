#include "backends/local/cpu/gemm_tile.h"

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

GemmTile gemm_tile(TensorType weight_type) {
  if (!cpu_has_avx2()) return {};
  // The 32-value block tiles have AVX2, AVX-VNNI and AVX-512 VNNI versions, the K-quant ones
  // AVX2 and AVX-512 VNNI, the IQ4_XS and F16 ones AVX2 only.
  const auto pick = [](GemmTileFn a2, GemmTileFn vnni, GemmTileFn a512) {
    return pick_kernel<GemmTileFn>(nullptr, a2, vnni, a512);
  };
  switch (weight_type) {
    case TensorType::Q8_0:
      return {pick(gemm_tile_q8_0_avx2, gemm_tile_q8_0_avxvnni, gemm_tile_q8_0_avx512), 4, 3,
              TensorType::Q8_0};
    case TensorType::Q4_0:
      return {pick(gemm_tile_q4_0_avx2, gemm_tile_q4_0_avxvnni, gemm_tile_q4_0_avx512), 4, 3,
              TensorType::Q8_0};
    case TensorType::Q5_0:
      return {pick(gemm_tile_q5_0_avx2, gemm_tile_q5_0_avxvnni, gemm_tile_q5_0_avx512), 4, 3,
              TensorType::Q8_0};
    case TensorType::IQ4_NL:
      return {pick(gemm_tile_iq4_nl_avx2, gemm_tile_iq4_nl_avxvnni, gemm_tile_iq4_nl_avx512), 4, 3,
              TensorType::Q8_0};
    case TensorType::Q4_1:
      return {pick(gemm_tile_q4_1_avx2, gemm_tile_q4_1_avxvnni, gemm_tile_q4_1_avx512), 4, 3,
              TensorType::Q8_1};
    case TensorType::Q5_1:
      return {pick(gemm_tile_q5_1_avx2, gemm_tile_q5_1_avxvnni, gemm_tile_q5_1_avx512), 4, 3,
              TensorType::Q8_1};
    case TensorType::Q4_K:
      return {pick(gemm_tile_q4_k_avx2, nullptr, gemm_tile_q4_k_avx512), 4, 2, TensorType::Q8_K};
    case TensorType::Q5_K:
      return {pick(gemm_tile_q5_k_avx2, nullptr, gemm_tile_q5_k_avx512), 4, 2, TensorType::Q8_K};
    case TensorType::Q6_K:
      return {pick(gemm_tile_q6_k_avx2, nullptr, gemm_tile_q6_k_avx512), 4, 2, TensorType::Q8_K};
    case TensorType::IQ4_XS:
      return {gemm_tile_iq4_xs_avx2, 4, 2, TensorType::Q8_K};
    case TensorType::F16:
      return {gemm_tile_f16_avx2, 4, 3, TensorType::F16};
    default:
      return {};
  }
}

TensorType matmul_input_type(TensorType weight_type) {
  const GemmTile t = gemm_tile(weight_type);
  return t.fn ? t.act_type : vec_dot_type(weight_type);
}

}  // namespace ys::cpu
