// Byte layouts of the quantized block formats, as stored in GGUF tensor data (little-endian,
// packed, no padding). Scales marked fp16 are IEEE binary16 bit patterns (see fp16.h).
//
//   Q8_0  32 values:  d (fp16) | qs[32] int8                      value = d * q
//   Q4_0  32 values:  d (fp16) | qs[16] nibbles                   value = d * (nibble - 8)
//         byte j holds value j (low nibble) and value j + 16 (high nibble)
//   Q4_K 256 values:  d, dmin (fp16) | scales[12] | qs[128]       8 sub-blocks of 32 with 6-bit
//         scale sc and min m: value = d * sc * nibble - dmin * m
//   Q5_K 256 values:  as Q4_K plus qh[32] holding the fifth bit of each value
//   Q6_K 256 values:  ql[128] | qh[64] | scales[16] int8 | d (fp16) 16 sub-blocks of 16:
//         value = d * scale * (6-bit q - 32)
//   Q8_K 256 values:  d (float) | qs[256] int8 | bsums[16] int16 (sums of 16 consecutive qs);
//         activations only
#pragma once

#include <cstdint>

namespace ys::cpu {

constexpr int kQK8_0 = 32;
constexpr int kQK4_0 = 32;
constexpr int kQK_K = 256;
constexpr int kKScaleBytes = 12;

#pragma pack(push, 1)
struct BlockQ8_0 {
  uint16_t d;
  int8_t qs[kQK8_0];
};
struct BlockQ4_0 {
  uint16_t d;
  uint8_t qs[kQK4_0 / 2];
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
struct BlockQ8_K {
  float d;
  int8_t qs[kQK_K];
  int16_t bsums[kQK_K / 16];
};
#pragma pack(pop)

static_assert(sizeof(BlockQ8_0) == 34);
static_assert(sizeof(BlockQ4_0) == 18);
static_assert(sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176);
static_assert(sizeof(BlockQ6_K) == 210);
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

}  // namespace ys::cpu
