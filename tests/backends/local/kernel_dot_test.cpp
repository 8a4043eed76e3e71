// Dot-product kernels: the scalar reference against an independent dequantize-then-multiply
// computation, and every AVX2 kernel against the scalar reference on random data.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/vec_dot.h"
#include "tests/backends/local/random_weights.h"

using namespace ys::cpu;

namespace {

struct Case {
  TensorType type;
  std::vector<int64_t> sizes;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {TensorType::F32, {1, 7, 8, 15, 16, 17, 33, 64, 67, 896}},
      {TensorType::F16, {1, 7, 8, 15, 16, 17, 33, 64, 67, 896}},
      {TensorType::BF16, {1, 7, 8, 9, 31, 64, 67, 896}},
      {TensorType::Q8_0, {32, 64, 96, 896, 4864}},
      {TensorType::Q4_0, {32, 64, 96, 896, 4864}},
      {TensorType::Q4_1, {32, 64, 96, 896}},
      {TensorType::Q5_0, {32, 64, 96, 896}},
      {TensorType::Q5_1, {32, 64, 96, 896}},
      {TensorType::IQ4_NL, {32, 64, 96, 896}},
      {TensorType::Q2_K, {256, 512, 1280}},
      {TensorType::Q3_K, {256, 512, 1280}},
      {TensorType::Q4_K, {256, 512, 1280}},
      {TensorType::Q5_K, {256, 512, 1280}},
      {TensorType::Q6_K, {256, 512, 1280}},
      {TensorType::IQ4_XS, {256, 512, 1280}},
  };
  return c;
}

std::vector<float> random_activations(int64_t n, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(n);
  for (auto& v : x) v = normal(rng);
  return x;
}

}  // namespace

TEST_CASE("scalar dot kernels equal the dot product of the dequantized rows") {
  std::mt19937 rng(11);
  for (const auto& c : cases()) {
    for (int64_t n : c.sizes) {
      const auto w = random_weights(c.type, n, rng);
      const auto x = random_activations(n, rng);
      const TensorType xt = vec_dot_type(c.type);
      std::vector<uint8_t> xq(type_row_bytes(xt, n));
      quantize_row(xt, x.data(), xq.data(), n);
      std::vector<float> wf(n), xf(n);
      dequantize_row(c.type, w.data(), wf.data(), n);
      dequantize_row(xt, xq.data(), xf.data(), n);
      double expect = 0.0, magnitude = 0.0;
      for (int64_t i = 0; i < n; ++i) {
        expect += static_cast<double>(wf[i]) * xf[i];
        magnitude += std::fabs(static_cast<double>(wf[i]) * xf[i]);
      }
      const float got = vec_dot_fn_scalar(c.type)(n, w.data(), xq.data());
      INFO(type_name(c.type) << " n=" << n);
      // Q8_1 carries s = fp16(d * sum(q)) for the weights' minimum, rounded apart from d: the
      // kernel's minimum term is exact only to fp16 precision (as in ggml).
      const double rel = xt == TensorType::Q8_1 ? 1e-3 : 1e-5;
      CHECK(std::fabs(got - expect) <= rel * magnitude + 1e-6);
    }
  }
}

TEST_CASE("AVX2 dot kernels agree with the scalar reference on random rows") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(12);
  for (const auto& c : cases()) {
    for (int64_t n : c.sizes) {
      for (int rep = 0; rep < 4; ++rep) {
        const auto w = random_weights(c.type, n, rng);
        const auto x = random_activations(n, rng);
        const TensorType xt = vec_dot_type(c.type);
        std::vector<uint8_t> xq(type_row_bytes(xt, n));
        quantize_row(xt, x.data(), xq.data(), n);
        std::vector<float> wf(n), xf(n);
        dequantize_row(c.type, w.data(), wf.data(), n);
        dequantize_row(xt, xq.data(), xf.data(), n);
        double magnitude = 0.0;
        for (int64_t i = 0; i < n; ++i) magnitude += std::fabs(static_cast<double>(wf[i]) * xf[i]);
        const float ref = vec_dot_fn_scalar(c.type)(n, w.data(), xq.data());
        const float fast = vec_dot_fn(c.type)(n, w.data(), xq.data());
        INFO(type_name(c.type) << " n=" << n);
        CHECK(std::fabs(fast - ref) <= 1e-5 * magnitude + 1e-6);
      }
    }
  }
}

TEST_CASE("every weight type has a dot kernel and unknown types have none") {
  for (const auto& c : cases()) CHECK(vec_dot_fn(c.type) != nullptr);
  CHECK(vec_dot_fn(static_cast<TensorType>(16)) == nullptr);  // IQ2_XXS: not supported
  CHECK_FALSE(type_known(static_cast<TensorType>(16)));
  CHECK(vec_dot_fn(TensorType::Q8_1) == nullptr);  // activations only
}

TEST_CASE("the integer-sum AVX2 kernels are bit-identical to the scalar ones") {
  // Q4_1, Q5_0, Q5_1, IQ4_NL, IQ4_XS and all K-quants sum integers per block and then take the
  // scalar reference's float steps in the same order.
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(14);
  for (TensorType type : {TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::IQ4_NL,
                          TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                          TensorType::Q6_K, TensorType::IQ4_XS}) {
    for (int64_t n : {256, 1280}) {
      const auto w = random_weights(type, n, rng);
      const auto x = random_activations(n, rng);
      const TensorType xt = vec_dot_type(type);
      std::vector<uint8_t> xq(type_row_bytes(xt, n));
      quantize_row(xt, x.data(), xq.data(), n);
      INFO(type_name(type) << " n=" << n);
      CHECK(vec_dot_fn(type)(n, w.data(), xq.data()) ==
            vec_dot_fn_scalar(type)(n, w.data(), xq.data()));
    }
  }
}

