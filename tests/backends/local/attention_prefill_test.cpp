// Prompt attention as matrix products (model/attention_prefill.h) against causal attention
// computed in double, one query at a time: with and without earlier positions in the cache
// (p0), query counts that leave partial blocks, several heads per KV head, and head sizes of
// 16 to 128 in a cache whose rows hold other heads too.
#include "backends/local/model/attention_prefill.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "backends/local/cpu/cpu_features.h"

using namespace ys;

namespace {

struct Case {
  int b, group, hd, p0;
};

}  // namespace

TEST_CASE("prompt attention equals causal attention computed query by query in double") {
  if (!model::use_prefill_attention(64)) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(31);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  cpu::ThreadPool pool(3);
  std::vector<float> scratch;
  for (const Case& c : {Case{32, 1, 16, 0}, Case{37, 7, 64, 0}, Case{40, 2, 64, 300},
                        Case{33, 3, 128, 5}, Case{50, 4, 32, 270}}) {
    INFO("b " << c.b << " group " << c.group << " hd " << c.hd << " p0 " << c.p0);
    const int n = c.p0 + c.b;
    const int64_t kv_stride = 3 * c.hd;  // the rows hold two other KV heads' values too
    const int64_t q_stride = c.group * c.hd + 8;
    std::vector<float> q(static_cast<size_t>(c.b * q_stride)),
        k(static_cast<size_t>(n * kv_stride)), v(k.size());
    for (auto& x : q) x = normal(rng);
    for (auto& x : k) x = normal(rng);
    for (auto& x : v) x = normal(rng);
    const int64_t out_stride = q_stride;
    std::vector<float> out(static_cast<size_t>(c.b * out_stride), -7.0f);

    model::PrefillAttention a;
    a.q = q.data();
    a.q_stride = q_stride;
    a.k = k.data() + c.hd;  // the middle head of each row
    a.v = v.data() + c.hd;
    a.kv_stride = kv_stride;
    a.out = out.data();
    a.out_stride = out_stride;
    a.b = c.b;
    a.group = c.group;
    a.hd = c.hd;
    a.p0 = c.p0;
    a.scale = 1.0f / std::sqrt(static_cast<float>(c.hd));
    model::attention_prefill(pool, a, scratch);

    for (int t = 0; t < c.b; ++t) {
      for (int g = 0; g < c.group; ++g) {
        const float* qv = &q[static_cast<size_t>(t * q_stride + g * c.hd)];
        const int seen = c.p0 + t + 1;
        std::vector<double> s(static_cast<size_t>(seen));
        double max = -1e300;
        for (int j = 0; j < seen; ++j) {
          const float* kj = &k[static_cast<size_t>(j * kv_stride + c.hd)];
          double dot = 0.0;
          for (int d = 0; d < c.hd; ++d) dot += static_cast<double>(qv[d]) * kj[d];
          s[j] = dot * a.scale;
          max = std::max(max, s[j]);
        }
        double sum = 0.0;
        for (auto& x : s) sum += (x = std::exp(x - max));
        for (int d = 0; d < c.hd; ++d) {
          double want = 0.0;
          for (int j = 0; j < seen; ++j)
            want += s[j] / sum * v[static_cast<size_t>(j * kv_stride + c.hd + d)];
          const float got = out[static_cast<size_t>(t * out_stride + g * c.hd + d)];
          INFO("t " << t << " g " << g << " d " << d);
          REQUIRE(std::fabs(got - want) <= 1e-5 * (1.0 + std::fabs(want)));
        }
      }
      // The padding after the group's heads is left alone.
      for (int64_t i = c.group * c.hd; i < out_stride; ++i)
        REQUIRE(out[static_cast<size_t>(t * out_stride + i)] == -7.0f);
    }
  }
}
