// matvec F32: W [n_rows][n_cols] float, x [n_tokens][n_cols] -> y [n_tokens][n_rows]. One warp per
// (row, token); lanes stride over the columns, float accumulation, warp reduction.
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"
#include "backends/local/cuda/warp.cuh"

namespace ys::cuda::detail {

namespace {

constexpr int kWarpsPerCta = 4;

__global__ void matvec_f32_kernel(MatvecParams p) {
  const int64_t row = static_cast<int64_t>(blockIdx.x) * kWarpsPerCta + threadIdx.x / kWarp;
  const int64_t token = blockIdx.y;
  if (row >= p.n_rows) return;
  const float* w = static_cast<const float*>(p.w) + row * p.n_cols;
  const float* x = p.x + token * p.n_cols;
  float sum = 0.0f;
  for (int64_t i = threadIdx.x % kWarp; i < p.n_cols; i += kWarp) sum += w[i] * x[i];
  sum = warp_sum(sum);
  if (threadIdx.x % kWarp == 0) p.y[token * p.n_rows + row] = sum;
}

}  // namespace

Status launch_matvec_f32(const MatvecParams& p, Stream stream) {
  const dim3 grid(static_cast<unsigned>((p.n_rows + kWarpsPerCta - 1) / kWarpsPerCta),
                  static_cast<unsigned>(p.n_tokens));
  matvec_f32_kernel<<<grid, kWarpsPerCta * kWarp, 0, stream>>>(p);
  return launch_status("matvec_f32");
}

}  // namespace ys::cuda::detail