// The kernels one path has (`kernel_of`: vec_dot_fn_avx512 or vec_dot_fn_avxvnni) against the
// scalar ones, bit for bit, on random rows of every size of cases(); `dispatched`: vec_dot_fn
// must choose them. Returns how many kernels the path has.
static int check_bit_identical(VecDotFn (*kernel_of)(TensorType), bool dispatched, unsigned seed) {
  std::mt19937 rng(seed);
  int kernels = 0;
  for (const auto& c : cases()) {
    const VecDotFn fast = kernel_of(c.type);
    if (!fast) continue;
    ++kernels;
    if (dispatched) CHECK(vec_dot_fn(c.type) == fast);
    for (int64_t n : c.sizes) {
      for (int rep = 0; rep < 3; ++rep) {
        const auto w = random_weights(c.type, n, rng);
        const auto x = random_activations(n, rng);
        const TensorType xt = vec_dot_type(c.type);
        std::vector<uint8_t> xq(type_row_bytes(xt, n));
        quantize_row(xt, x.data(), xq.data(), n);
        INFO(type_name(c.type) << " n=" << n);
        CHECK(fast(n, w.data(), xq.data()) == vec_dot_fn_scalar(c.type)(n, w.data(), xq.data()));
      }
    }
  }
  return kernels;
}

TEST_CASE("the AVX-512 VNNI kernels are bit-identical to the scalar ones") {
  if (!cpu_has_avx512()) {
    WARN("SKIPPED: the avx512 path is not in use (CPU without AVX-512 VNNI, or YS_CPU)");
    return;
  }
  // Q4_1, Q5_0, Q5_1, IQ4_NL, Q2_K, Q3_K, Q5_K, IQ4_XS
  CHECK(check_bit_identical(vec_dot_fn_avx512, true, 15) == 8);
}

TEST_CASE("the AVX-VNNI kernels are bit-identical to the scalar ones") {
  if (!cpu_has_avx2() || !__builtin_cpu_supports("avxvnni")) {
    WARN("SKIPPED: this CPU has no AVX-VNNI (or YS_CPU=scalar)");
    return;
  }
  // Q4_1, Q5_0, Q5_1, IQ4_NL, Q2_K, Q3_K, Q5_K, IQ4_XS
  CHECK(check_bit_identical(vec_dot_fn_avxvnni, cpu_has_avxvnni(), 17) == 8);
}

TEST_CASE("tiled matmul kernels agree with the scalar dot kernel for every tile shape") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(13);
  for (TensorType type : {TensorType::Q8_0, TensorType::Q4_0, TensorType::Q5_0, TensorType::IQ4_NL,
                          TensorType::Q4_1, TensorType::Q5_1, TensorType::Q4_K, TensorType::Q5_K,
                          TensorType::Q6_K, TensorType::IQ4_XS, TensorType::F16}) {
    const GemmTile tile = gemm_tile(type);
    REQUIRE(tile.fn != nullptr);
    std::vector<int64_t> sizes = {32, 96, 896};
    if (type == TensorType::F16) sizes = {37, 96, 901};
    if (type_block_elems(type) == 256) sizes = {256, 768, 1280};
    for (int64_t n : sizes) {
      const size_t wb = type_row_bytes(type, n);
      std::vector<uint8_t> w;
      for (int r = 0; r < tile.rows; ++r) {
        const auto row = random_weights(type, n, rng);
        w.insert(w.end(), row.begin(), row.end());
      }
      const TensorType vt = vec_dot_type(type);
      const size_t xb = type_row_bytes(tile.act_type, n), vb = type_row_bytes(vt, n);
      std::vector<uint8_t> xt(xb * tile.cols), xv(vb * tile.cols);
      for (int j = 0; j < tile.cols; ++j) {
        const auto x = random_activations(n, rng);
        quantize_row(tile.act_type, x.data(), &xt[j * xb], n);
        quantize_row(vt, x.data(), &xv[j * vb], n);
      }
      for (int rm = 1; rm <= tile.rows; ++rm) {
        for (int rn = 1; rn <= tile.cols; ++rn) {
          std::vector<float> y(static_cast<size_t>(tile.cols * tile.rows), -1.0f);
          tile.fn(n, w.data(), wb, rm, xt.data(), xb, rn, y.data(), tile.rows);
          for (int j = 0; j < tile.cols; ++j) {
            for (int i = 0; i < tile.rows; ++i) {
              const float got = y[static_cast<size_t>(j * tile.rows + i)];
              if (i >= rm || j >= rn) {
                REQUIRE(got == -1.0f);  // outside the tile: untouched
                continue;
              }
              const float ref = vec_dot_fn_scalar(type)(n, &w[i * wb], &xv[j * vb]);
              INFO(type_name(type) << " n=" << n << " tile " << rm << "x" << rn);
              REQUIRE(std::fabs(got - ref) <= 1e-5f * (1.0f + std::fabs(ref)) + 1e-4f);
            }
          }
        }
      }
    }
  }
}
