// The throughput helpers shared by `yardstick engine bench` and bench/engine: summaries computed
// by hand, deterministic bench tokens, and measurements on a tiny random-weight model that are
// positive and fail cleanly when the context is too small, the weight stream's byte count against
// the model's shapes, and the time split. Timings themselves are not checked.
#include "backends/local/engine/throughput.h"

#include <catch2/catch.hpp>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/engine/synthetic_model.h"
#include "tests/harness/temp_dir.h"

using namespace ys;

namespace {

// A random-weight Q8_0 model of the "tiny" shape, loaded with a 16-position context.
std::unique_ptr<engine::Engine> tiny_engine(test::TempDir& dir, int threads) {
  auto shape = engine::synthetic_shape("tiny");
  REQUIRE(shape.ok());
  const std::string path = dir.file("tiny.gguf");
  REQUIRE(engine::write_synthetic_model(*shape, cpu::TensorType::Q8_0, 3, path).ok());
  auto e = engine::Engine::load(path, {.n_threads = threads, .n_ctx = 16});
  REQUIRE(e.ok());
  return std::move(*e);
}

}  // namespace

TEST_CASE("a throughput summary is the median, min and max of the repetitions") {
  auto odd = engine::summarize_tps({30.0, 10.0, 20.0});
  CHECK(odd.median == 20.0);
  CHECK(odd.min == 10.0);
  CHECK(odd.max == 30.0);
  CHECK(odd.n == 3);
  CHECK(engine::summarize_tps({4.0, 1.0, 2.0, 100.0}).median == 3.0);
  CHECK(engine::summarize_tps({7.5}).median == 7.5);
  auto none = engine::summarize_tps({});
  CHECK(none.n == 0);
  CHECK(none.median == 0.0);
}

TEST_CASE("bench tokens are deterministic and inside the vocabulary") {
  auto a = engine::bench_tokens(100, 37, 5);
  CHECK(a == engine::bench_tokens(100, 37, 5));
  CHECK(a != engine::bench_tokens(100, 37, 6));
  for (int32_t t : a) CHECK((t >= 0 && t < 37));
  CHECK(engine::bench_tokens(0, 37, 5).empty());
}

TEST_CASE("prompt and generation throughput are measured on a fresh sequence each time") {
  test::TempDir dir;
  auto e = tiny_engine(dir, 1);
  for (int rep = 0; rep < 3; ++rep) {  // 3 x 16 tokens would overflow one 16-position sequence
    auto pp = engine::measure_prompt_tps(*e, 16, rep);
    REQUIRE(pp.ok());
    CHECK(*pp > 0.0);
    auto tg = engine::measure_generation_tps(*e, 16, rep);
    REQUIRE(tg.ok());
    CHECK(*tg > 0.0);
  }
  CHECK_FALSE(engine::measure_prompt_tps(*e, 17, 0).ok());
  CHECK_FALSE(engine::measure_generation_tps(*e, 17, 0).ok());
  CHECK(engine::measure_prompt_tps(*e, 16, 0).ok());  // the failed ones released their sequence
}

TEST_CASE("the weight stream reads every matrix a token reads, and the time split adds up") {
  test::TempDir dir;
  auto e = tiny_engine(dir, 2);
  // Q8_0 stores 32 values in 34 bytes. Per layer: q and o (q_dim x n_embd each), k and v
  // (kv_dim x n_embd each), gate, up and down (n_ff x n_embd each); then the output matrix.
  const auto& c = e->config();
  const double per_layer = 2.0 * c.q_dim() * c.n_embd + 2.0 * c.kv_dim() * c.n_embd +
                           3.0 * static_cast<double>(c.n_ff) * c.n_embd;
  const double values = c.n_layer * per_layer + static_cast<double>(c.n_vocab) * c.n_embd;
  const auto ws = engine::measure_weight_stream(*e, 2, 2);
  CHECK(ws.bytes == values / 32.0 * 34.0);
  CHECK(ws.seconds > 0.0);
  CHECK(ws.ceiling_tps() > 0.0);

  e->reset_time_split();
  CHECK(e->time_split().total_s == 0.0);
  REQUIRE(engine::measure_prompt_tps(*e, 8, 0).ok());
  const auto& t = e->time_split();
  CHECK(t.matmul_s > 0.0);
  CHECK(t.attention_s > 0.0);
  CHECK(t.matmul_s + t.attention_s <= t.total_s);
}

TEST_CASE("a prompt's multiply-adds follow from the shape, and the FMA probe runs") {
  test::TempDir dir;
  auto e = tiny_engine(dir, 1);
  // The tiny shape by hand: 2 layers, n_embd 64, 4 heads of 16, 2 KV heads, n_ff 160, vocab
  // 512. Per token and layer: q and o 64 x 64 each, k and v 32 x 64 each, gate, up and down
  // 160 x 64 each. Attention over n = 10 tokens: 4 heads x 16 dims x (1 + ... + 10) positions,
  // twice (scores and mix). The output matrix once (512 x 64).
  const double per_token = 2 * (2 * 64 * 64 + 2 * 32 * 64 + 3 * 160 * 64);
  const double attention = 2 * 2 * 4 * 16 * 55;
  CHECK(engine::prompt_macs(*e, 10) == 10 * per_token + attention + 512 * 64);
  const double peak = engine::measure_fma_peak(1, 1);
  CHECK(peak >= 0.0);
  if (cpu::cpu_has_avx2()) CHECK(peak > 0.0);
}
