// matvec F16: W [n_rows][n_cols] fp16, x converted to fp16 in x_scratch (as the CPU converts its
// activations) -> y [n_tokens][n_rows]. One warp per (row, token); products in float.
#include <cuda_fp16.h>

#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"
#include "backends/local/cuda/warp.cuh"

namespace ys::cuda::detail {

namespace {

constexpr int kWarpsPerCta = 4;

__global__ void matvec_f16_kernel(MatvecParams p) {
  const int64_t row = static_cast<int64_t>(blockIdx.x) * kWarpsPerCta + threadIdx.x / kWarp;
  const int64_t token = blockIdx.y;
  if (row >= p.n_rows) return;
  const __half* w = static_cast<const __half*>(p.w) + row * p.n_cols;
  const __half* x = static_cast<const __half*>(p.x_scratch) + token * p.n_cols;
  float sum = 0.0f;
  for (int64_t i = threadIdx.x % kWarp; i < p.n_cols; i += kWarp) {
    sum += __half2float(w[i]) * __half2float(x[i]);
  }
  sum = warp_sum(sum);
  if (threadIdx.x % kWarp == 0) p.y[token * p.n_rows + row] = sum;
}

}  // namespace

Status launch_matvec_f16(const MatvecParams& p, Stream stream) {
  const dim3 grid(static_cast<unsigned>((p.n_rows + kWarpsPerCta - 1) / kWarpsPerCta),
                  static_cast<unsigned>(p.n_tokens));
  matvec_f16_kernel<<<grid, kWarpsPerCta * kWarp, 0, stream>>>(p);
  return launch_status("matvec_f16");
}

}  // namespace ys::cuda::detail
