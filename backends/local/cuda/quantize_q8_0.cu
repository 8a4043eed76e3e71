// quantize to Q8_0: x [n_rows][n] float -> blocks of 32 (cpu/quantize.h): d = amax/127 stored as
// fp16, q = round-half-even(x * 127/amax). One warp per block, one value per lane.
#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"
#include "backends/local/cuda/q8_0.cuh"
#include "backends/local/cuda/warp.cuh"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void quantize_q8_0_kernel(QuantizeParams p, int64_t n_blocks) {
  const int64_t block = (static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x) / kWarp;
  const int lane = threadIdx.x % kWarp;
  if (block >= n_blocks) return;  // whole warps leave together
  const float x = p.x[block * kQ8Block + lane];
  const float amax = warp_max(fabsf(x));
  const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
  uint8_t* out = static_cast<uint8_t*>(p.y) + block * kQ8BlockBytes;
  out[2 + lane] = static_cast<uint8_t>(static_cast<int8_t>(__float2int_rn(x * id)));
  if (lane == 0) {
    *reinterpret_cast<uint16_t*>(out) = __half_as_ushort(__float2half_rn(amax / 127.0f));
  }
}

}  // namespace

Status launch_quantize_q8_0(const QuantizeParams& p, Stream stream) {
  const int64_t n_blocks = p.n_rows * p.n / kQ8Block;
  const int64_t per_cta = kThreads / kWarp;
  const auto grid = static_cast<unsigned>((n_blocks + per_cta - 1) / per_cta);
  quantize_q8_0_kernel<<<grid, kThreads, 0, stream>>>(p, n_blocks);
  return launch_status("quantize_q8_0");
}

}  // namespace ys::cuda::detail
