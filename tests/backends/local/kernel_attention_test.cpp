// Attention inner loops: the AVX2 versions against the scalar ones, for head sizes with and
// without a tail of fewer than 8 values, on strided rows as the KV cache stores them.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "backends/local/cpu/attention.h"
#include "backends/local/cpu/cpu_features.h"

using namespace ys::cpu;

TEST_CASE("AVX2 attention scores and mixes agree with the scalar versions") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(21);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (int hd : {5, 13, 64, 72, 128, 200}) {
    for (int n : {1, 7, 100}) {
      const int64_t stride = hd * 3 + 1;
      std::vector<float> kv(static_cast<size_t>(stride * n)), q(static_cast<size_t>(hd));
      for (auto& v : kv) v = normal(rng);
      for (auto& v : q) v = normal(rng);
      std::vector<float> s_ref(n), s_fast(n);
      attn_scores_scalar(q.data(), kv.data(), stride, n, hd, 0.125f, s_ref.data());
      attn_scores_avx2(q.data(), kv.data(), stride, n, hd, 0.125f, s_fast.data());
      INFO("hd=" << hd << " n=" << n);
      for (int j = 0; j < n; ++j) REQUIRE(s_fast[j] == Approx(s_ref[j]).margin(1e-5));

      std::vector<float> p(n);
      for (auto& v : p) v = std::fabs(normal(rng)) / n;
      std::vector<float> o_ref(hd, 7.0f), o_fast(hd, 7.0f);  // mixes add to the output
      attn_mix_scalar(p.data(), kv.data() + 1, stride, n, hd, o_ref.data());
      attn_mix_avx2(p.data(), kv.data() + 1, stride, n, hd, o_fast.data());
      for (int i = 0; i < hd; ++i) REQUIRE(o_fast[i] == Approx(o_ref[i]).margin(1e-5));
    }
  }
}

TEST_CASE("AVX2 scores of keys taken four at a time equal those taken one at a time, bit for bit") {
  // The four-key path (head sizes that are multiples of 16) sums in the one-key path's order, so
  // a score does not depend on how many keys a call covers (docs/engine-kernels.md).
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (int hd : {16, 64, 80, 128}) {
    const int n = 9;
    const int64_t stride = hd + 3;
    std::vector<float> k(static_cast<size_t>(stride * n)), q(static_cast<size_t>(hd));
    for (auto& v : k) v = normal(rng);
    for (auto& v : q) v = normal(rng);
    std::vector<float> together(n), alone(n);
    attn_scores_avx2(q.data(), k.data(), stride, n, hd, 0.125f, together.data());
    for (int j = 0; j < n; ++j)
      attn_scores_avx2(q.data(), k.data() + j * stride, stride, 1, hd, 0.125f, &alone[j]);
    INFO("hd=" << hd);
    for (int j = 0; j < n; ++j) CHECK(together[j] == alone[j]);
  }
}

TEST_CASE("attention scores are the scaled dot products of the query with each key") {
  const float q[3] = {1.0f, 2.0f, -1.0f};
  const float k[8] = {1.0f, 0.0f, 0.0f, 99.0f, 0.5f, 0.5f, 2.0f, 99.0f};  // stride 4
  float s[2];
  attn_scores(q, k, 4, 2, 3, 0.5f, s);
  CHECK(s[0] == 0.5f);
  CHECK(s[1] == Approx(0.5f * (0.5f + 1.0f - 2.0f)));
  const float p[2] = {0.25f, 0.75f};
  float out[3] = {0.0f, 0.0f, 0.0f};
  attn_mix(p, k, 4, 2, 3, out);
  CHECK(out[0] == Approx(0.25f + 0.375f));
  CHECK(out[2] == Approx(1.5f));
  // Block by block: the second call adds the second key's share.
  float split[3] = {0.0f, 0.0f, 0.0f};
  attn_mix(p, k, 4, 1, 3, split);
  attn_mix(p + 1, k + 4, 4, 1, 3, split);
  for (int i = 0; i < 3; ++i) CHECK(split[i] == out[i]);
}
