// Thread pool and matmul: coverage of ranges, independence from the thread count, and agreement
// with a naive dequantize-and-multiply loop.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/matmul.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/thread_pool.h"
#include "tests/backends/local/random_weights.h"

using namespace ys::cpu;

TEST_CASE("parallel_for visits every index exactly once for any thread count") {
  for (int threads : {1, 2, 3, 5}) {
    ThreadPool pool(threads);
    for (int64_t n : {0, 1, 2, 7, 100, 1001}) {
      std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
      for (int rep = 0; rep < 3; ++rep) {
        pool.parallel_for(n, [&](int64_t begin, int64_t end) {
          for (int64_t i = begin; i < end; ++i) hits[static_cast<size_t>(i)]++;
        });
      }
      for (auto& h : hits) REQUIRE(h.load() == 3);
    }
  }
}

TEST_CASE("matmul equals a naive loop over dequantized weights and converted activations") {
  std::mt19937 rng(5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int64_t rows = 37, cols = 256, b = 5;
  for (TensorType type : {TensorType::F32, TensorType::F16, TensorType::Q8_0}) {
    // Build the weight matrix by quantizing random floats with the activation quantizer
    // (Q8_0 and F16 weights share the layout of their activation formats).
    std::vector<float> wf(rows * cols);
    for (auto& v : wf) v = normal(rng);
    const size_t rb = type_row_bytes(type, cols);
    std::vector<uint8_t> wbytes(rb * rows);
    for (int64_t r = 0; r < rows; ++r) quantize_row(type, &wf[r * cols], &wbytes[r * rb], cols);
    std::vector<float> x(b * cols);
    for (auto& v : x) v = normal(rng);

    const WeightMatrix w{type, wbytes.data(), rows, cols, rb};
    std::vector<float> y1(b * rows), y3(b * rows);
    std::vector<uint8_t> scratch;
    ThreadPool one(1), three(3);
    matmul(one, w, x.data(), b, y1.data(), scratch);
    matmul(three, w, x.data(), b, y3.data(), scratch);
    CHECK(y1 == y3);

    const auto ref = reference_matmul(type, wbytes.data(), rows, cols, type, x.data(), b);
    for (int64_t t = 0; t < b; ++t) {
      for (int64_t r = 0; r < rows; ++r) {
        INFO(type_name(type) << " t=" << t << " r=" << r);
        REQUIRE(y1[t * rows + r] == Approx(ref[t * rows + r].sum).margin(1e-3));
      }
    }
  }
}

TEST_CASE("matrices that share an input give the same outputs in one pass as one at a time") {
  std::mt19937 rng(9);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int64_t cols = 96;
  // Q8_0 and Q4_0 weights both take Q8_0 activations; 37, 16 and 5 rows leave partial blocks.
  struct Matrix {
    TensorType type;
    int64_t rows;
    std::vector<uint8_t> bytes;
  };
  std::vector<Matrix> ms = {
      {TensorType::Q8_0, 37, {}}, {TensorType::Q4_0, 16, {}}, {TensorType::Q8_0, 5, {}}};
  for (auto& m : ms) {
    m.bytes.resize(type_row_bytes(m.type, cols) * m.rows);
    for (auto& v : m.bytes) v = static_cast<uint8_t>(rng());
    for (size_t at = 0; at < m.bytes.size(); at += type_block_bytes(m.type)) {
      const uint16_t d = float_to_fp16(0.01f);  // the block scale: small and finite
      std::memcpy(&m.bytes[at], &d, 2);
    }
  }
  for (int64_t b : {1, 5}) {
    std::vector<float> x(static_cast<size_t>(b * cols));
    for (auto& v : x) v = normal(rng);
    ThreadPool pool(3);
    std::vector<uint8_t> scratch;
    const QuantizedRows xq = quantize_rows(pool, TensorType::Q8_0, x.data(), b, cols, scratch);
    std::vector<WeightMatrix> ws;
    std::vector<std::vector<float>> one(ms.size()), many(ms.size());
    std::vector<MatmulJob> jobs;
    for (size_t i = 0; i < ms.size(); ++i) {
      ws.push_back(
          {ms[i].type, ms[i].bytes.data(), ms[i].rows, cols, type_row_bytes(ms[i].type, cols)});
      one[i].assign(static_cast<size_t>(b * ms[i].rows), NAN);
      many[i].assign(one[i].size(), NAN);
    }
    for (size_t i = 0; i < ms.size(); ++i) {
      matmul_quantized(pool, ws[i], xq, b, one[i].data());
      jobs.push_back({&ws[i], many[i].data()});
    }
    matmul_quantized_many(pool, jobs, xq, b);
    for (size_t i = 0; i < ms.size(); ++i) {
      INFO("b " << b << " matrix " << i);
      CHECK(many[i] == one[i]);
      for (float v : many[i]) REQUIRE(std::isfinite(v));
    }
  }
}

namespace {

struct TilePair {
  ys::cpu::TensorType type;
  ys::cpu::GemmTileFn avx2, other;
};

// Every tile shape of each pair's two kernels on the same random weights and activations (the
// tile's activation type), compared bit for bit; `dispatched`: gemm_tile must choose `other`.
void check_same_bits(const std::vector<TilePair>& pairs, bool dispatched) {
  using namespace ys::cpu;
  std::mt19937 rng(31);
  for (const TilePair& p : pairs) {
    const GemmTile tile = gemm_tile(p.type);
    if (dispatched) CHECK(tile.fn == p.other);
    REQUIRE((tile.rows == 4 && tile.cols <= 4));  // the output arrays below
    for (int64_t n : {256, 1024, 2816}) {
      const size_t wb = type_row_bytes(p.type, n), xb = type_row_bytes(tile.act_type, n);
      std::vector<uint8_t> w, x(static_cast<size_t>(tile.cols) * xb);
      for (int r = 0; r < 4; ++r) {
        const auto row = random_weights(p.type, n, rng);
        w.insert(w.end(), row.begin(), row.end());
      }
      std::normal_distribution<float> normal(0.0f, 1.0f);
      std::vector<float> act(static_cast<size_t>(n));
      for (int j = 0; j < tile.cols; ++j) {
        for (float& v : act) v = normal(rng);
        quantize_row(tile.act_type, act.data(), &x[j * xb], n);
      }
      for (int rm = 1; rm <= 4; ++rm) {
        for (int rn = 1; rn <= tile.cols; ++rn) {
          float a[16], b[16];
          p.avx2(n, w.data(), wb, rm, x.data(), xb, rn, a, 4);
          p.other(n, w.data(), wb, rm, x.data(), xb, rn, b, 4);
          for (int j = 0; j < rn; ++j) {
            for (int i = 0; i < rm; ++i) {
              INFO(type_name(p.type) << " n " << n << " rm " << rm << " rn " << rn);
              CHECK(std::memcmp(&a[j * 4 + i], &b[j * 4 + i], sizeof(float)) == 0);
            }
          }
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("the AVX-512 tiles give the AVX2 tiles' outputs bit for bit") {
  if (!ys::cpu::cpu_has_avx512()) {
    WARN("SKIPPED: the avx512 path is not in use (CPU without AVX-512 VNNI, or YS_CPU)");
    return;
  }
  using namespace ys::cpu;
  check_same_bits({{TensorType::Q8_0, gemm_tile_q8_0_avx2, gemm_tile_q8_0_avx512},
                   {TensorType::Q4_0, gemm_tile_q4_0_avx2, gemm_tile_q4_0_avx512},
                   {TensorType::Q5_0, gemm_tile_q5_0_avx2, gemm_tile_q5_0_avx512},
                   {TensorType::IQ4_NL, gemm_tile_iq4_nl_avx2, gemm_tile_iq4_nl_avx512},
                   {TensorType::Q4_1, gemm_tile_q4_1_avx2, gemm_tile_q4_1_avx512},
                   {TensorType::Q5_1, gemm_tile_q5_1_avx2, gemm_tile_q5_1_avx512},
                   {TensorType::Q4_K, gemm_tile_q4_k_avx2, gemm_tile_q4_k_avx512},
                   {TensorType::Q5_K, gemm_tile_q5_k_avx2, gemm_tile_q5_k_avx512},
                   {TensorType::Q6_K, gemm_tile_q6_k_avx2, gemm_tile_q6_k_avx512}},
                  true);
}

// The AVX-VNNI tiles run wherever the CPU has AVX-VNNI (the Xeons that also have AVX-512
// included, where the avxvnni path is not the default); gemm_tile picks them on that path.
TEST_CASE("the AVX-VNNI tiles give the AVX2 tiles' outputs bit for bit") {
  using namespace ys::cpu;
  if (!cpu_has_avx2() || !__builtin_cpu_supports("avxvnni")) {
    WARN("SKIPPED: this CPU has no AVX-VNNI (or YS_CPU=scalar)");
    return;
  }
  check_same_bits({{TensorType::Q8_0, gemm_tile_q8_0_avx2, gemm_tile_q8_0_avxvnni},
                   {TensorType::Q4_0, gemm_tile_q4_0_avx2, gemm_tile_q4_0_avxvnni},
                   {TensorType::Q5_0, gemm_tile_q5_0_avx2, gemm_tile_q5_0_avxvnni},
                   {TensorType::IQ4_NL, gemm_tile_iq4_nl_avx2, gemm_tile_iq4_nl_avxvnni},
                   {TensorType::Q4_1, gemm_tile_q4_1_avx2, gemm_tile_q4_1_avxvnni},
                   {TensorType::Q5_1, gemm_tile_q5_1_avx2, gemm_tile_q5_1_avxvnni}},
                  cpu_has_avxvnni());
}
