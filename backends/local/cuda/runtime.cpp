#include "backends/local/cuda/runtime.h"

#include "backends/local/cuda/cuda_check.h"

namespace ys::cuda {

Expected<DeviceInfo> probe_device() {
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    return Error{std::string("no CUDA device: cudaGetDeviceCount: ") + cudaGetErrorString(err)};
  }
  if (count == 0) return Error{"no CUDA device: cudaGetDeviceCount found 0 devices"};
  cudaDeviceProp prop{};
  if (Status s = cuda_status(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties"); !s) {
    return s.error();
  }
  return DeviceInfo{prop.name, prop.major, prop.minor, prop.multiProcessorCount,
                    prop.totalGlobalMem};
}

Expected<DeviceMemory> device_memory() {
  DeviceMemory m;
  if (Status s = cuda_status(cudaMemGetInfo(&m.free_bytes, &m.total_bytes), "cudaMemGetInfo"); !s) {
    return s.error();
  }
  return m;
}

Status synchronize() {
  return cuda_status(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
}

}  // namespace ys::cuda
