// End-to-end parity with llama.cpp: every tiny model in ../shared/fixtures/models is run through
// the engine and compared with its .ref.json (last-position logits, next-token log-probs, argmax
// per position, 16 greedy tokens). Tolerances are the ones fixtures/README.md measured for an
// engine that converts activations as ggml-cpu does.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/engine/engine.h"
#include "tests/backends/local/logit_math.h"
#include "tests/support/paths.h"

namespace {

std::string fixtures_dir() {
  return ys::test::fixture_path("models");
}

struct Tolerance {
  double logits;     // last_logits
  double logprob;    // next_token_logprobs, except outliers
  int max_outliers;  // per sequence, logprob errors above `logprob` but below outlier_atol
  double outlier_atol;
};

using ys::test::argmax;
using ys::test::log_softmax;

// Which kernels the engine uses: the integer tiles and per-token attention for everything (the
// order closest to ggml's), or, for every step of two tokens or more (the prefill), the panel
// kernels and attention as matrix products.
enum class Path { tiles, panel };

void check_model(const std::string& name, const Tolerance& tol, Path path = Path::tiles) {
  const std::string base = fixtures_dir() + "/" + name;
  if (!ys::test::have_fixture(base + ".gguf")) return;
  nlohmann::json ref;
  std::ifstream(base + ".ref.json") >> ref;
  ys::engine::EngineOptions options{.n_threads = 1, .n_ctx = 256};
  options.panel_min_tokens = path == Path::panel ? 2 : int64_t{1} << 40;
  auto engine = ys::engine::Engine::load(base + ".gguf", options);
  INFO(name << (path == Path::panel ? " (panel kernels)" : " (tile kernels)"));
  REQUIRE(engine.ok());
  auto& e = **engine;
  const int n_vocab = e.n_vocab();
  REQUIRE(n_vocab == ref["n_vocab"].get<int>());
  for (const auto& s : ref["sequences"]) {
    const auto tokens = s["tokens"].get<std::vector<int32_t>>();
    INFO("sequence of " << tokens.size() << " tokens");
    const int seq = e.new_sequence();
    std::vector<float> logits;
    REQUIRE(e.eval(seq, tokens, true, &logits).ok());
    REQUIRE(logits.size() == tokens.size() * n_vocab);

    const auto last = s["last_logits"].get<std::vector<double>>();
    const float* got_last = &logits[(tokens.size() - 1) * n_vocab];
    double max_err = 0.0;
    for (int i = 0; i < n_vocab; ++i) max_err = std::max(max_err, std::fabs(got_last[i] - last[i]));
    CHECK(max_err <= tol.logits);

    const auto lp = s["next_token_logprobs"].get<std::vector<double>>();
    int outliers = 0;
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      const double got = log_softmax(&logits[i * n_vocab], n_vocab)[tokens[i + 1]];
      const double err = std::fabs(got - lp[i]);
      if (err > tol.logprob) ++outliers;
      INFO("position " << i);
      CHECK(err <= tol.outlier_atol);
    }
    CHECK(outliers <= tol.max_outliers);

    const auto am = s["argmax_per_position"].get<std::vector<int>>();
    int argmax_diff = 0;
    for (size_t i = 0; i < tokens.size(); ++i)
      argmax_diff += argmax(&logits[i * n_vocab], n_vocab) != am[i];
    CHECK(argmax_diff <= tol.max_outliers);

    const auto greedy = s["greedy_16"].get<std::vector<int32_t>>();
    if (s["greedy_16_min_top2_gap"].get<double>() > 2 * tol.logits) {
      std::vector<int32_t> got;
      int32_t next = argmax(got_last, n_vocab);
      for (int step = 0; step < 16; ++step) {
        got.push_back(next);
        const int32_t one[] = {next};
        REQUIRE(e.eval(seq, one, false, &logits).ok());
        next = argmax(logits.data(), n_vocab);
      }
      CHECK(got == greedy);
    }
    e.release(seq);
  }
}

constexpr Tolerance kTight{1e-4, 1e-4, 0, 1e-4};
constexpr Tolerance kF16{5e-2, 5e-2, 0, 5e-2};
// README: last_logits 1e-4; log-probs 1e-4 with at most one outlier per sequence (rounding-boundary
// flips of the activation quantization), each within 0.1. BF16 shows two such positions.
constexpr Tolerance kQ4_0{1e-4, 1e-4, 1, 1e-2};
constexpr Tolerance kKQuant{1e-4, 1e-4, 1, 0.1};
constexpr Tolerance kBf16{1e-4, 1e-4, 2, 0.1};

}  // namespace

