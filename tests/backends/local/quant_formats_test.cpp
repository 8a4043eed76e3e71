// Block formats, fp16/bf16 rounding and activation quantizers against hand-computed values.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/quantize.h"

using namespace ys::cpu;

TEST_CASE("fp16 conversion round-trips every finite half value") {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const auto half = static_cast<uint16_t>(h);
    if ((half & 0x7c00) == 0x7c00 && (half & 0x3ff) != 0) continue;  // NaN payloads
    REQUIRE(float_to_fp16(fp16_to_float(half)) == half);
  }
}

TEST_CASE("fp16 conversion rounds to nearest with ties to even") {
  CHECK(float_to_fp16(1.0f) == 0x3c00);
  CHECK(float_to_fp16(1.0f + std::ldexp(1.0f, -11)) == 0x3c00);      // tie, stays even
  CHECK(float_to_fp16(1.0f + 3 * std::ldexp(1.0f, -11)) == 0x3c02);  // tie, rounds up to even
  CHECK(float_to_fp16(1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20)) == 0x3c01);
  CHECK(float_to_fp16(65504.0f) == 0x7bff);
  CHECK(float_to_fp16(65520.0f) == 0x7c00);  // overflows to infinity
  CHECK(float_to_fp16(std::ldexp(1.0f, -24)) == 0x0001);
  CHECK(float_to_fp16(std::ldexp(1.0f, -25)) == 0x0000);  // tie between 0 and 1 ulp
  CHECK(float_to_fp16(3 * std::ldexp(1.0f, -25)) == 0x0002);
  CHECK(float_to_fp16(-2.0f) == 0xc000);
  CHECK(fp16_to_float(0x3555) == Approx(0.333251953125f).epsilon(0));
}

TEST_CASE("bf16 conversion rounds to nearest with ties to even") {
  CHECK(float_to_bf16(1.0f) == 0x3f80);
  CHECK(float_to_bf16(bits_float(0x3f808000u)) == 0x3f80);
  CHECK(float_to_bf16(bits_float(0x3f818000u)) == 0x3f82);
  CHECK(float_to_bf16(bits_float(0x3f808001u)) == 0x3f81);
  CHECK(bf16_to_float(0xc040) == -3.0f);
}

TEST_CASE("Q8_0 and Q4_0 blocks dequantize as scale times value") {
  BlockQ8_0 q8{};
  q8.d = 0x3800;  // 0.5
  for (int j = 0; j < 32; ++j) q8.qs[j] = static_cast<int8_t>(j - 16);
  float y[32];
  dequantize_row(TensorType::Q8_0, &q8, y, 32);
  CHECK(y[0] == -8.0f);
  CHECK(y[31] == 7.5f);

  BlockQ4_0 q4{};
  q4.d = 0x4000;    // 2.0
  q4.qs[0] = 0xf1;  // value 0 = 1 - 8, value 16 = 15 - 8
  q4.qs[15] = 0x80;
  dequantize_row(TensorType::Q4_0, &q4, y, 32);
  CHECK(y[0] == -14.0f);
  CHECK(y[16] == 14.0f);
  CHECK(y[15] == -16.0f);
  CHECK(y[31] == 0.0f);
}

TEST_CASE("Q4_K and Q5_K blocks apply 6-bit scales and mins per sub-block of 32") {
  BlockQ5_K b{};
  b.d = 0x3c00;     // 1.0
  b.dmin = 0x3800;  // 0.5
  // Sub-block 1: scale 3 (byte 1 low bits), min 5 (byte 5). Sub-block 6: scale = low nibble of
  // byte 10 | top bits of byte 2 << 4; min = high nibble of byte 10 | top bits of byte 6 << 4.
  b.scales[1] = 3;
  b.scales[5] = 5;
  b.scales[2] = 0x40;   // sub-block 6 scale gets 1 << 4
  b.scales[6] = 0x80;   // sub-block 6 min gets 2 << 4
  b.scales[10] = 0x32;  // scale low 2, min low 3 -> scale 18, min 35
  b.qs[0] = 0x70;       // value 32 (sub 1, high nibble of byte 0) = 7
  b.qs[96] = 0x09;      // value 192 (sub 6, low nibble of byte 96) = 9
  BlockQ4_K b4{};
  b4.d = b.d;
  b4.dmin = b.dmin;
  std::memcpy(b4.scales, b.scales, sizeof b4.scales);
  std::memcpy(b4.qs, b.qs, sizeof b4.qs);
  float y[256];
  dequantize_row(TensorType::Q4_K, &b4, y, 256);
  CHECK(y[32] == 3.0f * 7 - 0.5f * 5);
  CHECK(y[192] == 18.0f * 9 - 0.5f * 35);
  CHECK(y[0] == 0.0f);  // scale 0, min 0

  // Q5_K: the same scales, with bit `sub` of qh[l] adding 16 to value 32*sub + l.
  b.qh[0] = 1 << 1;   // value 32
  b.qh[0] |= 1 << 6;  // value 192
  dequantize_row(TensorType::Q5_K, &b, y, 256);
  CHECK(y[32] == 3.0f * 23 - 0.5f * 5);
  CHECK(y[192] == 18.0f * 25 - 0.5f * 35);
}

