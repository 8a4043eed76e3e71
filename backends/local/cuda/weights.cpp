#include "backends/local/cuda/weights.h"

#include <string>

namespace ys::cuda {

using cpu::TensorType;

bool weight_type_supported(TensorType type) {
  switch (type) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q8_0:
    case TensorType::Q4_0:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
      return true;
    default:
      return false;
  }
}

Expected<size_t> weight_bytes(std::string_view name, TensorType type, int64_t n_rows,
                              int64_t n_cols) {
  const std::string who = "tensor '" + std::string(name) + "'";
  if (!weight_type_supported(type)) {
    const char* tn = cpu::type_known(type) ? cpu::type_name(type) : "unknown";
    return Error{who + ": type " + tn + " (" + std::to_string(static_cast<uint32_t>(type)) +
                 ") cannot be uploaded to the GPU"};
  }
  if (n_rows <= 0 || n_cols <= 0) {
    return Error{who + ": shape [" + std::to_string(n_rows) + ", " + std::to_string(n_cols) +
                 "] is empty or negative"};
  }
  const int64_t block = cpu::type_block_elems(type);
  if (n_cols % block != 0) {
    return Error{who + ": row length " + std::to_string(n_cols) + " is not a multiple of " +
                 cpu::type_name(type) + "'s block of " + std::to_string(block)};
  }
  return cpu::type_row_bytes(type, n_cols) * static_cast<size_t>(n_rows);
}

Expected<DeviceWeight> upload_weight(std::string_view name, TensorType type, int64_t n_rows,
                                     int64_t n_cols, const void* host) {
  auto bytes = weight_bytes(name, type, n_rows, n_cols);
  if (!bytes) return bytes.error();
  auto buf = DeviceBuffer::allocate(*bytes);
  if (!buf) return Error{"tensor '" + std::string(name) + "': " + buf.error().message};
  if (Status s = buf->upload(host, *bytes); !s) {
    return Error{"tensor '" + std::string(name) + "': " + s.error().message};
  }
  return DeviceWeight{type, n_rows, n_cols, std::move(*buf)};
}

}  // namespace ys::cuda
