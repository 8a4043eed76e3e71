// Scalar references for Q2_K and Q3_K against Q8_K activations. Per block: integer sums of
// products per 16-value sub-block, times the sub-block's integer scale, summed in int; then
//   Q2_K: d_x * d * isum - d_x * dmin * sum(min_j * bsum_j)
//   Q3_K: d_x * d * isum
// accumulated in float in block order (ggml-cpu's reference order).
#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

// The 2-bit value i of a Q2_K/Q3_K qs array (layout in blocks.h).
int low2(const uint8_t* qs, int i) {
  return (qs[32 * (i / 128) + i % 32] >> (2 * ((i % 128) / 32))) & 3;
}

}  // namespace

float vec_dot_q2_k_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ2_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int isum = 0, msum = 0;
    for (int sub = 0; sub < 16; ++sub) {
      int s = 0;
      for (int i = 16 * sub; i < 16 * sub + 16; ++i) s += low2(a[k].qs, i) * b[k].qs[i];
      isum += (a[k].scales[sub] & 0xf) * s;
      msum += (a[k].scales[sub] >> 4) * b[k].bsums[sub];
    }
    const float dall = b[k].d * fp16_to_float(a[k].d);
    const float dmin = b[k].d * fp16_to_float(a[k].dmin);
    sum += dall * static_cast<float>(isum) - dmin * static_cast<float>(msum);
  }
  return sum;
}

float vec_dot_q3_k_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ3_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int isum = 0;
    for (int sub = 0; sub < 16; ++sub) {
      int s = 0;
      for (int i = 16 * sub; i < 16 * sub + 16; ++i) {
        const int high = (a[k].hmask[i % 32] >> (4 * (i / 128) + (i % 128) / 32)) & 1;
        s += (low2(a[k].qs, i) - (high ? 0 : 4)) * b[k].qs[i];
      }
      isum += q3k_scale(sub, a[k].scales) * s;
    }
    sum += b[k].d * fp16_to_float(a[k].d) * static_cast<float>(isum);
  }
  return sum;
}

}  // namespace ys::cpu
