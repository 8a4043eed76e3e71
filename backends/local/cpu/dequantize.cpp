#include "backends/local/cpu/dequantize.h"

#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "harness/core/expected.h"

namespace ys::cpu {

namespace {

void dequant_f16(const uint16_t* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = fp16_to_float(x[i]);
}

void dequant_bf16(const uint16_t* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = bf16_to_float(x[i]);
}

void dequant_q8_0(const BlockQ8_0* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK8_0; ++b, y += kQK8_0) {
    const float d = fp16_to_float(x[b].d);
    for (int j = 0; j < kQK8_0; ++j) y[j] = d * static_cast<float>(x[b].qs[j]);
  }
}

void dequant_q4_0(const BlockQ4_0* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK4_0; ++b, y += kQK4_0) {
    const float d = fp16_to_float(x[b].d);
    for (int j = 0; j < kQK4_0 / 2; ++j) {
      y[j] = d * static_cast<float>((x[b].qs[j] & 0xf) - 8);
      y[j + kQK4_0 / 2] = d * static_cast<float>((x[b].qs[j] >> 4) - 8);
    }
  }
}

// Q4_1, Q5_0, Q5_1 and IQ4_NL: value j of a block is d * level(q_j) + m, where q_j is the
// nibble of qs[j % 16] (low for j < 16), plus the fifth bit for the Q5 types.
template <typename Block, typename Level>
void dequant_32(const Block* x, float* y, int64_t n, Level level) {
  for (int64_t b = 0; b < n / kQK32; ++b, y += kQK32) {
    const float d = fp16_to_float(x[b].d);
    float m = 0.0f;
    if constexpr (requires { x[b].m; }) m = fp16_to_float(x[b].m);
    for (int j = 0; j < kQK32; ++j) {
      int q = j < 16 ? (x[b].qs[j] & 0xf) : (x[b].qs[j - 16] >> 4);
      if constexpr (requires { x[b].qh; }) q |= q5_high_bit(x[b].qh, j);
      y[j] = d * static_cast<float>(level(q)) + m;
    }
  }
}

void dequant_q8_1(const BlockQ8_1* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK32; ++b, y += kQK32) {
    const float d = fp16_to_float(x[b].d);
    for (int j = 0; j < kQK32; ++j) y[j] = d * static_cast<float>(x[b].qs[j]);
  }
}

// The 2-bit value i (0..255) of a Q2_K/Q3_K qs array (see blocks.h).
int k2_value(const uint8_t* qs, int i) {
  const int h = i / 128, g = (i % 128) / 32, l = i % 32;
  return (qs[32 * h + l] >> (2 * g)) & 3;
}

void dequant_q2_k(const BlockQ2_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    const float d = fp16_to_float(x[b].d);
    const float dmin = fp16_to_float(x[b].dmin);
    for (int i = 0; i < kQK_K; ++i) {
      const uint8_t sc = x[b].scales[i / 16];
      const float dl = d * static_cast<float>(sc & 0xf);
      const float ml = dmin * static_cast<float>(sc >> 4);
      y[i] = dl * static_cast<float>(k2_value(x[b].qs, i)) - ml;
    }
  }
}

void dequant_q3_k(const BlockQ3_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    const float d = fp16_to_float(x[b].d);
    for (int i = 0; i < kQK_K; ++i) {
      const float dl = d * static_cast<float>(q3k_scale(i / 16, x[b].scales));
      const int high_bit = (x[b].hmask[i % 32] >> (4 * (i / 128) + (i % 128) / 32)) & 1;
      y[i] = dl * static_cast<float>(k2_value(x[b].qs, i) - (high_bit ? 0 : 4));
    }
  }
}

// Q4_K and Q5_K share the scale/min scheme; qh is null for Q4_K.
void dequant_k4_block(uint16_t dh, uint16_t dminh, const uint8_t* scales, const uint8_t* qs,
                      const uint8_t* qh, float* y) {
  const float d = fp16_to_float(dh);
  const float dmin = fp16_to_float(dminh);
  for (int chunk = 0; chunk < 4; ++chunk) {  // 64 values: low nibbles then high nibbles
    for (int half = 0; half < 2; ++half) {
      const int sub = 2 * chunk + half;
      uint8_t sc, m;
      k_scale_min(sub, scales, &sc, &m);
      const float dl = d * sc;
      const float ml = dmin * m;
      for (int l = 0; l < 32; ++l) {
        int q = half ? (qs[32 * chunk + l] >> 4) : (qs[32 * chunk + l] & 0xf);
        if (qh && (qh[l] >> sub) & 1) q += 16;
        y[32 * sub + l] = dl * static_cast<float>(q) - ml;
      }
    }
  }
}

