#include "backends/local/engine/throughput.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <span>
#include <thread>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/fma_probe.h"
#include "harness/core/clock.h"

namespace ys::engine {

namespace {

using Clock = std::chrono::steady_clock;

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

namespace {

struct ByteRange {
  const uint8_t* data;
  size_t size;
};

std::vector<ByteRange> token_weight_ranges(const model::ModelWeights& w) {
  std::vector<ByteRange> out;
  auto add = [&](const cpu::WeightMatrix& m) {
    if (m.data) out.push_back({m.data, m.row_bytes * static_cast<size_t>(m.rows)});
  };
  for (const auto& l : w.layers) {
    for (const auto* m : {&l.wq, &l.wk, &l.wv, &l.wo, &l.ffn_gate, &l.ffn_up, &l.ffn_down}) add(*m);
  }
  add(w.output);
  return out;
}

// Sums the 64-bit words of [begin, end) of the concatenated ranges (the sum keeps the loads
// live), fetching 1 KiB ahead as the matmul kernels do for one token, so the figure is the
// bandwidth a kernel could get rather than that of a naive loop.
uint64_t read_slice(const std::vector<ByteRange>& ranges, size_t begin, size_t end) {
  uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t offset = 0;
  for (const auto& r : ranges) {
    const size_t lo = std::max(begin, offset), hi = std::min(end, offset + r.size);
    if (lo < hi) {
      const uint8_t* p = r.data + (lo - offset);
      const size_t n = (hi - lo) & ~size_t{31};
      for (size_t i = 0; i < n; i += 32) {
        if (i % 64 == 0) __builtin_prefetch(p + i + 1024);
        uint64_t v[4];
        std::memcpy(v, p + i, 32);
        s0 += v[0];
        s1 += v[1];
        s2 += v[2];
        s3 += v[3];
      }
    }
    offset += r.size;
    if (offset >= end) break;
  }
  return s0 + s1 + s2 + s3;
}

}  // namespace

WeightStream measure_weight_stream(const Engine& e, int n_threads, int reps) {
  const auto ranges = token_weight_ranges(e.weights());
  WeightStream out;
  for (const auto& r : ranges) out.bytes += static_cast<double>(r.size);
  const size_t total = static_cast<size_t>(out.bytes);
  n_threads = std::max(1, n_threads);
  std::vector<uint64_t> sums(static_cast<size_t>(n_threads));
  for (int rep = 0; rep < std::max(1, reps); ++rep) {
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < n_threads; ++t) {
      threads.emplace_back([&, t] {
        const size_t per = total / static_cast<size_t>(n_threads);
        const size_t begin = per * static_cast<size_t>(t);
        const size_t end = t + 1 == n_threads ? total : begin + per;
        sums[static_cast<size_t>(t)] += read_slice(ranges, begin, end);
      });
    }
    for (auto& th : threads) th.join();
    const double s = seconds_since(t0);
    if (out.seconds == 0 || s < out.seconds) out.seconds = s;
  }
  volatile uint64_t keep = 0;  // the sums must be observable, or the reads could be dropped
  for (uint64_t v : sums) keep = keep + v;
  return out;
}

double prompt_macs(const Engine& e, int n_prompt) {
  const auto& w = e.weights();
  const auto& c = e.config();
  const double n = n_prompt;
  double macs = 0.0;
  for (const auto& l : w.layers) {
    for (const auto* m : {&l.wq, &l.wk, &l.wv, &l.wo, &l.ffn_gate, &l.ffn_up, &l.ffn_down})
      macs += static_cast<double>(m->rows) * static_cast<double>(m->cols) * n;
  }
  macs += 2.0 * c.n_layer * c.n_head * static_cast<double>(c.head_dim) * n * (n + 1) / 2;
  const auto& out = w.output;
  macs += static_cast<double>(out.rows) * static_cast<double>(out.cols);
  return macs;
}

double measure_fma_peak(int n_threads, int reps) {
  if (!cpu::cpu_has_avx2()) return 0.0;
  n_threads = std::max(1, n_threads);
  constexpr int64_t kIters = 1'000'000;  // about 30-60 ms per thread
  std::vector<float> sink(static_cast<size_t>(n_threads));
  double best = 0.0;
  for (int rep = 0; rep < std::max(1, reps); ++rep) {
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < n_threads; ++t) {
      threads.emplace_back([&, t] { sink[static_cast<size_t>(t)] = cpu::fma_loop_avx2(kIters); });
    }
    for (auto& th : threads) th.join();
    const double macs = static_cast<double>(kIters) * cpu::kFmaLoopMacsPerIter * n_threads;
    best = std::max(best, macs / seconds_since(t0) / 1e9);
  }
  volatile float keep = 0.0f;
  for (float v : sink) keep = keep + v;
  return best;
}

}  // namespace ys::engine
