// convert to F16: x [n_rows][n] float -> IEEE binary16, round to nearest even.
#include <cuda_fp16.h>

#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void convert_f16_kernel(QuantizeParams p, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) static_cast<__half*>(p.y)[i] = __float2half_rn(p.x[i]);
}

}  // namespace

Status launch_convert_f16(const QuantizeParams& p, Stream stream) {
  const int64_t n = p.n * p.n_rows;
  const auto blocks = static_cast<unsigned>((n + kThreads - 1) / kThreads);
  convert_f16_kernel<<<blocks, kThreads, 0, stream>>>(p, n);
  return launch_status("convert_f16");
}

}  // namespace ys::cuda::detail
