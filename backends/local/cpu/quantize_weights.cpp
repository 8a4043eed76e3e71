#include "backends/local/cpu/quantize_weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/quantize.h"

namespace ys::cpu {

namespace {

int clamp_round(float v, int lo, int hi) {
  return std::clamp(static_cast<int>(std::lround(v)), lo, hi);
}

// The value of largest magnitude in x[0..n), with its sign.
float signed_max(const float* x, int n) {
  float m = 0.0f;
  for (int j = 0; j < n; ++j) m = std::fabs(x[j]) > std::fabs(m) ? x[j] : m;
  return m;
}

// Writes the 32 4-bit levels q as Q4_0 does: byte j = q[j] | q[j + 16] << 4.
void pack_nibbles(const int* q, uint8_t* qs) {
  for (int j = 0; j < 16; ++j)
    qs[j] = static_cast<uint8_t>((q[j] & 0xf) | ((q[j + 16] & 0xf) << 4));
}

void pack_high_bits(const int* q, uint8_t* qh) {
  std::memset(qh, 0, 4);
  for (int j = 0; j < 32; ++j) qh[j / 8] |= static_cast<uint8_t>(((q[j] >> 4) & 1) << (j % 8));
}

// Symmetric 32-blocks: levels -half..half-1 stored with +half (Q4_0: 8, Q5_0: 16).
template <typename Block>
void quant_symmetric(const float* x, Block* y, int64_t n, int half) {
  for (int64_t b = 0; b < n / kQK32; ++b, x += kQK32) {
    const float d = signed_max(x, kQK32) / static_cast<float>(-half);
    y[b].d = float_to_fp16(d);
    const float dq = fp16_to_float(y[b].d);
    int q[kQK32];
    for (int j = 0; j < kQK32; ++j)
      q[j] = dq != 0.0f ? clamp_round(x[j] / dq, -half, half - 1) + half : half;
    pack_nibbles(q, y[b].qs);
    if constexpr (requires { y[b].qh; }) pack_high_bits(q, y[b].qh);
  }
}

// 32-blocks with a minimum: levels 0..top, value = d * q + m.
template <typename Block>
void quant_with_min(const float* x, Block* y, int64_t n, int top) {
  for (int64_t b = 0; b < n / kQK32; ++b, x += kQK32) {
    const auto [lo, hi] = std::minmax_element(x, x + kQK32);
    y[b].d = float_to_fp16((*hi - *lo) / static_cast<float>(top));
    y[b].m = float_to_fp16(*lo);
    const float dq = fp16_to_float(y[b].d), mq = fp16_to_float(y[b].m);
    int q[kQK32];
    for (int j = 0; j < kQK32; ++j) q[j] = dq != 0.0f ? clamp_round((x[j] - mq) / dq, 0, top) : 0;
    pack_nibbles(q, y[b].qs);
    if constexpr (requires { y[b].qh; }) pack_high_bits(q, y[b].qh);
  }
}

// The IQ4_NL table levels nearest to x[0..32) / step, packed as Q4_0 nibbles.
void nearest_iq4nl_levels(const float* x, float step, uint8_t* qs) {
  int q[kQK32];
  for (int j = 0; j < kQK32; ++j) {
    int best = 0;
    for (int l = 1; l < 16; ++l) {
      if (std::fabs(step * kIq4nlValues[l] - x[j]) < std::fabs(step * kIq4nlValues[best] - x[j]))
        best = l;
    }
    q[j] = best;
  }
  pack_nibbles(q, qs);
}

void quant_iq4_nl(const float* x, BlockIQ4_NL* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK32; ++b, x += kQK32) {
    y[b].d = float_to_fp16(signed_max(x, kQK32) / -127.0f);
    nearest_iq4nl_levels(x, fp16_to_float(y[b].d), y[b].qs);
  }
}

// IQ4_XS: each 32-value sub-block's own IQ4_NL scale s_j (its signed maximum / -127); the block's
// d puts the s_j of largest magnitude at ls - 32 = -32, and the others round to -32..31.
void quant_iq4_xs(const float* x, BlockIQ4_XS* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    float s[kQK_K / 32];
    float biggest = 0.0f;
    for (int j = 0; j < kQK_K / 32; ++j) {
      s[j] = signed_max(x + 32 * j, kQK32) / -127.0f;
      if (std::fabs(s[j]) > std::fabs(biggest)) biggest = s[j];
    }
    y[b].d = float_to_fp16(biggest / -32.0f);
    const float dq = fp16_to_float(y[b].d);
    y[b].scales_h = 0;
    std::memset(y[b].scales_l, 0, sizeof y[b].scales_l);
    for (int j = 0; j < kQK_K / 32; ++j) {
      const int l = dq != 0.0f ? clamp_round(s[j] / dq, -32, 31) : 0;
      const int ls = l + 32;
      y[b].scales_l[j / 2] |= static_cast<uint8_t>((ls & 0xf) << (4 * (j % 2)));
      y[b].scales_h |= static_cast<uint16_t>((ls >> 4) << (2 * j));
      nearest_iq4nl_levels(x + 32 * j, dq * static_cast<float>(l), y[b].qs + 16 * j);
    }
  }
}

