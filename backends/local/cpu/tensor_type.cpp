#include "backends/local/cpu/tensor_type.h"

#include <cctype>

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
    {TensorType::Q4_1, "q4_1", kQK32, sizeof(BlockQ4_1), TensorType::Q8_1},
    {TensorType::Q5_0, "q5_0", kQK32, sizeof(BlockQ5_0), TensorType::Q8_0},
    {TensorType::Q5_1, "q5_1", kQK32, sizeof(BlockQ5_1), TensorType::Q8_1},
    {TensorType::IQ4_NL, "iq4_nl", kQK32, sizeof(BlockIQ4_NL), TensorType::Q8_0},
    {TensorType::Q8_1, "q8_1", kQK32, sizeof(BlockQ8_1), TensorType::Q8_1},
    {TensorType::Q2_K, "q2_K", kQK_K, sizeof(BlockQ2_K), TensorType::Q8_K},
    {TensorType::Q3_K, "q3_K", kQK_K, sizeof(BlockQ3_K), TensorType::Q8_K},
    {TensorType::Q4_K, "q4_K", kQK_K, sizeof(BlockQ4_K), TensorType::Q8_K},
    {TensorType::Q5_K, "q5_K", kQK_K, sizeof(BlockQ5_K), TensorType::Q8_K},
    {TensorType::Q6_K, "q6_K", kQK_K, sizeof(BlockQ6_K), TensorType::Q8_K},
    {TensorType::IQ4_XS, "iq4_xs", kQK_K, sizeof(BlockIQ4_XS), TensorType::Q8_K},
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

std::optional<TensorType> type_from_name(std::string_view name) {
  for (const auto& t : kTypes) {
    const std::string_view known = t.name;
    if (known.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < known.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(known[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return t.type;
  }
  return std::nullopt;
}

std::string weight_type_names() {
  std::string out;
  for (const auto& t : kTypes) {
    if (type_is_activation_only(t.type)) continue;
    out += out.empty() ? "" : ", ";
    out += t.name;
  }
  return out;
}

bool type_is_activation_only(TensorType type) {
  return type == TensorType::Q8_1 || type == TensorType::Q8_K;
}

TensorType vec_dot_type(TensorType weight_type) {
  const auto* t = find(weight_type);
  return t ? t->vec_dot_type : TensorType::F32;
}

}  // namespace ys::cpu
