#include "backends/local/engine/throughput.h"

#include <algorithm>
#include <chrono>
#include <span>

namespace ys::engine {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

std::vector<int32_t> bench_tokens(int n, int n_vocab, uint32_t seed) {
  std::vector<int32_t> t(static_cast<size_t>(std::max(n, 0)));
  for (auto& v : t) {
    seed = seed * 1664525u + 1013904223u;
    v = static_cast<int32_t>((seed >> 8) % static_cast<uint32_t>(n_vocab));
  }
  return t;
}

Expected<double> measure_prompt_tps(Engine& e, int n_prompt, int rep) {
  const auto tokens = bench_tokens(n_prompt, e.n_vocab(), 100 + static_cast<uint32_t>(rep));
  std::vector<float> logits;
  ScopedSequence seq(e);
  const auto t0 = Clock::now();
  if (Status st = e.eval(seq.id(), tokens, false, &logits); !st) return st.error();
  return n_prompt / seconds_since(t0);
}

Expected<double> measure_generation_tps(Engine& e, int n_gen, int rep) {
  const auto tokens = bench_tokens(n_gen, e.n_vocab(), 200 + static_cast<uint32_t>(rep));
  std::vector<float> logits;
  ScopedSequence seq(e);
  const auto t0 = Clock::now();
  for (const int32_t& t : tokens) {
    if (Status st = e.eval(seq.id(), std::span(&t, 1), false, &logits); !st) return st.error();
  }
  return n_gen / seconds_since(t0);
}

ThroughputSummary summarize_tps(std::vector<double> values) {
  ThroughputSummary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  s.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  s.min = values.front();
  s.max = values.back();
  s.n = static_cast<int>(n);
  return s;
}

}  // namespace ys::engine
