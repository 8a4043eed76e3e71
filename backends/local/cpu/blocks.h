// Byte layouts of the quantized block formats, as stored in GGUF tensor data (little-endian,
// packed, no padding). Scales marked fp16 are IEEE binary16 bit patterns (see fp16.h).
//
//   Q8_0  32 values:  d (fp16) | qs[32] int8                      value = d * q
//   Q4_0  32 values:  d (fp16) | qs[16] nibbles                   value = d * (nibble - 8)
//         byte j holds value j (low nibble) and value j + 16 (high nibble)
//   Q4_1  32 values:  d, m (fp16) | qs[16] nibbles as Q4_0      value = d * nibble + m
//   Q5_0  32 values:  d (fp16) | qh[4] | qs[16] nibbles          value = d * (q5 - 16)
//   Q5_1  32 values:  d, m (fp16) | qh[4] | qs[16] nibbles       value = d * q5 + m
//         q5 = nibble (as Q4_0) | bit j of the little-endian u32 qh << 4, for value j
//   IQ4_NL 32 values: d (fp16) | qs[16] nibbles as Q4_0          value = d * kIq4nlValues[nibble]
//   Q8_1  32 values:  d, s (fp16) | qs[32] int8                  value = d * q; s = d * sum(q)
//         (activations only)
//   Q2_K 256 values:  scales[16] | qs[64] | d, dmin (fp16)       16 sub-blocks of 16, byte
//         scales[j] = scale (low nibble) | min (high nibble): value = d * sc * q2 - dmin * m
//   Q3_K 256 values:  hmask[32] | qs[64] | scales[12] | d (fp16) 16 sub-blocks of 16 with
//         6-bit scales offset by 32: value = d * (sc - 32) * (q2 - (hmask bit ? 0 : 4))
//   Q2_K/Q3_K 2-bit values: value 128*h + 32*g + l (h = 0..1, g = 0..3, l = 0..31) is bits
//         2g..2g+1 of qs[32*h + l]; Q3_K's high bit is bit 4h + g of hmask[l].
//   Q4_K 256 values:  d, dmin (fp16) | scales[12] | qs[128]       8 sub-blocks of 32 with 6-bit
//         scale sc and min m: value = d * sc * nibble - dmin * m
//   Q5_K 256 values:  as Q4_K plus qh[32] holding the fifth bit of each value
//   Q6_K 256 values:  ql[128] | qh[64] | scales[16] int8 | d (fp16) 16 sub-blocks of 16:
//         value = d * scale * (6-bit q - 32)
//   IQ4_XS 256 values: d (fp16) | scales_h (u16) | scales_l[4] | qs[128]   8 sub-blocks of 32
//         with 6-bit scales ls offset by 32: value = d * (ls - 32) * kIq4nlValues[nibble];
//         sub-block j's nibbles are qs[16j..16j+15] as Q4_0 (low: values 0..15, high: 16..31),
//         ls = nibble j % 2 of scales_l[j / 2] | bits 2j..2j+1 of scales_h << 4
//   Q8_K 256 values:  d (float) | qs[256] int8 | bsums[16] int16 (sums of 16 consecutive qs);
//         activations only
#pragma once

#include <cstdint>
#include <cstring>

