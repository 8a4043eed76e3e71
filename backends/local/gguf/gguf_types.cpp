// Tensor type names and block geometry (ggml's block layouts, see docs/engine-gguf.md).
#include <limits>

#include "backends/local/gguf/gguf.h"

namespace ys::gguf {
namespace {

struct TypeRow {
  GgmlType type;
  const char* name;
  int64_t block_elems;
  int64_t block_bytes;
};

constexpr TypeRow kTypes[] = {
    {GgmlType::F32, "f32", 1, 4},         {GgmlType::F16, "f16", 1, 2},
    {GgmlType::Q4_0, "q4_0", 32, 18},     {GgmlType::Q4_1, "q4_1", 32, 20},
    {GgmlType::Q5_0, "q5_0", 32, 22},     {GgmlType::Q5_1, "q5_1", 32, 24},
    {GgmlType::Q8_0, "q8_0", 32, 34},     {GgmlType::Q8_1, "q8_1", 32, 36},
    {GgmlType::Q2_K, "q2_K", 256, 84},    {GgmlType::Q3_K, "q3_K", 256, 110},
    {GgmlType::Q4_K, "q4_K", 256, 144},   {GgmlType::Q5_K, "q5_K", 256, 176},
    {GgmlType::Q6_K, "q6_K", 256, 210},   {GgmlType::Q8_K, "q8_K", 256, 292},
    {GgmlType::IQ4_NL, "iq4_nl", 32, 18}, {GgmlType::BF16, "bf16", 1, 2},
};

const TypeRow* find_type(GgmlType type) {
  for (const TypeRow& row : kTypes) {
    if (row.type == type) return &row;
  }
  return nullptr;
}

}  // namespace

const char* type_name(GgmlType type) {
  const TypeRow* row = find_type(type);
  return row ? row->name : "unknown";
}

bool type_geometry(GgmlType type, int64_t* block_elems, int64_t* block_bytes) {
  const TypeRow* row = find_type(type);
  if (!row) return false;
  if (block_elems) *block_elems = row->block_elems;
  if (block_bytes) *block_bytes = row->block_bytes;
  return true;
}

std::optional<uint64_t> tensor_size_bytes(GgmlType type, const std::vector<int64_t>& dims) {
  int64_t block_elems = 0;
  int64_t block_bytes = 0;
  if (!type_geometry(type, &block_elems, &block_bytes)) return std::nullopt;
  if (dims.empty() || dims[0] <= 0 || dims[0] % block_elems != 0) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t blocks = dims[0] / block_elems;
  for (size_t i = 1; i < dims.size(); ++i) {
    if (dims[i] <= 0 || blocks > kMax / dims[i]) return std::nullopt;
    blocks *= dims[i];
  }
  if (blocks > kMax / block_bytes) return std::nullopt;
  return static_cast<uint64_t>(blocks * block_bytes);
}

int64_t TensorInfo::n_elements() const {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

}  // namespace ys::gguf
