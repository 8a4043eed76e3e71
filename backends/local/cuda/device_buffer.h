// DeviceBuffer: owns one cudaMalloc'd allocation; freed on destruction. Move-only.
//
//   auto buf = DeviceBuffer::allocate(n * sizeof(float));   // Expected<DeviceBuffer>
//   buf->upload(host, n * sizeof(float));                   // synchronous copies
//
// Errors (out of memory, no device, a range past the end) are values naming the operation and
// sizes. Copies are synchronous on the default stream. Not thread-safe per object.
#pragma once

#include <cstddef>

#include "harness/core/expected.h"

namespace ys::cuda {

class DeviceBuffer {
 public:
  static Expected<DeviceBuffer> allocate(size_t size_bytes);

  DeviceBuffer() = default;
  DeviceBuffer(DeviceBuffer&& other) noexcept;
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept;
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  ~DeviceBuffer();

  void* data() const { return data_; }
  template <typename T>
  T* as() const {
    return static_cast<T*>(data_);
  }
  size_t size_bytes() const { return size_bytes_; }

  // Copy n_bytes between host memory and [offset, offset + n_bytes) of this buffer.
  Status upload(const void* host, size_t n_bytes, size_t offset = 0);
  Status download(void* host, size_t n_bytes, size_t offset = 0) const;
  // Device-to-device copy of src's first n_bytes to the start of this buffer (queued; the
  // default stream orders it before later work).
  Status copy_from(const DeviceBuffer& src, size_t n_bytes);

 private:
  void reset();
  void* data_ = nullptr;
  size_t size_bytes_ = 0;
};

}  // namespace ys::cuda
