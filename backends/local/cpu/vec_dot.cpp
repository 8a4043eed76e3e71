#include "backends/local/cpu/vec_dot.h"

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

namespace {

struct VecDotEntry {
  TensorType type;
  VecDotFn scalar;
  VecDotFn avx2;     // nullptr: no AVX2 version, the scalar one is used
  VecDotFn avx512;   // nullptr: no AVX-512 version, the AVX2 one is used
  VecDotFn avxvnni;  // nullptr: no AVX-VNNI version, the AVX2 one is used
};

// The kernel table: one row per weight type.
constexpr VecDotEntry kVecDots[] = {
    {TensorType::F32, vec_dot_f32_scalar, vec_dot_f32_avx2, nullptr, nullptr},
    {TensorType::F16, vec_dot_f16_scalar, vec_dot_f16_avx2, nullptr, nullptr},
    {TensorType::BF16, vec_dot_bf16_scalar, vec_dot_bf16_avx2, nullptr, nullptr},
    {TensorType::Q8_0, vec_dot_q8_0_scalar, vec_dot_q8_0_avx2, nullptr, nullptr},
    {TensorType::Q4_0, vec_dot_q4_0_scalar, vec_dot_q4_0_avx2, nullptr, nullptr},
    {TensorType::Q4_1, vec_dot_q4_1_scalar, vec_dot_q4_1_avx2, vec_dot_q4_1_avx512,
     vec_dot_q4_1_avxvnni},
    {TensorType::Q5_0, vec_dot_q5_0_scalar, vec_dot_q5_0_avx2, vec_dot_q5_0_avx512,
     vec_dot_q5_0_avxvnni},
    {TensorType::Q5_1, vec_dot_q5_1_scalar, vec_dot_q5_1_avx2, vec_dot_q5_1_avx512,
     vec_dot_q5_1_avxvnni},
    {TensorType::IQ4_NL, vec_dot_iq4_nl_scalar, vec_dot_iq4_nl_avx2, vec_dot_iq4_nl_avx512,
     vec_dot_iq4_nl_avxvnni},
    {TensorType::Q2_K, vec_dot_q2_k_scalar, vec_dot_q2_k_avx2, vec_dot_q2_k_avx512,
     vec_dot_q2_k_avxvnni},
    {TensorType::Q3_K, vec_dot_q3_k_scalar, vec_dot_q3_k_avx2, vec_dot_q3_k_avx512,
     vec_dot_q3_k_avxvnni},
    {TensorType::Q4_K, vec_dot_q4_k_scalar, vec_dot_q4_k_avx2, nullptr, nullptr},
    {TensorType::Q5_K, vec_dot_q5_k_scalar, vec_dot_q5_k_avx2, vec_dot_q5_k_avx512,
     vec_dot_q5_k_avxvnni},
    {TensorType::Q6_K, vec_dot_q6_k_scalar, vec_dot_q6_k_avx2, nullptr, nullptr},
    {TensorType::IQ4_XS, vec_dot_iq4_xs_scalar, vec_dot_iq4_xs_avx2, vec_dot_iq4_xs_avx512,
     vec_dot_iq4_xs_avxvnni},
};

const VecDotEntry* find(TensorType type) {
  for (const auto& e : kVecDots) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

}  // namespace

VecDotFn vec_dot_fn(TensorType weight_type) {
  const auto* e = find(weight_type);
  if (!e) return nullptr;
  return pick_kernel(e->scalar, e->avx2, e->avxvnni, e->avx512);
}

VecDotFn vec_dot_fn_avx2(TensorType weight_type) {
  const auto* e = find(weight_type);
  return e ? e->avx2 : nullptr;
}

VecDotFn vec_dot_fn_avx512(TensorType weight_type) {
  const auto* e = find(weight_type);
  return e ? e->avx512 : nullptr;
}

VecDotFn vec_dot_fn_avxvnni(TensorType weight_type) {
  const auto* e = find(weight_type);
  return e ? e->avxvnni : nullptr;
}

VecDotFn vec_dot_fn_scalar(TensorType weight_type) {
  const auto* e = find(weight_type);
  return e ? e->scalar : nullptr;
}

}  // namespace ys::cpu
