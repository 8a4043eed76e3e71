// Block layouts of the types llama-quantize writes beyond Q4_0/Q8_0/Q4_K/Q5_K/Q6_K, checked
// against values computed by hand from the format (ggml-common.h's block definitions and
// ggml-quants.c's dequantizers), and the Q8_1 activation quantizer.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/tensor_type.h"

using namespace ys::cpu;

TEST_CASE("Q4_1, Q5_0, Q5_1 and IQ4_NL blocks: nibbles as Q4_0, fifth bit from qh") {
  float y[32];
  BlockQ4_1 a{};
  a.d = 0x4000;    // 2.0
  a.m = 0xbc00;    // -1.0
  a.qs[3] = 0x5a;  // value 3 = 10, value 19 = 5
  dequantize_row(TensorType::Q4_1, &a, y, 32);
  CHECK(y[3] == 2.0f * 10 - 1.0f);
  CHECK(y[19] == 2.0f * 5 - 1.0f);
  CHECK(y[0] == -1.0f);

  BlockQ5_0 b{};
  b.d = 0x3800;  // 0.5
  b.qs[3] = 0x5a;
  b.qh[0] = 1 << 3;  // bit 3: value 3 gets 16
  b.qh[2] = 1 << 3;  // bit 19: value 19 gets 16
  dequantize_row(TensorType::Q5_0, &b, y, 32);
  CHECK(y[3] == 0.5f * (26 - 16));
  CHECK(y[19] == 0.5f * (21 - 16));
  CHECK(y[0] == 0.5f * -16);

  BlockQ5_1 c{};
  c.d = 0x3800;
  c.m = 0x3c00;     // 1.0
  c.qs[15] = 0xf0;  // value 15 = 0, value 31 = 15
  c.qh[3] = 0x80;   // bit 31
  dequantize_row(TensorType::Q5_1, &c, y, 32);
  CHECK(y[31] == 0.5f * 31 + 1.0f);
  CHECK(y[15] == 1.0f);

  BlockIQ4_NL d{};
  d.d = 0x3c00;
  d.qs[0] = 0xf0;  // value 0 -> level 0 (-127), value 16 -> level 15 (113)
  d.qs[1] = 0x08;  // value 1 -> level 8 (1)
  dequantize_row(TensorType::IQ4_NL, &d, y, 32);
  CHECK(y[0] == -127.0f);
  CHECK(y[16] == 113.0f);
  CHECK(y[1] == 1.0f);
}

TEST_CASE("IQ4_XS blocks: 6-bit sub-block scales offset by 32, IQ4_NL table levels") {
  // ggml's block_iq4_xs: sub-block j's scale is nibble j % 2 of scales_l[j / 2] with bits
  // 2j..2j+1 of scales_h as its top two bits, minus 32; its 32 values are the nibbles of
  // qs[16j..16j+15] (low nibbles first), through the IQ4_NL table.
  BlockIQ4_XS b{};
  b.d = 0x3800;  // 0.5
  // Sub-block 0: ls = 0x1 | 0b10 << 4 = 33 -> scale 1; sub-block 1: ls = 0xf | 0b00 << 4 = 15
  // -> -17; sub-block 7: ls = 0x0 | 0b11 << 4 = 48 -> 16; the others ls 0 -> -32.
  b.scales_l[0] = 0xf1;
  b.scales_h = static_cast<uint16_t>(0b10 | 0b11 << 14);
  b.qs[0] = 0xf0;         // sub-block 0: value 0 -> level 0 (-127), value 16 -> level 15 (113)
  b.qs[16 + 3] = 0x08;    // sub-block 1: value 3 -> level 8 (1), value 19 -> level 0 (-127)
  b.qs[112 + 15] = 0x9a;  // sub-block 7: value 15 -> level 10 (25), value 31 -> level 9 (13)
  b.qs[32] = 0x77;        // sub-block 2: values 0 and 16 -> level 7 (-10)
  float y[256];
  dequantize_row(TensorType::IQ4_XS, &b, y, 256);
  CHECK(y[0] == 0.5f * 1 * -127);
  CHECK(y[16] == 0.5f * 1 * 113);
  CHECK(y[1] == 0.5f * 1 * -127);  // nibble 0 -> level 0
  CHECK(y[32 + 3] == 0.5f * -17 * 1);
  CHECK(y[32 + 19] == 0.5f * -17 * -127);
  CHECK(y[224 + 15] == 0.5f * 16 * 25);
  CHECK(y[224 + 31] == 0.5f * 16 * 13);
  CHECK(y[64] == 0.5f * -32 * -10);
  CHECK(y[80] == 0.5f * -32 * -10);
}

TEST_CASE("Q2_K blocks: 4-bit scale and min per 16 values, 2-bit values by shift") {
  BlockQ2_K b{};
  b.d = 0x3c00;     // 1.0
  b.dmin = 0x3800;  // 0.5
  // Value 200 = half 1, g = 2, l = 8: bits 4-5 of qs[32 + 8]; sub-block 12.
  b.qs[40] = 0x30;      // 3
  b.scales[12] = 0x75;  // scale 5, min 7
  // Value 5 = half 0, g = 0, l = 5: bits 0-1 of qs[5]; sub-block 0.
  b.qs[5] = 0x02;
  b.scales[0] = 0x13;  // scale 3, min 1
  float y[256];
  dequantize_row(TensorType::Q2_K, &b, y, 256);
  CHECK(y[200] == 5.0f * 3 - 0.5f * 7);
  CHECK(y[5] == 3.0f * 2 - 0.5f * 1);
  CHECK(y[4] == -0.5f);  // q 0, min 1
}

