// Scalar references for the 32-value block types added after Q4_0/Q8_0: Q4_1 and Q5_1 against
// Q8_1 activations, Q5_0 and IQ4_NL against Q8_0 (ggml-cpu's vec_dot_type pairs). Per block the
// integer sum of products, then one float step: d_w * d_x * isum (+ m_w * s_x for the types
// with a minimum), accumulated in float in block order.
#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

namespace {

// The integer level of value j of a block (before d is applied; the min is applied separately).
template <typename Block, typename Level>
int block_isum(const Block& w, const int8_t* q8, Level level) {
  int isum = 0;
  for (int j = 0; j < kQK32; ++j) {
    int q = j < 16 ? (w.qs[j] & 0xf) : (w.qs[j - 16] >> 4);
    if constexpr (requires { w.qh; }) q |= q5_high_bit(w.qh, j);
    isum += level(q) * q8[j];
  }
  return isum;
}

// Weight types with a minimum (Q4_1, Q5_1) against Q8_1.
template <typename Block>
float dot_with_min(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const Block*>(w);
  const auto* b = static_cast<const BlockQ8_1*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const int isum = block_isum(a[k], b[k].qs, [](int q) { return q; });
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum) +
           fp16_to_float(a[k].m) * fp16_to_float(b[k].s);
  }
  return sum;
}

// Symmetric weight types (Q5_0, IQ4_NL) against Q8_0.
template <typename Block, typename Level>
float dot_symmetric(int64_t n, const void* w, const void* x, Level level) {
  const auto* a = static_cast<const Block*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK32; ++k) {
    const int isum = block_isum(a[k], b[k].qs, level);
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

}  // namespace

float vec_dot_q4_1_scalar(int64_t n, const void* w, const void* x) {
  return dot_with_min<BlockQ4_1>(n, w, x);
}

float vec_dot_q5_1_scalar(int64_t n, const void* w, const void* x) {
  return dot_with_min<BlockQ5_1>(n, w, x);
}

float vec_dot_q5_0_scalar(int64_t n, const void* w, const void* x) {
  return dot_symmetric<BlockQ5_0>(n, w, x, [](int q) { return q - 16; });
}

float vec_dot_iq4_nl_scalar(int64_t n, const void* w, const void* x) {
  return dot_symmetric<BlockIQ4_NL>(n, w, x, [](int q) { return int{kIq4nlValues[q]}; });
}

}  // namespace ys::cpu
