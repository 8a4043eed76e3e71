// Internal to backends/local/cuda: turns a cudaError_t into a Status naming what failed.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "harness/core/expected.h"

namespace ys::cuda {

inline Status cuda_status(cudaError_t err, const char* what) {
  if (err == cudaSuccess) return ok_status();
  return Error{std::string(what) + ": " + cudaGetErrorName(err) + " (" + cudaGetErrorString(err) +
               ")"};
}

// After a kernel launch: configuration errors show up here, execution errors at the next sync.
inline Status launch_status(const char* kernel) {
  return cuda_status(cudaGetLastError(), kernel);
}

}  // namespace ys::cuda
