#include "backends/local/cuda/device_buffer.h"

#include <string>
#include <utility>

#include "backends/local/cuda/cuda_check.h"

namespace ys::cuda {

namespace {

Status check_range(size_t offset, size_t n_bytes, size_t size_bytes, const char* what) {
  if (offset > size_bytes || n_bytes > size_bytes - offset) {
    return Error{std::string(what) + ": range [" + std::to_string(offset) + ", +" +
                 std::to_string(n_bytes) + ") past the buffer's " + std::to_string(size_bytes) +
                 " bytes"};
  }
  return ok_status();
}

}  // namespace

Expected<DeviceBuffer> DeviceBuffer::allocate(size_t size_bytes) {
  DeviceBuffer buf;
  if (size_bytes == 0) return buf;
  const std::string what = "cudaMalloc of " + std::to_string(size_bytes) + " bytes";
  if (Status s = cuda_status(cudaMalloc(&buf.data_, size_bytes), what.c_str()); !s) {
    return s.error();
  }
  buf.size_bytes_ = size_bytes;
  return buf;
}

DeviceBuffer::DeviceBuffer(DeviceBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_bytes_(std::exchange(other.size_bytes_, 0)) {}

DeviceBuffer& DeviceBuffer::operator=(DeviceBuffer&& other) noexcept {
  if (this != &other) {
    reset();
    data_ = std::exchange(other.data_, nullptr);
    size_bytes_ = std::exchange(other.size_bytes_, 0);
  }
  return *this;
}

DeviceBuffer::~DeviceBuffer() {
  reset();
}

void DeviceBuffer::reset() {
  if (data_) cudaFree(data_);  // an error here has nowhere to go; the context is torn down anyway
  data_ = nullptr;
  size_bytes_ = 0;
}

Status DeviceBuffer::upload(const void* host, size_t n_bytes, size_t offset) {
  if (Status s = check_range(offset, n_bytes, size_bytes_, "upload"); !s) return s;
  if (n_bytes == 0) return ok_status();
  return cuda_status(
      cudaMemcpy(static_cast<char*>(data_) + offset, host, n_bytes, cudaMemcpyHostToDevice),
      "cudaMemcpy to device");
}

Status DeviceBuffer::download(void* host, size_t n_bytes, size_t offset) const {
  if (Status s = check_range(offset, n_bytes, size_bytes_, "download"); !s) return s;
  if (n_bytes == 0) return ok_status();
  return cuda_status(
      cudaMemcpy(host, static_cast<const char*>(data_) + offset, n_bytes, cudaMemcpyDeviceToHost),
      "cudaMemcpy to host");
}

Status DeviceBuffer::copy_from(const DeviceBuffer& src, size_t n_bytes) {
  if (Status s = check_range(0, n_bytes, size_bytes_, "copy_from (destination)"); !s) return s;
  if (Status s = check_range(0, n_bytes, src.size_bytes_, "copy_from (source)"); !s) return s;
  if (n_bytes == 0) return ok_status();
  return cuda_status(cudaMemcpyAsync(data_, src.data_, n_bytes, cudaMemcpyDeviceToDevice),
                     "cudaMemcpy device to device");
}

}  // namespace ys::cuda