void dequant_q4_k(const BlockQ4_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    dequant_k4_block(x[b].d, x[b].dmin, x[b].scales, x[b].qs, nullptr, y);
  }
}

void dequant_q5_k(const BlockQ5_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    dequant_k4_block(x[b].d, x[b].dmin, x[b].scales, x[b].qs, x[b].qh, y);
  }
}

// The 6-bit value i (0..255) of a Q6_K block, already offset by -32. Values come in two halves of
// 128; within a half, value 32*g + l (g = 0..3) takes its low nibble from ql[l] (g even) or
// ql[l + 32] (g odd), low for g < 2 and high otherwise, and its top two bits from qh[l] >> 2g.
int q6_value(const BlockQ6_K& blk, int i) {
  const int half = i / 128, r = i % 128, g = r / 32, l = r % 32;
  const uint8_t* ql = blk.ql + 64 * half;
  const uint8_t* qh = blk.qh + 32 * half;
  const uint8_t lo_byte = ql[l + 32 * (g & 1)];
  const int lo = g < 2 ? (lo_byte & 0xf) : (lo_byte >> 4);
  const int hi = (qh[l] >> (2 * g)) & 3;
  return (lo | (hi << 4)) - 32;
}

void dequant_q6_k(const BlockQ6_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    const float d = fp16_to_float(x[b].d);
    for (int i = 0; i < kQK_K; ++i) {
      y[i] = d * static_cast<float>(x[b].scales[i / 16]) * static_cast<float>(q6_value(x[b], i));
    }
  }
}

void dequant_iq4_xs(const BlockIQ4_XS* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    const float d = fp16_to_float(x[b].d);
    for (int j = 0; j < kQK_K / 32; ++j) {
      const float dl = d * static_cast<float>(iq4xs_scale(j, x[b]));
      const uint8_t* qs = x[b].qs + 16 * j;
      for (int l = 0; l < 16; ++l) {
        y[32 * j + l] = dl * static_cast<float>(kIq4nlValues[qs[l] & 0xf]);
        y[32 * j + l + 16] = dl * static_cast<float>(kIq4nlValues[qs[l] >> 4]);
      }
    }
  }
}

void dequant_q8_k(const BlockQ8_K* x, float* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, y += kQK_K) {
    for (int j = 0; j < kQK_K; ++j) y[j] = x[b].d * static_cast<float>(x[b].qs[j]);
  }
}

}  // namespace

void dequantize_row(TensorType type, const void* src, float* dst, int64_t n) {
  switch (type) {
    case TensorType::F32:
      std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(float));
      return;
    case TensorType::F16:
      return dequant_f16(static_cast<const uint16_t*>(src), dst, n);
    case TensorType::BF16:
      return dequant_bf16(static_cast<const uint16_t*>(src), dst, n);
    case TensorType::Q8_0:
      return dequant_q8_0(static_cast<const BlockQ8_0*>(src), dst, n);
    case TensorType::Q4_0:
      return dequant_q4_0(static_cast<const BlockQ4_0*>(src), dst, n);
    case TensorType::Q4_1:
      return dequant_32(static_cast<const BlockQ4_1*>(src), dst, n, [](int q) { return q; });
    case TensorType::Q5_0:
      return dequant_32(static_cast<const BlockQ5_0*>(src), dst, n, [](int q) { return q - 16; });
    case TensorType::Q5_1:
      return dequant_32(static_cast<const BlockQ5_1*>(src), dst, n, [](int q) { return q; });
    case TensorType::IQ4_NL:
      return dequant_32(static_cast<const BlockIQ4_NL*>(src), dst, n,
                        [](int q) { return int{kIq4nlValues[q]}; });
    case TensorType::Q8_1:
      return dequant_q8_1(static_cast<const BlockQ8_1*>(src), dst, n);
    case TensorType::Q2_K:
      return dequant_q2_k(static_cast<const BlockQ2_K*>(src), dst, n);
    case TensorType::Q3_K:
      return dequant_q3_k(static_cast<const BlockQ3_K*>(src), dst, n);
    case TensorType::Q4_K:
      return dequant_q4_k(static_cast<const BlockQ4_K*>(src), dst, n);
    case TensorType::Q5_K:
      return dequant_q5_k(static_cast<const BlockQ5_K*>(src), dst, n);
    case TensorType::Q6_K:
      return dequant_q6_k(static_cast<const BlockQ6_K*>(src), dst, n);
    case TensorType::IQ4_XS:
      return dequant_iq4_xs(static_cast<const BlockIQ4_XS*>(src), dst, n);
    case TensorType::Q8_K:
      return dequant_q8_k(static_cast<const BlockQ8_K*>(src), dst, n);
  }
  YS_ASSERT(false, "dequantize_row: unknown tensor type");
}

}  // namespace ys::cpu
