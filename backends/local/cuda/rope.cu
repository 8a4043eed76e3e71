// rope: x [n_tokens][n_heads * head_dim] rotated in place; one thread per (token, head, pair).
// theta is built by repeated multiplication like the CPU reference (model/ops.cpp), so angles at
// large positions agree to the last bits instead of drifting with powf's rounding.
#include <cmath>

#include "backends/local/cuda/cuda_check.h"
#include "backends/local/cuda/launchers.h"

namespace ys::cuda::detail {

namespace {

constexpr int kThreads = 256;

__global__ void rope_kernel(RopeParams p, float theta_scale) {
  const int half = p.n_rot / 2;
  const int64_t idx = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (idx >= static_cast<int64_t>(p.n_tokens) * p.n_heads * half) return;
  const int i = static_cast<int>(idx % half);
  const int64_t head = idx / half;  // token * n_heads + head
  const int token = static_cast<int>(head / p.n_heads);

  float theta = static_cast<float>(p.pos[token]);
  for (int k = 0; k < i; ++k) theta *= theta_scale;
  const float factor = p.freq_factors ? p.freq_factors[i] : 1.0f;
  const float t = p.freq_scale * (theta / factor);
  const float c = cosf(t), s = sinf(t);

  float* v = p.x + head * p.head_dim;
  const int ia = p.neox ? i : 2 * i;
  const int ib = p.neox ? i + half : 2 * i + 1;
  const float a = v[ia], b = v[ib];
  v[ia] = a * c - b * s;
  v[ib] = a * s + b * c;
}

}  // namespace

Status launch_rope(const RopeParams& p, Stream stream) {
  const int64_t n = static_cast<int64_t>(p.n_tokens) * p.n_heads * (p.n_rot / 2);
  const auto blocks = static_cast<unsigned>((n + kThreads - 1) / kThreads);
  // On the host with the CPU's expression: device powf may differ by an ulp, which the repeated
  // multiplication would carry into every angle.
  const float theta_scale = std::pow(p.base, -2.0f / static_cast<float>(p.n_rot));
  rope_kernel<<<blocks, kThreads, 0, stream>>>(p, theta_scale);
  return launch_status("rope");
}

}  // namespace ys::cuda::detail
