#include "backends/local/cpu/tensor_type.h"

#include "backends/local/cpu/blocks.h"

namespace ys::cpu {

namespace {

struct TypeGeometry {
  TensorType type;
  const char* name;
  int64_t block_elems;
  size_t block_bytes;
  TensorType vec_dot_type;
};

// One row per supported type.
constexpr TypeGeometry kTypes[] = {
    {TensorType::F32, "f32", 1, 4, TensorType::F32},
    {TensorType::F16, "f16", 1, 2, TensorType::F16},
    {TensorType::BF16, "bf16", 1, 2, TensorType::BF16},
    {TensorType::Q8_0, "q8_0", kQK8_0, sizeof(BlockQ8_0), TensorType::Q8_0},
    {TensorType::Q4_0, "q4_0", kQK4_0, sizeof(BlockQ4_0), TensorType::Q8_0},
    {TensorType::Q4_K, "q4_K", kQK_K, sizeof(BlockQ4_K), TensorType::Q8_K},
    {TensorType::Q5_K, "q5_K", kQK_K, sizeof(BlockQ5_K), TensorType::Q8_K},
    {TensorType::Q6_K, "q6_K", kQK_K, sizeof(BlockQ6_K), TensorType::Q8_K},
    {TensorType::Q8_K, "q8_K", kQK_K, sizeof(BlockQ8_K), TensorType::Q8_K},
};

const TypeGeometry* find(TensorType type) {
  for (const auto& t : kTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

}  // namespace

bool type_known(TensorType type) {
  return find(type) != nullptr;
}

const char* type_name(TensorType type) {
  const auto* t = find(type);
  return t ? t->name : "unknown";
}

int64_t type_block_elems(TensorType type) {
  const auto* t = find(type);
  return t ? t->block_elems : 0;
}

size_t type_block_bytes(TensorType type) {
  const auto* t = find(type);
  return t ? t->block_bytes : 0;
}

size_t type_row_bytes(TensorType type, int64_t n) {
  const auto* t = find(type);
  if (!t) return 0;
  return static_cast<size_t>(n / t->block_elems) * t->block_bytes;
}

TensorType vec_dot_type(TensorType weight_type) {
  const auto* t = find(weight_type);
  return t ? t->vec_dot_type : TensorType::F32;
}

}  // namespace ys::cpu
