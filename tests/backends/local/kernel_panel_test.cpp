// Panel matmuls (cpu/gemm_panel.h, cpu/gemm_q8_panel.h): the packed weight panel against
// dequantize_row, the packed activation layouts against their formulas, and whole matmuls that
// take a panel path against a naive double-precision loop over dequantized weights and converted
// activations.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/gemm_q8_panel.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/matmul.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/thread_pool.h"
#include "tests/backends/local/random_weights.h"

using namespace ys::cpu;

namespace {

// Column counts per type: several column chunks with a shorter last one where the block size
// allows it (kPanelDepth is 256), and for the plain float types a count that is not a multiple
// of 8 (the panel is transposed eight columns at a time).
std::vector<int64_t> test_cols(TensorType type) {
  if (type_block_elems(type) == 256) return {256, 768};
  if (type_block_elems(type) == 1) return {64, 301, 544};
  return {64, 288, 544};
}

// The panel path is forced from this many tokens (the default threshold is higher).
constexpr int64_t kMinTokens = 32;

const TensorType kTypes[] = {
    TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q8_0,   TensorType::Q4_0,
    TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::IQ4_NL, TensorType::Q2_K,
    TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K,   TensorType::IQ4_XS};

}  // namespace

TEST_CASE("a weight panel holds the dequantized rows column by column, zeros past the last row") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(21);
  for (TensorType type : kTypes) {
    const int64_t cols = test_cols(type).back();
    const size_t rb = type_row_bytes(type, cols);
    std::vector<uint8_t> w;
    for (int r = 0; r < kPanelRows; ++r) {
      const auto row = random_weights(type, cols, rng);
      w.insert(w.end(), row.begin(), row.end());
    }
    std::vector<float> ref(static_cast<size_t>(kPanelRows * cols));
    for (int r = 0; r < kPanelRows; ++r) dequantize_row(type, &w[r * rb], &ref[r * cols], cols);
    for (int rows : {kPanelRows, 5}) {
      const int64_t k0 = cols > kPanelDepth ? kPanelDepth : 0;
      const int64_t kc = std::min(kPanelDepth, cols - k0);
      std::vector<float> tmp(static_cast<size_t>(kPanelRows * kc));
      alignas(32) static float out[kPanelRows * kPanelDepth];
      panel_pack_avx2(type, w.data(), rb, rows, k0, kc, tmp.data(), out);
      for (int64_t k = 0; k < kc; ++k) {
        for (int i = 0; i < kPanelRows; ++i) {
          INFO(type_name(type) << " rows " << rows << " k " << k << " i " << i);
          const float want = i < rows ? ref[i * cols + k0 + k] : 0.0f;
          REQUIRE(out[k * kPanelRows + i] == want);
        }
      }
    }
  }
}

TEST_CASE("panel_put_row places every value where the packed layout says") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  for (int64_t b : {1, 6, 7, 40}) {
    for (int64_t cols : {32, 256, 288, 800}) {
      std::vector<float> packed(panel_packed_floats(b, cols), -1.0f);
      std::vector<float> row(static_cast<size_t>(cols));
      for (int64_t t = 0; t < b; ++t) {
        for (int64_t k = 0; k < cols; ++k) row[k] = static_cast<float>(t * 10000 + k);
        panel_put_row_avx2(TensorType::F32, reinterpret_cast<const uint8_t*>(row.data()), t, b,
                           cols, packed.data());
      }
      const int64_t n_blocks = (b + kPanelTokens - 1) / kPanelTokens;
      for (int64_t t = 0; t < b; ++t) {
        for (int64_t k = 0; k < cols; ++k) {
          const int64_t k0 = k / kPanelDepth * kPanelDepth;
          const int64_t kc = std::min(kPanelDepth, cols - k0);
          const int64_t at = (k0 * n_blocks + (t / kPanelTokens) * kc) * kPanelTokens +
                             (k - k0) * kPanelTokens + t % kPanelTokens;
          INFO("b " << b << " cols " << cols << " t " << t << " k " << k);
          REQUIRE(packed[static_cast<size_t>(at)] == static_cast<float>(t * 10000 + k));
        }
      }
    }
  }
}

