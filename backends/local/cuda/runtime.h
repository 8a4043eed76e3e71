// The CUDA runtime seen from the rest of the engine, without CUDA headers: which device is there,
// how much memory it has, and the stream type kernels are queued on.
//
// probe_device() is the one check callers make before anything else: without a device (no driver,
// cudaGetDeviceCount fails or finds none) it returns an Error whose message says so in one line,
// which GPU tests print when they skip. Thread-safe (the runtime is).
#pragma once

#include <cstddef>
#include <string>

#include "harness/core/expected.h"

struct CUstream_st;  // cudaStream_t is CUstream_st*

namespace ys::cuda {

using Stream = CUstream_st*;  // nullptr: the default stream

struct DeviceInfo {
  std::string name;
  int compute_major = 0;
  int compute_minor = 0;
  int n_multiprocessors = 0;
  size_t total_bytes = 0;
};

// Device 0 (the engine uses one device).
Expected<DeviceInfo> probe_device();

struct DeviceMemory {
  size_t free_bytes = 0;
  size_t total_bytes = 0;
};
Expected<DeviceMemory> device_memory();

// Waits for all queued work on the device; reports the first asynchronous error.
Status synchronize();

}  // namespace ys::cuda
