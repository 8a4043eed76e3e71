// matvec Q8_0: W [n_rows] rows of n_cols/32 Q8_0 blocks, x quantized to Q8_0 in x_scratch ->
// y [n_tokens][n_rows]. One warp per (row, token); each lane takes whole blocks, an int8 dot
// product with __dp4a per block, scaled once by d_w * d_x (cpu/vec_dot.h's order within a block).
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"
#include "backends/local/cuda/q8_0.cuh"
#include "backends/local/cuda/warp.cuh"

namespace ys::cuda::detail {

namespace {

constexpr int kWarpsPerCta = 4;

__global__ void matvec_q8_0_kernel(MatvecParams p) {
  const int64_t row = static_cast<int64_t>(blockIdx.x) * kWarpsPerCta + threadIdx.x / kWarp;
  const int64_t token = blockIdx.y;
  if (row >= p.n_rows) return;
  const int64_t n_blocks = p.n_cols / kQ8Block;
  const auto* w = static_cast<const uint8_t*>(p.w) + row * n_blocks * kQ8BlockBytes;
  const auto* x = static_cast<const uint8_t*>(p.x_scratch) + token * n_blocks * kQ8BlockBytes;
  float sum = 0.0f;
  for (int64_t b = threadIdx.x % kWarp; b < n_blocks; b += kWarp) {
    const uint8_t* wb = w + b * kQ8BlockBytes;
    const uint8_t* xb = x + b * kQ8BlockBytes;
    int isum = 0;
    for (int j = 0; j < kQ8Block; j += 4) isum = __dp4a(q8_0_quad(wb, j), q8_0_quad(xb, j), isum);
    sum += q8_0_scale(wb) * q8_0_scale(xb) * static_cast<float>(isum);
  }
  sum = warp_sum(sum);
  if (threadIdx.x % kWarp == 0) p.y[token * p.n_rows + row] = sum;
}

}  // namespace

Status launch_matvec_q8_0(const MatvecParams& p, Stream stream) {
  const dim3 grid(static_cast<unsigned>((p.n_rows + kWarpsPerCta - 1) / kWarpsPerCta),
                  static_cast<unsigned>(p.n_tokens));
  matvec_q8_0_kernel<<<grid, kWarpsPerCta * kWarp, 0, stream>>>(p);
  return launch_status("matvec_q8_0");
}

}  // namespace ys::cuda::detail