// Per sub-block of `len` values: scale s_j = range / top and min m_j = -min(0, min x) as
// integers of `bits` bits against the super-block's d and dmin. Writes the integer scales and
// mins and returns {d, dmin} as stored (fp16-rounded).
struct SuperScales {
  float d, dmin;
};
SuperScales sub_scales_with_min(const float* x, int n_sub, int len, int top, int max_int, int* sc,
                                int* mn, uint16_t* d_out, uint16_t* dmin_out) {
  float s[16], m[16], max_s = 0.0f, max_m = 0.0f;
  for (int j = 0; j < n_sub; ++j) {
    const auto [lo, hi] = std::minmax_element(x + len * j, x + len * (j + 1));
    m[j] = -std::min(0.0f, *lo);
    s[j] = (*hi + m[j]) / static_cast<float>(top);
    max_s = std::max(max_s, s[j]);
    max_m = std::max(max_m, m[j]);
  }
  *d_out = float_to_fp16(max_s / static_cast<float>(max_int));
  *dmin_out = float_to_fp16(max_m / static_cast<float>(max_int));
  const SuperScales r{fp16_to_float(*d_out), fp16_to_float(*dmin_out)};
  for (int j = 0; j < n_sub; ++j) {
    sc[j] = r.d > 0.0f ? clamp_round(s[j] / r.d, 0, max_int) : 0;
    mn[j] = r.dmin > 0.0f ? clamp_round(m[j] / r.dmin, 0, max_int) : 0;
  }
  return r;
}

// Levels 0..top for one sub-block, given its stored scale and min.
void levels_with_min(const float* x, int len, float scale, float min, int top, int* q) {
  for (int l = 0; l < len; ++l) q[l] = scale > 0.0f ? clamp_round((x[l] + min) / scale, 0, top) : 0;
}

void quant_q2_k(const float* x, BlockQ2_K* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    int sc[16], mn[16], q[kQK_K];
    const auto r = sub_scales_with_min(x, 16, 16, 3, 15, sc, mn, &y[b].d, &y[b].dmin);
    for (int j = 0; j < 16; ++j) {
      y[b].scales[j] = static_cast<uint8_t>(sc[j] | (mn[j] << 4));
      levels_with_min(x + 16 * j, 16, r.d * sc[j], r.dmin * mn[j], 3, q + 16 * j);
    }
    std::memset(y[b].qs, 0, sizeof y[b].qs);
    for (int i = 0; i < kQK_K; ++i)
      y[b].qs[32 * (i / 128) + i % 32] |= static_cast<uint8_t>(q[i] << (2 * ((i % 128) / 32)));
  }
}

void quant_q3_k(const float* x, BlockQ3_K* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    float s[16], max_s = 0.0f;
    for (int j = 0; j < 16; ++j) {
      s[j] = signed_max(x + 16 * j, 16) / -4.0f;
      max_s = std::fabs(s[j]) > std::fabs(max_s) ? s[j] : max_s;
    }
    y[b].d = float_to_fp16(max_s / -32.0f);
    const float d = fp16_to_float(y[b].d);
    std::memset(y[b].scales, 0, sizeof y[b].scales);
    std::memset(y[b].qs, 0, sizeof y[b].qs);
    std::memset(y[b].hmask, 0, sizeof y[b].hmask);
    for (int j = 0; j < 16; ++j) {
      const int sc = d != 0.0f ? clamp_round(s[j] / d, -32, 31) : 0;
      const int v = sc + 32;
      if (j < 8)
        y[b].scales[j] |= static_cast<uint8_t>(v & 0xf);
      else
        y[b].scales[j - 8] |= static_cast<uint8_t>((v & 0xf) << 4);
      y[b].scales[8 + j % 4] |= static_cast<uint8_t>((v >> 4) << (2 * (j / 4)));
      const float step = d * static_cast<float>(sc);
      for (int i = 16 * j; i < 16 * j + 16; ++i) {
        const int q = (step != 0.0f ? clamp_round(x[i] / step, -4, 3) : 0) + 4;  // 0..7
        const int g = (i % 128) / 32;
        y[b].qs[32 * (i / 128) + i % 32] |= static_cast<uint8_t>((q & 3) << (2 * g));
        y[b].hmask[i % 32] |= static_cast<uint8_t>((q >> 2) << (4 * (i / 128) + g));
      }
    }
  }
}

