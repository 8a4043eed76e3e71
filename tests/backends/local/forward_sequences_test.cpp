// Sequence handling of the forward pass: forked prefixes, batches of several sequences, thread
// count independence, and bad input reported as errors without touching the cache.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "backends/local/engine/engine.h"
#include "tests/support/paths.h"

using ys::engine::Engine;
using ys::model::BatchToken;

namespace {

std::string model_path(const std::string& name) {
  return ys::test::fixture_path("models/" + name + ".gguf");
}

std::unique_ptr<Engine> load_or_skip(const std::string& name, int threads, int max_batch = 8,
                                     int n_ctx = 64) {
  const std::string path = model_path(name);
  if (!ys::test::have_fixture(path)) return nullptr;
  auto e = Engine::load(path, {.n_threads = threads, .n_ctx = n_ctx, .max_batch = max_batch});
  REQUIRE(e.ok());
  return std::move(*e);
}

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  REQUIRE(a.size() == b.size());
  double m = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
    m = std::max(m, std::fabs(static_cast<double>(a[i]) - b[i]));
  return m;
}

const std::vector<int32_t> kPrompt = {311, 177, 17, 421, 300, 31, 170, 5, 9, 250, 12};
const std::vector<int32_t> kContA = {42, 7, 99};
const std::vector<int32_t> kContB = {3, 283};

std::vector<int32_t> concat(std::vector<int32_t> a, const std::vector<int32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("a forked prefix gives the same logits as evaluating the whole sequence fresh") {
  for (const char* name : {"tiny-qwen2-q8_0", "tiny-llama-f32"}) {
    auto e = load_or_skip(name, 1);
    if (!e) return;
    INFO(name);
    std::vector<float> fresh_a, fresh_b, prefix, fork_a, fork_b;
    const int sa = e->new_sequence();
    REQUIRE(e->eval(sa, concat(kPrompt, kContA), true, &fresh_a).ok());
    const int sb = e->new_sequence();
    REQUIRE(e->eval(sb, concat(kPrompt, kContB), true, &fresh_b).ok());

    const int shared = e->new_sequence();
    REQUIRE(e->eval(shared, kPrompt, false, &prefix).ok());
    const int fa = *e->fork(shared);
    const int fb = *e->fork(shared);
    CHECK(e->length(fa) == static_cast<int>(kPrompt.size()));
    REQUIRE(e->eval(fa, kContA, true, &fork_a).ok());
    REQUIRE(e->eval(fb, kContB, true, &fork_b).ok());
    const size_t nv = static_cast<size_t>(e->n_vocab());
    const std::vector<float> tail_a(fresh_a.end() - static_cast<long>(kContA.size() * nv),
                                    fresh_a.end());
    const std::vector<float> tail_b(fresh_b.end() - static_cast<long>(kContB.size() * nv),
                                    fresh_b.end());
    CHECK(max_abs_diff(tail_a, fork_a) <= 1e-5);
    CHECK(max_abs_diff(tail_b, fork_b) <= 1e-5);
    CHECK(e->length(shared) == static_cast<int>(kPrompt.size()));  // the parent is untouched
  }
}

TEST_CASE("one batch of several sequences equals evaluating them one at a time") {
  auto e = load_or_skip("tiny-llama-q4_0", 1);
  if (!e) return;
  const int s1 = e->new_sequence(), s2 = e->new_sequence();
  std::vector<float> l1, l2, both;
  REQUIRE(e->eval(s1, kPrompt, true, &l1).ok());
  REQUIRE(e->eval(s2, kContA, true, &l2).ok());
  const int t1 = e->new_sequence(), t2 = e->new_sequence();
  // Interleaved, and longer than max_batch (8) so it is split into chunks.
  std::vector<BatchToken> batch;
  for (size_t i = 0; i < kPrompt.size(); ++i) {
    batch.push_back({kPrompt[i], t1, true});
    if (i < kContA.size()) batch.push_back({kContA[i], t2, true});
  }
  REQUIRE(e->decode(batch, &both).ok());
  const size_t nv = static_cast<size_t>(e->n_vocab());
  std::vector<float> got1, got2;
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& dst = batch[i].seq == t1 ? got1 : got2;
    dst.insert(dst.end(), both.begin() + static_cast<long>(i * nv),
               both.begin() + static_cast<long>((i + 1) * nv));
  }
  CHECK(max_abs_diff(got1, l1) <= 1e-5);
  CHECK(max_abs_diff(got2, l2) <= 1e-5);
}

TEST_CASE("results do not depend on the number of threads") {
  auto one = load_or_skip("tiny-qwen2-f16", 1);
  auto three = load_or_skip("tiny-qwen2-f16", 3);
  if (!one || !three) return;
  std::vector<float> a, b;
  REQUIRE(one->eval(one->new_sequence(), kPrompt, true, &a).ok());
  REQUIRE(three->eval(three->new_sequence(), kPrompt, true, &b).ok());
  CHECK(a == b);
}

TEST_CASE("results on the panel path do not depend on the number of threads either") {
  // 77 tokens: above kPanelMinTokens, so the matmuls take the panel kernels and attention the
  // prompt path (model/attention_prefill.h).
  auto one = load_or_skip("tiny-qwen2-q8_0", 1, 128, 128);
  auto three = load_or_skip("tiny-qwen2-q8_0", 3, 128, 128);
  if (!one || !three) return;
  std::vector<int32_t> prompt;
  for (int i = 0; i < 7; ++i) prompt.insert(prompt.end(), kPrompt.begin(), kPrompt.end());
  REQUIRE(prompt.size() >= static_cast<size_t>(ys::cpu::kPanelMinTokens));
  std::vector<float> a, b;
  REQUIRE(one->eval(one->new_sequence(), prompt, true, &a).ok());
  REQUIRE(three->eval(three->new_sequence(), prompt, true, &b).ok());
  CHECK(a == b);
}

TEST_CASE("bad tokens, unknown sequences and context overflow are errors that change nothing") {
  auto e = load_or_skip("tiny-llama-f32", 1);
  if (!e) return;
  const int s = e->new_sequence();
  std::vector<float> logits;
  REQUIRE(e->eval(s, kPrompt, false, &logits).ok());

  const std::vector<int32_t> bad = {5, e->n_vocab()};
  auto st = e->eval(s, bad, false, &logits);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("token id 500"));
  CHECK(e->length(s) == static_cast<int>(kPrompt.size()));

  const std::vector<int32_t> negative = {-1};
  CHECK_FALSE(e->eval(s, negative, false, &logits).ok());

  st = e->eval(12345, kPrompt, false, &logits);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("unknown sequence"));
  CHECK_FALSE(e->fork(12345).ok());

  const std::vector<int32_t> long_input(60, 7);  // 11 + 60 > n_ctx 64
  st = e->eval(s, long_input, false, &logits);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("context holds 64"));
  CHECK(e->length(s) == static_cast<int>(kPrompt.size()));

  e->truncate(s, 4);
  CHECK(e->length(s) == 4);
  e->release(s);
  CHECK(e->length(s) == 0);
}