TEST_CASE("F32 models match llama.cpp logits within 1e-4 and greedy exactly") {
  for (const char* m :
       {"tiny-llama-f32", "tiny-qwen2-f32", "tiny-llama256-f32", "tiny-qwen3-f32"}) {
    check_model(m, kTight);
  }
}

TEST_CASE("Llama 3 rope scaling through rope_freqs matches llama.cpp") {
  check_model("tiny-llama3-ropescale-f32", kTight);
}

TEST_CASE("F16 models match llama.cpp within 5e-2") {
  check_model("tiny-llama-f16", kF16);
  check_model("tiny-qwen2-f16", kF16);
}

TEST_CASE("Q8_0 and Q4_0 models match llama.cpp within 1e-4 with Q8_0 activations") {
  for (const char* m : {"tiny-llama-q8_0", "tiny-qwen2-q8_0", "tiny-qwen3-q8_0"}) {
    check_model(m, kTight);
  }
  // One position of tiny-llama-q4_0 differs by 8.6e-4 (also with the scalar kernels): an
  // activation on a rounding boundary of the Q8_0 conversion, as the README describes for the
  // K-quants. Every other position is within 1e-4.
  for (const char* m : {"tiny-llama-q4_0", "tiny-qwen2-q4_0"}) check_model(m, kQ4_0);
}

TEST_CASE("K-quant models match llama.cpp with Q8_K activations") {
  for (const char* m : {"tiny-llama256-q4_k_m", "tiny-llama256-q6_k"}) check_model(m, kKQuant);
  // The q4_k_s reference was made with ggml's repacked Q4_K kernels, which sum in another order
  // than its plain AVX2 dots; the fixtures README measured llama.cpp itself, repacking off, at
  // two positions past 1e-4 in this file. The tiles sum Q4_K, Q5_K and Q6_K in the plain AVX2
  // dots' order and land the same way: two adjacent positions of one sequence, 0.012 and 0.017.
  constexpr Tolerance kKQuantS{1e-4, 1e-4, 2, 0.1};
  check_model("tiny-llama256-q4_k_s", kKQuantS);
}

TEST_CASE("BF16 model matches llama.cpp with BF16 activations") {
  // The BF16 rounding of activations amplifies float summation-order differences: the AVX2
  // kernel sums in 8 float lanes like ggml-cpu and matches to 1e-4; the scalar reference sums
  // in double and lands about 2e-2 away, so without AVX2 (or with YS_NO_SIMD) only the plain
  // 0.1 tolerance the fixtures README offers is checked.
  constexpr Tolerance kBf16Scalar{0.1, 0.1, 0, 0.1};
  check_model("tiny-llama256-bf16", ys::cpu::cpu_has_avx2() ? kBf16 : kBf16Scalar);
}

TEST_CASE("the panel kernels match llama.cpp within the tolerances for another summation order") {
  // Prompts of kPanelMinTokens tokens or more run through the panel kernels: float products of
  // the converted activations for the matmuls, and attention as matrix products
  // (model/attention_prefill.h), summed in other orders than ggml's. F32, F16 and Q8_0 stay
  // inside their tight bounds, which checks the arithmetic of both. In the more sensitive files
  // (Q4_0, the K-quants, BF16) some activations land on the other side of a rounding boundary of
  // their 8-bit (or bf16) conversion, and through the KV cache the change reaches every later
  // position: the fixtures README measured q4_0 moving by 0.12 in llama.cpp itself with repacking
  // off, and for engines whose sums differ from ggml's it says to treat these files as smoke
  // tests (argmax agreement, or an atol of about 0.5; differences of about 0.3 are expected).
  // Measured here: up to 0.30 (tiny-qwen2-q4_0), 0.15 (q4_k_s), 0.02 (bf16).
  if (!ys::cpu::cpu_has_avx2()) {
    WARN("SKIPPED: the panel kernels need AVX2/FMA/F16C");
    return;
  }
  constexpr Tolerance kSmoke{0.5, 0.5, 2, 0.5};
  for (const char* m : {"tiny-llama-f32", "tiny-qwen2-f32", "tiny-llama256-f32", "tiny-qwen3-f32",
                        "tiny-llama3-ropescale-f32"})
    check_model(m, kTight, Path::panel);
  for (const char* m : {"tiny-llama-f16", "tiny-qwen2-f16"}) check_model(m, kF16, Path::panel);
  for (const char* m : {"tiny-llama-q8_0", "tiny-qwen2-q8_0", "tiny-qwen3-q8_0"})
    check_model(m, kTight, Path::panel);
  for (const char* m : {"tiny-llama-q4_0", "tiny-qwen2-q4_0", "tiny-llama256-q4_k_m",
                        "tiny-llama256-q4_k_s", "tiny-llama256-q6_k", "tiny-llama256-bf16"})
    check_model(m, kSmoke, Path::panel);
}