TEST_CASE("Q3_K blocks: 6-bit signed scales, value minus 4 unless its hmask bit is set") {
  BlockQ3_K b{};
  b.d = 0x3800;  // 0.5
  // Sub-block 12 (values 192..207): low four bits = high nibble of scales[4], top two = bits 6-7
  // of scales[8]. Scale = 0x2 | (3 << 4) = 50, minus 32 = 18.
  b.scales[4] = 0x20;
  b.scales[8] = 0xc0;
  // Value 200 = half 1, g = 2, l = 8: low bits 4-5 of qs[40]; high bit 4*1 + 2 = 6 of hmask[8].
  b.qs[40] = 0x10;  // 1
  b.hmask[8] = 1 << 6;
  // Value 201: same sub-block, low bits 0, high bit clear -> 0 - 4.
  float y[256];
  dequantize_row(TensorType::Q3_K, &b, y, 256);
  CHECK(y[200] == 0.5f * 18 * 1);
  CHECK(y[201] == 0.5f * 18 * -4);
  // Sub-block 1: low nibble of scales[1] = 0, top bits of scales[9] bits 0-1 = 0: scale -32.
  CHECK(y[16] == 0.5f * -32 * -4);
}

TEST_CASE("Q8_1 activation quantization stores d and s = d * sum(q)") {
  float x[32];
  for (int j = 0; j < 32; ++j) x[j] = static_cast<float>(j - 10);  // max |x| = 21
  BlockQ8_1 q{};
  quantize_row_q8_1_scalar(x, &q, 32);
  const float d = 21.0f / 127.0f;
  CHECK(q.d == float_to_fp16(d));
  int sum = 0;
  for (int j = 0; j < 32; ++j) {
    CHECK(q.qs[j] == static_cast<int>(std::nearbyint(x[j] * (127.0f / 21.0f))));
    sum += q.qs[j];
  }
  CHECK(q.qs[31] == 127);
  CHECK(q.s == float_to_fp16(d * static_cast<float>(sum)));
  if (cpu_has_avx2()) {
    BlockQ8_1 v{};
    quantize_row_q8_1_avx2(x, &v, 32);
    CHECK(std::memcmp(&q, &v, sizeof q) == 0);
  }
}

TEST_CASE("tensor types are found by their ggml names in any case") {
  CHECK(type_from_name("q4_K") == TensorType::Q4_K);
  CHECK(type_from_name("Q4_K") == TensorType::Q4_K);
  CHECK(type_from_name("q5_1") == TensorType::Q5_1);
  CHECK(type_from_name("IQ4_NL") == TensorType::IQ4_NL);
  CHECK(type_from_name("iq4_xs") == TensorType::IQ4_XS);
  CHECK(type_from_name("bf16") == TensorType::BF16);
  CHECK_FALSE(type_from_name("q4_k_m").has_value());
  CHECK_FALSE(type_from_name("").has_value());
  CHECK(type_is_activation_only(TensorType::Q8_1));
  CHECK(type_is_activation_only(TensorType::Q8_K));
  CHECK_FALSE(type_is_activation_only(TensorType::Q8_0));
}

TEST_CASE("the AVX2 Q8_K quantizer is bit-identical to the scalar one") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(41);
  std::normal_distribution<float> normal(0.0f, 2.0f);
  const int64_t n = 4 * 256;
  for (int rep = 0; rep < 50; ++rep) {
    std::vector<float> x(static_cast<size_t>(n));
    for (float& v : x) v = normal(rng);
    // Block 1: two values of the largest magnitude with opposite signs (the first one wins);
    // block 2: all zeros; block 3: NaNs (passed over when the scale is chosen) and halves that
    // round to even.
    x[256 + 7] = -9.5f;
    x[256 + 200] = 9.5f;
    std::fill(x.begin() + 512, x.begin() + 768, 0.0f);
    if (rep % 2) x[768 + 3] = NAN;
    x[768 + 10] = 0.5f;
    std::vector<BlockQ8_K> a(4), b(4);
    quantize_row_q8_k_scalar(x.data(), a.data(), n);
    quantize_row_q8_k_avx2(x.data(), b.data(), n);
    INFO("rep " << rep);
    REQUIRE(std::memcmp(a.data(), b.data(), 4 * sizeof(BlockQ8_K)) == 0);
  }
  // The tie rule itself: the first of -9.5 and 9.5 is `max`, and iscale = -127 / max maps it to
  // -127 (the other choice would flip every sign).
  std::vector<float> x(256, 1.0f);
  x[7] = -9.5f;
  x[200] = 9.5f;
  BlockQ8_K q{};
  quantize_row_q8_k_avx2(x.data(), &q, 256);
  CHECK(static_cast<int>(q.qs[7]) == -127);
  CHECK(static_cast<int>(q.qs[200]) == 127);
  CHECK(static_cast<int>(q.qs[0]) == 13);  // round_half_even(1 * 127 / 9.5 = 13.37)
}

TEST_CASE(
    "the K-quant scales and mins unpacked at once equal k_scale_min's, sub-block by sub-block") {
  std::mt19937 rng(43);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int rep = 0; rep < 2000; ++rep) {
    uint8_t packed[12];
    for (uint8_t& v : packed) v = static_cast<uint8_t>(byte(rng));
    uint32_t sm[4];
    unpack_k_scales_mins(packed, sm);
    uint8_t bytes[16];
    std::memcpy(bytes, sm, sizeof bytes);
    for (int j = 0; j < 8; ++j) {
      uint8_t sc, mn;
      k_scale_min(j, packed, &sc, &mn);
      INFO("rep " << rep << " sub-block " << j);
      REQUIRE(bytes[j] == sc);
      REQUIRE(bytes[8 + j] == mn);
    }
  }
}