TEST_CASE("panel matmul equals a naive loop over dequantized weights and converted activations") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(22);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  ThreadPool one(1), three(3);
  for (TensorType type : kTypes) {
    for (int64_t cols : test_cols(type)) {
      for (int64_t rows : {int64_t{37}, int64_t{48}}) {
        const size_t rb = type_row_bytes(type, cols);
        std::vector<uint8_t> wbytes;
        for (int64_t r = 0; r < rows; ++r) {
          const auto row = random_weights(type, cols, rng);
          wbytes.insert(wbytes.end(), row.begin(), row.end());
        }
        const WeightMatrix w{type, wbytes.data(), rows, cols, rb};
        const int64_t b = rows == 37 ? 32 : 45;  // 45: a partial token block
        std::vector<float> x(static_cast<size_t>(b * cols));
        for (auto& v : x) v = normal(rng);

        std::vector<float> y1(static_cast<size_t>(b * rows), NAN), y3(y1);
        std::vector<uint8_t> scratch;
        const QuantizedRows xq = quantize_rows(one, matmul_input_type(type), x.data(), b, cols,
                                               scratch, kMinTokens, panel_packs(type));
        REQUIRE((xq.values != nullptr || xq.q8 != nullptr));  // a panel path runs
        matmul_quantized(one, w, xq, b, y1.data());
        matmul(three, w, x.data(), b, y3.data(), scratch, kMinTokens);
        CHECK(y1 == y3);  // independent of the thread count

        const auto ref =
            reference_matmul(type, wbytes.data(), rows, cols, matmul_input_type(type), x.data(), b);
        for (int64_t t = 0; t < b; ++t) {
          for (int64_t r = 0; r < rows; ++r) {
            const ReferenceDot& d = ref[t * rows + r];
            INFO(type_name(type) << " cols " << cols << " t " << t << " r " << r);
            REQUIRE(std::fabs(y1[t * rows + r] - d.sum) <= 1e-6 * d.magnitude + 1e-6);
          }
        }
      }
    }
  }
}

TEST_CASE("activations are packed for the panel path only from the threshold up") {
  ThreadPool pool(1);
  std::vector<float> x(static_cast<size_t>(4 * 64), 1.0f);
  std::vector<uint8_t> scratch;
  CHECK(quantize_rows(pool, TensorType::Q8_0, x.data(), 4, 64, scratch).values == nullptr);
  const bool packed = quantize_rows(pool, TensorType::Q8_0, x.data(), 4, 64, scratch, 4).values;
  CHECK(packed == cpu_has_avx2());
}

TEST_CASE("the AVX-512 panel tile gives the AVX2 tile's outputs bit for bit") {
  if (!cpu_has_avx512()) {
    WARN("SKIPPED: the avx512 path is not in use (CPU without AVX-512 VNNI, or YS_CPU)");
    return;
  }
  std::mt19937 rng(23);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  ThreadPool one(1);
  // Token counts: one block, a pair, a pair plus a short block, pairs whose second block is
  // short (every length 1..5), and a count with many pairs.
  const int64_t counts[] = {1, 6, 12, 13, 7, 8, 9, 10, 11, 17, 23, 24, 45, 70};
  for (TensorType type :
       {TensorType::F32, TensorType::F16, TensorType::Q8_0, TensorType::Q4_K, TensorType::Q6_K}) {
    const int64_t cols = test_cols(type).back();  // several column chunks: `add` is exercised
    const int64_t rows = 37;                      // two full row groups and a short one
    const size_t rb = type_row_bytes(type, cols);
    std::vector<uint8_t> wbytes;
    for (int64_t r = 0; r < rows; ++r) {
      const auto row = random_weights(type, cols, rng);
      wbytes.insert(wbytes.end(), row.begin(), row.end());
    }
    for (int64_t b : counts) {
      std::vector<float> x(static_cast<size_t>(b * cols));
      for (auto& v : x) v = normal(rng);
      std::vector<uint8_t> scratch;
      const QuantizedRows xq =
          quantize_rows(one, matmul_input_type(type), x.data(), b, cols, scratch, 1);
      REQUIRE(xq.values != nullptr);
      std::vector<float> narrow(static_cast<size_t>(b * rows), NAN), wide(narrow);
      panel_rows_avx2(type, wbytes.data(), rb, cols, 0, rows, xq.values, b, narrow.data(), rows,
                      false);
      panel_rows_avx2(type, wbytes.data(), rb, cols, 0, rows, xq.values, b, wide.data(), rows,
                      true);
      INFO(type_name(type) << " b " << b);
      for (size_t i = 0; i < wide.size(); ++i) {
        INFO("output " << i);
        REQUIRE(std::memcmp(&wide[i], &narrow[i], sizeof(float)) == 0);
      }
    }
  }
}

