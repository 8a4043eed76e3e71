// swiglu: gate[i] = silu(gate[i]) * up[i], elementwise over n.
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void swiglu_kernel(SwigluParams p) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= p.n) return;
  const float g = p.gate[i];
  p.gate[i] = g / (1.0f + expf(-g)) * p.up[i];
}

}  // namespace

Status launch_swiglu(const SwigluParams& p, Stream stream) {
  const auto blocks = static_cast<unsigned>((p.n + kThreads - 1) / kThreads);
  swiglu_kernel<<<blocks, kThreads, 0, stream>>>(p);
  return launch_status("swiglu");
}

}  // namespace ys::cuda::detail
