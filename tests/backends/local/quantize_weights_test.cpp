// The weight quantizers behind `engine make-model`: every weight type's blocks dequantize back
// close to the input (an independent path: dequantize_row, itself checked against hand-computed
// layouts), and models of every type load and run.
#include "backends/local/cpu/quantize_weights.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <random>
#include <vector>

#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/tensor_type.h"
#include "backends/local/engine/engine.h"
#include "backends/local/engine/synthetic_model.h"

using namespace ys;
using cpu::TensorType;

namespace {

struct Bound {
  TensorType type;
  double rel_rms;  // bound on rms(dequantized - x) / rms(x) for normal(0, 1) rows
};

// A wrong bit position or scale packing gives errors of the order of the values themselves
// (relative rms ~1); the bounds sit above what each format's step size allows.
const Bound kBounds[] = {
    {TensorType::F32, 0.0},   {TensorType::F16, 1e-3},  {TensorType::BF16, 5e-3},
    {TensorType::Q8_0, 0.01}, {TensorType::Q4_0, 0.15}, {TensorType::Q4_1, 0.12},
    {TensorType::Q5_0, 0.07}, {TensorType::Q5_1, 0.06}, {TensorType::IQ4_NL, 0.15},
    {TensorType::Q2_K, 0.45}, {TensorType::Q3_K, 0.25}, {TensorType::Q4_K, 0.12},
    {TensorType::Q5_K, 0.06}, {TensorType::Q6_K, 0.04}, {TensorType::IQ4_XS, 0.15},
};

}  // namespace

TEST_CASE("weight quantizers round-trip through dequantize_row within the format's precision") {
  std::mt19937 rng(21);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int64_t n = 1024;
  for (const auto& b : kBounds) {
    std::vector<float> x(n), y(n);
    for (auto& v : x) v = normal(rng);
    x[5] = 0.0f;
    x[300] = 6.0f;  // an outlier in one sub-block
    std::vector<uint8_t> q(cpu::type_row_bytes(b.type, n));
    REQUIRE(cpu::quantize_weights_row(b.type, x.data(), q.data(), n));
    cpu::dequantize_row(b.type, q.data(), y.data(), n);
    double err = 0.0, ref = 0.0;
    for (int64_t i = 0; i < n; ++i) {
      err += (y[i] - x[i]) * (y[i] - x[i]);
      ref += x[i] * x[i];
    }
    const double rel = std::sqrt(err / ref);
    INFO(cpu::type_name(b.type) << " relative rms error " << rel);
    CHECK(rel <= b.rel_rms);
  }
  std::vector<float> zeros(256, 0.0f), back(256, 1.0f);
  for (const auto& b : kBounds) {
    std::vector<uint8_t> q(cpu::type_row_bytes(b.type, 256));
    REQUIRE(cpu::quantize_weights_row(b.type, zeros.data(), q.data(), 256));
    cpu::dequantize_row(b.type, q.data(), back.data(), 256);
    INFO(cpu::type_name(b.type));
    for (float v : back) REQUIRE(v == 0.0f);
  }
  std::vector<uint8_t> q(cpu::type_row_bytes(TensorType::Q8_K, 256));
  CHECK_FALSE(cpu::quantize_weights_row(TensorType::Q8_K, zeros.data(), q.data(), 256));
}

TEST_CASE("make-model writes every weight type and the engine runs it") {
  engine::SyntheticShape shape;
  shape.n_layer = 1;
  shape.n_embd = 256;
  shape.n_head = 4;
  shape.head_dim = 64;
  shape.n_ff = 512;
  for (const auto& b : kBounds) {
    INFO(cpu::type_name(b.type));
    const std::string path = (std::filesystem::temp_directory_path() /
                              (std::string("ys_qw_") + cpu::type_name(b.type) + ".gguf"))
                                 .string();
    REQUIRE(engine::write_synthetic_model(shape, b.type, 5, path).ok());
    auto e = engine::Engine::load(path, {.n_threads = 1, .n_ctx = 16});
    std::filesystem::remove(path);
    REQUIRE(e.ok());
    std::vector<float> logits;
    const std::vector<int32_t> tokens = {1, 2, 3};
    REQUIRE((*e)->eval((*e)->new_sequence(), tokens, false, &logits).ok());
    REQUIRE(logits.size() == 512);
    for (float v : logits) REQUIRE(std::isfinite(v));
  }
  shape.n_embd = 64;  // not a whole number of K-quant blocks
  const auto st = engine::write_synthetic_model(shape, TensorType::Q4_K, 5, "/nonexistent/x.gguf");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("block size 256"));
  const auto bad = engine::write_synthetic_model(shape, TensorType::Q8_K, 5, "/nonexistent/x.gguf");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("not a weight type"));
}