// Q4_K / Q5_K: 8 sub-blocks of 32 with 6-bit scales and mins; qh null for Q4_K.
void quant_k4_block(const float* x, int top, uint16_t* d, uint16_t* dmin, uint8_t* scales,
                    uint8_t* qs, uint8_t* qh) {
  int sc[8], mn[8], q[kQK_K];
  const auto r = sub_scales_with_min(x, 8, 32, top, 63, sc, mn, d, dmin);
  std::memset(scales, 0, kKScaleBytes);
  for (int j = 0; j < 8; ++j) {
    if (j < 4) {
      scales[j] = static_cast<uint8_t>(sc[j]);
      scales[j + 4] = static_cast<uint8_t>(mn[j]);
    } else {
      scales[j + 4] = static_cast<uint8_t>((sc[j] & 0xf) | ((mn[j] & 0xf) << 4));
      scales[j - 4] |= static_cast<uint8_t>((sc[j] >> 4) << 6);
      scales[j] |= static_cast<uint8_t>((mn[j] >> 4) << 6);
    }
    levels_with_min(x + 32 * j, 32, r.d * sc[j], r.dmin * mn[j], top, q + 32 * j);
  }
  std::memset(qs, 0, kQK_K / 2);
  if (qh) std::memset(qh, 0, kQK_K / 8);
  for (int i = 0; i < kQK_K; ++i) {
    const int sub = i / 32, l = i % 32;
    qs[32 * (sub / 2) + l] |= static_cast<uint8_t>((q[i] & 0xf) << (4 * (sub & 1)));
    if (qh) qh[l] |= static_cast<uint8_t>((q[i] >> 4) << sub);
  }
}

void quant_q6_k(const float* x, BlockQ6_K* y, int64_t n) {
  for (int64_t b = 0; b < n / kQK_K; ++b, x += kQK_K) {
    float s[16], max_s = 0.0f;
    for (int j = 0; j < 16; ++j) {
      s[j] = signed_max(x + 16 * j, 16) / -32.0f;
      max_s = std::fabs(s[j]) > std::fabs(max_s) ? s[j] : max_s;
    }
    y[b].d = float_to_fp16(max_s / -127.0f);
    const float d = fp16_to_float(y[b].d);
    std::memset(y[b].ql, 0, sizeof y[b].ql);
    std::memset(y[b].qh, 0, sizeof y[b].qh);
    for (int j = 0; j < 16; ++j) {
      const int sc = d != 0.0f ? clamp_round(s[j] / d, -127, 127) : 0;
      y[b].scales[j] = static_cast<int8_t>(sc);
      const float step = d * static_cast<float>(sc);
      for (int i = 16 * j; i < 16 * j + 16; ++i) {
        const int q = (step != 0.0f ? clamp_round(x[i] / step, -32, 31) : 0) + 32;  // 0..63
        const int half = i / 128, g = (i % 128) / 32, l = i % 32;
        y[b].ql[64 * half + l + 32 * (g & 1)] |= static_cast<uint8_t>((q & 0xf) << (g < 2 ? 0 : 4));
        y[b].qh[32 * half + l] |= static_cast<uint8_t>((q >> 4) << (2 * g));
      }
    }
  }
}

}  // namespace

bool quantize_weights_row(TensorType type, const float* x, void* dst, int64_t n) {
  switch (type) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q8_0:
      quantize_row(type, x, dst, n);
      return true;
    case TensorType::Q4_0:
      quant_symmetric(x, static_cast<BlockQ4_0*>(dst), n, 8);
      return true;
    case TensorType::Q5_0:
      quant_symmetric(x, static_cast<BlockQ5_0*>(dst), n, 16);
      return true;
    case TensorType::Q4_1:
      quant_with_min(x, static_cast<BlockQ4_1*>(dst), n, 15);
      return true;
    case TensorType::Q5_1:
      quant_with_min(x, static_cast<BlockQ5_1*>(dst), n, 31);
      return true;
    case TensorType::IQ4_NL:
      quant_iq4_nl(x, static_cast<BlockIQ4_NL*>(dst), n);
      return true;
    case TensorType::Q2_K:
      quant_q2_k(x, static_cast<BlockQ2_K*>(dst), n);
      return true;
    case TensorType::Q3_K:
      quant_q3_k(x, static_cast<BlockQ3_K*>(dst), n);
      return true;
    case TensorType::Q4_K:
      for (int64_t b = 0; b < n / kQK_K; ++b) {
        auto* y = static_cast<BlockQ4_K*>(dst) + b;
        quant_k4_block(x + b * kQK_K, 15, &y->d, &y->dmin, y->scales, y->qs, nullptr);
      }
      return true;
    case TensorType::Q5_K:
      for (int64_t b = 0; b < n / kQK_K; ++b) {
        auto* y = static_cast<BlockQ5_K*>(dst) + b;
        quant_k4_block(x + b * kQK_K, 31, &y->d, &y->dmin, y->scales, y->qs, y->qh);
      }
      return true;
    case TensorType::Q6_K:
      quant_q6_k(x, static_cast<BlockQ6_K*>(dst), n);
      return true;
    case TensorType::IQ4_XS:
      quant_iq4_xs(x, static_cast<BlockIQ4_XS*>(dst), n);
      return true;
    default:
      return false;
  }
}

}  // namespace ys::cpu
