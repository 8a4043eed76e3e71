// rms_norm: x, y [n_rows][n], w [n]. One block per row; sum of squares in float per thread,
// reduced across the block.
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"
#include "backends/local/cuda/warp.cuh"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void rms_norm_kernel(RmsNormParams p) {
  const int64_t row = blockIdx.x;
  const float* x = p.x + row * p.n;
  float* y = p.y + row * p.n;
  float sum = 0.0f;
  for (int64_t i = threadIdx.x; i < p.n; i += blockDim.x) sum += x[i] * x[i];
  sum = block_sum(sum);
  const float scale = 1.0f / sqrtf(sum / static_cast<float>(p.n) + p.eps);
  for (int64_t i = threadIdx.x; i < p.n; i += blockDim.x) y[i] = (x[i] * scale) * p.w[i];
}

}  // namespace

Status launch_rms_norm(const RmsNormParams& p, Stream stream) {
  rms_norm_kernel<<<static_cast<unsigned>(p.n_rows), kThreads, 0, stream>>>(p);
  return launch_status("rms_norm");
}

}  // namespace ys::cuda::detail