TEST_CASE("q8_panel_put_row places every byte, scale and bsum pair where the layout says") {
  std::mt19937 rng(24);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (int64_t b : {1, 6, 7, 40}) {
    for (int64_t cols : {256, 768}) {
      const int64_t n_kb = cols / 256;
      std::vector<float> x(static_cast<size_t>(b * cols));
      for (auto& v : x) v = normal(rng);
      std::vector<BlockQ8_K> rows(static_cast<size_t>(b * n_kb));
      for (int64_t t = 0; t < b; ++t)
        quantize_row(TensorType::Q8_K, &x[t * cols], &rows[t * n_kb], cols);
      std::vector<uint8_t> packed(q8_panel_packed_bytes(b, cols), 0xAA);
      for (int64_t t = 0; t < b; ++t) q8_panel_put_row(&rows[t * n_kb], t, b, cols, packed.data());
      q8_panel_clear_padding(b, cols, packed.data());
      const int64_t n_groups = (b + kQ8PanelTokens - 1) / kQ8PanelTokens;
      REQUIRE(packed.size() == static_cast<size_t>(n_kb * n_groups * kQ8PanelTokens * 292));
      for (int64_t t = 0; t < n_groups * kQ8PanelTokens; ++t) {
        for (int64_t kb = 0; kb < n_kb; ++kb) {
          const uint8_t* rec = &packed[static_cast<size_t>((kb * n_groups + t / kQ8PanelTokens) *
                                                           kQ8PanelTokens * 292)];
          const int64_t l = t % kQ8PanelTokens;
          const bool real = t < b;
          INFO("b " << b << " cols " << cols << " t " << t << " kb " << kb);
          for (int k = 0; k < 256; ++k) {
            const auto got = static_cast<int8_t>(rec[((k / 4) * kQ8PanelTokens + l) * 4 + k % 4]);
            REQUIRE(got == (real ? rows[t * n_kb + kb].qs[k] : 0));
          }
          float d;
          std::memcpy(&d, rec + 256 * kQ8PanelTokens + l * 4, 4);
          REQUIRE(d == (real ? rows[t * n_kb + kb].d : 0.0f));
          for (int i = 0; i < 16; ++i) {
            int16_t bsum;
            std::memcpy(
                &bsum,
                rec + 260 * kQ8PanelTokens + ((i / 2) * kQ8PanelTokens + l) * 4 + (i % 2) * 2, 2);
            REQUIRE(bsum == (real ? rows[t * n_kb + kb].bsums[i] : 0));
          }
        }
      }
    }
  }
}

TEST_CASE("the integer panels equal a naive loop for every row and token remainder") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: the scalar path is in use (CPU without AVX2, or YS_CPU=scalar)");
    return;
  }
  std::mt19937 rng(25);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  ThreadPool one(1), two(2);
  for (TensorType type : {TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K}) {
    REQUIRE(q8_panel_supported(type));
    const int64_t cols = 512;
    // Rows: one short group in the first vector, one in the second, a full group plus a short
    // one; tokens: one short token group, full ones, full ones plus every remainder.
    for (int64_t rows : {int64_t{5}, int64_t{20}, int64_t{37}, int64_t{64}}) {
      const size_t rb = type_row_bytes(type, cols);
      std::vector<uint8_t> wbytes;
      for (int64_t r = 0; r < rows; ++r) {
        const auto row = random_weights(type, cols, rng);
        wbytes.insert(wbytes.end(), row.begin(), row.end());
      }
      const WeightMatrix w{type, wbytes.data(), rows, cols, rb};
      for (int64_t b : {3, 12, 13, 14, 15, 16, 17, 40}) {
        std::vector<float> x(static_cast<size_t>(b * cols));
        for (auto& v : x) v = normal(rng);
        std::vector<uint8_t> scratch;
        const QuantizedRows xq =
            quantize_rows(one, TensorType::Q8_K, x.data(), b, cols, scratch, 1, kPackQ8);
        REQUIRE(xq.q8 != nullptr);
        REQUIRE(xq.values == nullptr);
        std::vector<float> y1(static_cast<size_t>(b * rows), NAN), y2(y1);
        matmul_quantized(one, w, xq, b, y1.data());
        matmul_quantized(two, w, xq, b, y2.data());
        CHECK(std::memcmp(y1.data(), y2.data(), y1.size() * sizeof(float)) == 0);
        // The AVX2 kernel runs the AVX-512 one's float steps on the same exact integer sums.
        if (cpu_has_avx512()) {
          std::vector<float> y3(y1.size(), NAN);
          q8_panel_rows_avx2(type, wbytes.data(), rb, cols, 0, rows, xq.q8, b, y3.data(), rows);
          CHECK(std::memcmp(y1.data(), y3.data(), y1.size() * sizeof(float)) == 0);
        }
        const auto ref =
            reference_matmul(type, wbytes.data(), rows, cols, TensorType::Q8_K, x.data(), b);
        for (int64_t t = 0; t < b; ++t) {
          for (int64_t r = 0; r < rows; ++r) {
            const ReferenceDot& d = ref[t * rows + r];
            INFO(type_name(type) << " rows " << rows << " b " << b << " t " << t << " r " << r);
            REQUIRE(std::fabs(y1[t * rows + r] - d.sum) <= 1e-6 * d.magnitude + 1e-6);
          }
        }
      }
    }
  }
}

TEST_CASE("a batch packs the forms its weight types ask for") {
  ThreadPool pool(1);
  std::vector<float> x(static_cast<size_t>(8 * 256), 0.5f);
  std::vector<uint8_t> scratch;
  const QuantizedRows both =
      quantize_rows(pool, TensorType::Q8_K, x.data(), 8, 256, scratch, 4, kPackFloats | kPackQ8);
  CHECK((both.values != nullptr) == cpu_has_avx2());
  CHECK((both.q8 != nullptr) == cpu_has_avx2());
  CHECK(panel_packs(TensorType::Q4_K) == (cpu_has_avx2() ? kPackQ8 : kPackFloats));
  CHECK(panel_packs(TensorType::Q8_0) == kPackFloats);
  // Q8_0 rows are never packed for the integer panels.
  CHECK(quantize_rows(pool, TensorType::Q8_0, x.data(), 8, 256, scratch, 4, kPackQ8).q8 == nullptr);
}
