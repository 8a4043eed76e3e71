// Tensor sizes from the block geometry of cpu/tensor_type.h (ggml's layouts, docs/engine-gguf.md).
#include <limits>

#include "backends/local/gguf/gguf.h"

namespace ys::gguf {
bool type_geometry(GgmlType type, int64_t* block_elems, int64_t* block_bytes) {
  if (!cpu::type_known(type)) return false;
  if (block_elems) *block_elems = cpu::type_block_elems(type);
  if (block_bytes) *block_bytes = static_cast<int64_t>(cpu::type_block_bytes(type));
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
