// add: x[i] += y[i] (the residual connections).
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void add_kernel(AddParams p) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < p.n) p.x[i] += p.y[i];
}

}  // namespace

Status launch_add(const AddParams& p, Stream stream) {
  const auto blocks = static_cast<unsigned>((p.n + kThreads - 1) / kThreads);
  add_kernel<<<blocks, kThreads, 0, stream>>>(p);
  return launch_status("add");
}

}  // namespace ys::cuda::detail
