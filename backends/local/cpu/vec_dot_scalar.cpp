#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::cpu {

float vec_dot_f32_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const float*>(w);
  const auto* b = static_cast<const float*>(x);
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(a[i]) * b[i];
  return static_cast<float>(sum);
}

float vec_dot_f16_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const uint16_t*>(w);
  const auto* b = static_cast<const uint16_t*>(x);
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    sum += static_cast<double>(fp16_to_float(a[i])) * fp16_to_float(b[i]);
  }
  return static_cast<float>(sum);
}

float vec_dot_bf16_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const uint16_t*>(w);
  const auto* b = static_cast<const uint16_t*>(x);
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    sum += static_cast<double>(bf16_to_float(a[i])) * bf16_to_float(b[i]);
  }
  return static_cast<float>(sum);
}

float vec_dot_q8_0_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ8_0*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK8_0; ++k) {
    int isum = 0;
    for (int j = 0; j < kQK8_0; ++j) isum += a[k].qs[j] * b[k].qs[j];
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

float vec_dot_q4_0_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ4_0*>(w);
  const auto* b = static_cast<const BlockQ8_0*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK4_0; ++k) {
    int isum = 0;
    for (int j = 0; j < kQK4_0 / 2; ++j) {
      isum += ((a[k].qs[j] & 0xf) - 8) * b[k].qs[j];
      isum += ((a[k].qs[j] >> 4) - 8) * b[k].qs[j + kQK4_0 / 2];
    }
    sum += fp16_to_float(a[k].d) * fp16_to_float(b[k].d) * static_cast<float>(isum);
  }
  return sum;
}

namespace {

// Shared by Q4_K and Q5_K: qh is null for Q4_K. Returns d_x * (d * sum(sc * q.qx)
// - dmin * sum(m * bsum)) for one block.
float k4_block_dot(uint16_t dh, uint16_t dminh, const uint8_t* scales, const uint8_t* qs,
                   const uint8_t* qh, const BlockQ8_K& y) {
  int sum_q = 0, sum_m = 0;
  for (int sub = 0; sub < 8; ++sub) {
    uint8_t sc, m;
    k_scale_min(sub, scales, &sc, &m);
    const uint8_t* q = qs + 32 * (sub / 2);
    int isum = 0;
    for (int l = 0; l < 32; ++l) {
      int v = (sub & 1) ? (q[l] >> 4) : (q[l] & 0xf);
      if (qh && (qh[l] >> sub) & 1) v += 16;
      isum += v * y.qs[32 * sub + l];
    }
    sum_q += sc * isum;
    sum_m += m * (y.bsums[2 * sub] + y.bsums[2 * sub + 1]);
  }
  return y.d * (fp16_to_float(dh) * static_cast<float>(sum_q) -
                fp16_to_float(dminh) * static_cast<float>(sum_m));
}

}  // namespace

float vec_dot_q4_k_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ4_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    sum += k4_block_dot(a[k].d, a[k].dmin, a[k].scales, a[k].qs, nullptr, b[k]);
  }
  return sum;
}

float vec_dot_q5_k_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ5_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    sum += k4_block_dot(a[k].d, a[k].dmin, a[k].scales, a[k].qs, a[k].qh, b[k]);
  }
  return sum;
}

float vec_dot_q6_k_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockQ6_K*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int isum = 0;
    for (int half = 0; half < 2; ++half) {
      const uint8_t* ql = a[k].ql + 64 * half;
      const uint8_t* qh = a[k].qh + 32 * half;
      for (int g = 0; g < 4; ++g) {
        for (int s = 0; s < 2; ++s) {  // two 16-value sub-blocks per group of 32
          int sub_sum = 0;
          for (int l = 16 * s; l < 16 * s + 16; ++l) {
            const uint8_t lo_byte = ql[l + 32 * (g & 1)];
            const int lo = g < 2 ? (lo_byte & 0xf) : (lo_byte >> 4);
            const int q = (lo | (((qh[l] >> (2 * g)) & 3) << 4)) - 32;
            sub_sum += q * b[k].qs[128 * half + 32 * g + l];
          }
          isum += a[k].scales[8 * half + 2 * g + s] * sub_sum;
        }
      }
    }
    sum += b[k].d * fp16_to_float(a[k].d) * static_cast<float>(isum);
  }
  return sum;
}

// IQ4_XS: per block the exact integer sum over its sub-blocks of (ls - 32) * sum(level * x),
// then one float step, d_w * d_x * isum (ggml's AVX2 kernel makes the same integer sum per
// block; its generic one steps per sub-block).
float vec_dot_iq4_xs_scalar(int64_t n, const void* w, const void* x) {
  const auto* a = static_cast<const BlockIQ4_XS*>(w);
  const auto* b = static_cast<const BlockQ8_K*>(x);
  float sum = 0.0f;
  for (int64_t k = 0; k < n / kQK_K; ++k) {
    int isum = 0;
    for (int j = 0; j < kQK_K / 32; ++j) {
      const uint8_t* qs = a[k].qs + 16 * j;
      const int8_t* y = b[k].qs + 32 * j;
      int sub_sum = 0;
      for (int l = 0; l < 16; ++l) {
        sub_sum += kIq4nlValues[qs[l] & 0xf] * y[l] + kIq4nlValues[qs[l] >> 4] * y[l + 16];
      }
      isum += iq4xs_scale(j, a[k]) * sub_sum;
    }
    sum += fp16_to_float(a[k].d) * b[k].d * static_cast<float>(isum);
  }
  return sum;
}

}  // namespace ys::cpu