namespace ys::cpu {

constexpr int kQK8_0 = 32;
constexpr int kQK4_0 = 32;
constexpr int kQK_K = 256;
constexpr int kKScaleBytes = 12;
constexpr int kQK32 = 32;  // block size of Q4_1, Q5_0, Q5_1, IQ4_NL and Q8_1

// IQ4_NL's 16 non-linear levels (nibble -> value before scaling).
constexpr int8_t kIq4nlValues[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                     1,    13,   25,  38,  53,  69,  89,  113};

#pragma pack(push, 1)
struct BlockQ8_0 {
  uint16_t d;
  int8_t qs[kQK8_0];
};
struct BlockQ4_0 {
  uint16_t d;
  uint8_t qs[kQK4_0 / 2];
};
struct BlockQ4_1 {
  uint16_t d;
  uint16_t m;
  uint8_t qs[kQK32 / 2];
};
struct BlockQ5_0 {
  uint16_t d;
  uint8_t qh[4];
  uint8_t qs[kQK32 / 2];
};
struct BlockQ5_1 {
  uint16_t d;
  uint16_t m;
  uint8_t qh[4];
  uint8_t qs[kQK32 / 2];
};
struct BlockIQ4_NL {
  uint16_t d;
  uint8_t qs[kQK32 / 2];
};
struct BlockQ8_1 {
  uint16_t d;
  uint16_t s;
  int8_t qs[kQK32];
};
struct BlockQ2_K {
  uint8_t scales[kQK_K / 16];
  uint8_t qs[kQK_K / 4];
  uint16_t d;
  uint16_t dmin;
};
struct BlockQ3_K {
  uint8_t hmask[kQK_K / 8];
  uint8_t qs[kQK_K / 4];
  uint8_t scales[kKScaleBytes];
  uint16_t d;
};
struct BlockQ4_K {
  uint16_t d;
  uint16_t dmin;
  uint8_t scales[kKScaleBytes];
  uint8_t qs[kQK_K / 2];
};
struct BlockQ5_K {
  uint16_t d;
  uint16_t dmin;
  uint8_t scales[kKScaleBytes];
  uint8_t qh[kQK_K / 8];
  uint8_t qs[kQK_K / 2];
};
struct BlockQ6_K {
  uint8_t ql[kQK_K / 2];
  uint8_t qh[kQK_K / 4];
  int8_t scales[kQK_K / 16];
  uint16_t d;
};
struct BlockIQ4_XS {
  uint16_t d;
  uint16_t scales_h;
  uint8_t scales_l[kQK_K / 64];
  uint8_t qs[kQK_K / 2];
};
struct BlockQ8_K {
  float d;
  int8_t qs[kQK_K];
  int16_t bsums[kQK_K / 16];
};
#pragma pack(pop)

static_assert(sizeof(BlockQ8_0) == 34);
static_assert(sizeof(BlockQ4_0) == 18);
static_assert(sizeof(BlockQ4_1) == 20);
static_assert(sizeof(BlockQ5_0) == 22);
static_assert(sizeof(BlockQ5_1) == 24);
static_assert(sizeof(BlockIQ4_NL) == 18);
static_assert(sizeof(BlockQ8_1) == 36);
static_assert(sizeof(BlockQ2_K) == 84);
static_assert(sizeof(BlockQ3_K) == 110);
static_assert(sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176);
static_assert(sizeof(BlockQ6_K) == 210);
static_assert(sizeof(BlockIQ4_XS) == 136);
static_assert(sizeof(BlockQ8_K) == 292);

// The 6-bit scale and min of sub-block j (0..7) of a Q4_K/Q5_K block. The first four pairs sit in
// the low 6 bits of bytes 0-3 (scales) and 4-7 (mins); the last four are split between the low or
// high nibble of bytes 8-11 and the top two bits of bytes 0-7.
inline void k_scale_min(int j, const uint8_t* s, uint8_t* scale, uint8_t* min) {
  if (j < 4) {
    *scale = s[j] & 63;
    *min = s[j + 4] & 63;
  } else {
    *scale = static_cast<uint8_t>((s[j + 4] & 0xf) | ((s[j - 4] >> 6) << 4));
    *min = static_cast<uint8_t>((s[j + 4] >> 4) | ((s[j] >> 6) << 4));
  }
}

// Q4_K/Q5_K's twelve scale bytes -> scales (bytes 0..7 of sm[0..1]) and mins (bytes 0..7 of
// sm[2..3]), the values k_scale_min gives for sub-blocks 0..7.
inline void unpack_k_scales_mins(const uint8_t* packed, uint32_t sm[4]) {
  constexpr uint32_t k6 = 0x3f3f3f3f, k4 = 0x0f0f0f0f, k2 = 0x03030303;
  uint32_t u[3];
  std::memcpy(u, packed, sizeof u);
  sm[0] = u[0] & k6;                                       // scales 0..3
  sm[1] = (u[2] & k4) | (((u[0] >> 6) & k2) << 4);         // scales 4..7
  sm[2] = u[1] & k6;                                       // mins 0..3
  sm[3] = ((u[2] >> 4) & k4) | (((u[1] >> 6) & k2) << 4);  // mins 4..7
}

// The fifth bit of value j (0..31) of a Q5_0/Q5_1 block, as 0 or 16.
inline int q5_high_bit(const uint8_t* qh, int j) {
  return ((qh[j / 8] >> (j % 8)) & 1) << 4;
}

// The scale of sub-block j (0..7) of an IQ4_XS block, already offset by -32 (-32..31).
inline int iq4xs_scale(int j, const BlockIQ4_XS& blk) {
  const int lo = (blk.scales_l[j / 2] >> (4 * (j % 2))) & 0xf;
  const int hi = (blk.scales_h >> (2 * j)) & 3;
  return (lo | (hi << 4)) - 32;
}

// The signed 6-bit scale (already offset by -32) of sub-block j (0..15) of a Q3_K block: the low
// four bits are the low (j < 8) or high (j >= 8) nibble of s[j % 8], the top two are bits
// 2*(j/4)..2*(j/4)+1 of s[8 + j % 4].
inline int q3k_scale(int j, const uint8_t* s) {
  const int lo = j < 8 ? (s[j] & 0xf) : (s[j - 8] >> 4);
  const int hi = (s[8 + j % 4] >> (2 * (j / 4))) & 3;
  return (lo | (hi << 4)) - 32;
}

}  // namespace ys::cpu