TEST_CASE("Q6_K blocks combine low nibbles and two high bits, offset by 32") {
  BlockQ6_K b{};
  b.d = 0x3800;  // 0.5
  for (int j = 0; j < 16; ++j) b.scales[j] = static_cast<int8_t>(j - 8);
  // Value 200 = second half, r = 72: group 2 -> high nibble of ql[64 + 8], bits 4-5 of qh[32 + 8].
  b.ql[72] = 0xa0;  // high nibble 10
  b.qh[40] = 0x30;  // bits 4-5 = 3 -> q = 10 | 48 = 58, minus 32 = 26
  float y[256];
  dequantize_row(TensorType::Q6_K, &b, y, 256);
  CHECK(y[200] == 0.5f * (12 - 8) * 26);
  CHECK(y[0] == 0.5f * (0 - 8) * -32);
}

TEST_CASE("Q8_0 activation quantization rounds half to even against the block maximum") {
  std::vector<float> x(32, 0.0f);
  x[0] = 127.0f;
  x[1] = 2.5f;
  x[2] = 3.5f;
  x[3] = -2.5f;
  x[4] = -126.6f;
  BlockQ8_0 q{};
  quantize_row_q8_0_scalar(x.data(), &q, 32);
  CHECK(q.d == 0x3c00);  // 127 / 127 = 1
  CHECK(q.qs[0] == 127);
  CHECK(q.qs[1] == 2);
  CHECK(q.qs[2] == 4);
  CHECK(q.qs[3] == -2);
  CHECK(q.qs[4] == -127);
  CHECK(q.qs[5] == 0);
}

TEST_CASE("Q8_K activation quantization maps the signed maximum to -127 and stores sums") {
  std::vector<float> x(256, 0.0f);
  x[0] = 2.5f;
  x[1] = -127.0f;  // m = -127 -> iscale = 1
  x[17] = 3.5f;
  x[300 % 256] = 1.0f;
  BlockQ8_K q{};
  quantize_row_q8_k_scalar(x.data(), &q, 256);
  CHECK(q.d == 1.0f);
  CHECK(q.qs[0] == 2);
  CHECK(q.qs[1] == -127);
  CHECK(q.qs[17] == 4);
  CHECK(q.bsums[0] == 2 - 127);
  CHECK(q.bsums[1] == 4);
  CHECK(q.bsums[2] == 1);  // x[44]

  x[1] = 127.0f;  // m = +127 -> iscale = -1: every value flips sign
  quantize_row_q8_k_scalar(x.data(), &q, 256);
  CHECK(q.d == -1.0f);
  CHECK(q.qs[1] == -127);
  CHECK(q.qs[0] == -2);

  std::vector<float> zeros(256, 0.0f);
  quantize_row_q8_k_scalar(zeros.data(), &q, 256);
  CHECK(q.d == 0.0f);
  CHECK(q.qs[5] == 0);
}

TEST_CASE("AVX2 activation quantizers are bit-identical to the scalar ones") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(7);
  std::normal_distribution<float> dist(0.0f, 3.0f);
  for (int64_t n : {32, 64, 96, 896, 4864}) {
    std::vector<float> x(n);
    for (auto& v : x) v = dist(rng);
    x[3] = 0.0f;
    std::vector<uint8_t> a(n * 2 + 64), b(n * 2 + 64);
    quantize_row_q8_0_scalar(x.data(), a.data(), n);
    quantize_row_q8_0_avx2(x.data(), b.data(), n);
    CHECK(std::memcmp(a.data(), b.data(), n / 32 * sizeof(BlockQ8_0)) == 0);
    convert_row_f16_scalar(x.data(), a.data(), n - 3);
    convert_row_f16_avx2(x.data(), b.data(), n - 3);
    CHECK(std::memcmp(a.data(), b.data(), (n - 3) * 2) == 0);
  }
}
