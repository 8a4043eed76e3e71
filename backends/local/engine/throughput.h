// Throughput measurements of a loaded Engine, as llama-bench defines them: prompt processing (pp:
// one batch of n tokens into an empty sequence) and token generation (tg: n tokens one at a time
// into an empty sequence), in tokens per second of wall time. Shared by `yardstick engine bench`
// and bench/engine/engine_bench.
//
//   auto pp = measure_prompt_tps(*engine, 512, rep);   // Expected<double>
//   ThroughputSummary s = summarize_tps({...});        // median, min, max
//
// Token ids are pseudo-random (a fixed LCG seeded by `rep`), so the numbers do not depend on a
// tokenizer. Each measurement uses a fresh sequence and releases it; errors (context too small,
// engine failures) come back as values. Not thread-safe (drives the Engine).
#pragma once

#include <cstdint>
#include <vector>

#include "backends/local/engine/engine.h"
#include "harness/core/expected.h"

namespace ys::engine {

// n ids in [0, n_vocab), the same for the same (n, n_vocab, seed).
std::vector<int32_t> bench_tokens(int n, int n_vocab, uint32_t seed);

Expected<double> measure_prompt_tps(Engine& e, int n_prompt, int rep);
Expected<double> measure_generation_tps(Engine& e, int n_gen, int rep);

struct ThroughputSummary {
  double median = 0.0;  // of an even count: the mean of the middle two
  double min = 0.0;
  double max = 0.0;
  int n = 0;
};

// Summary of repeated measurements; all zero for an empty list.
ThroughputSummary summarize_tps(std::vector<double> values);

// The memory ceiling of generation. One generated token reads every weight matrix once (each
// layer's seven and the output matrix); with one activation row there is nothing to reuse, so tg
// cannot beat (read bandwidth / bytes per token). This reads those matrices in the mapped file
// with n_threads threads, as sequential loads split evenly between the threads with a software
// prefetch 1 KiB ahead, as the generation kernels read (the best of `reps` passes).
struct WeightStream {
  double bytes = 0.0;    // weight bytes one generated token reads
  double seconds = 0.0;  // the fastest pass that read them
  double gb_per_s() const { return seconds > 0 ? bytes / seconds / 1e9 : 0.0; }
  double ceiling_tps() const { return seconds > 0 ? 1.0 / seconds : 0.0; }
};
WeightStream measure_weight_stream(const Engine& e, int n_threads, int reps);

// The compute side of pp. A pp test of n tokens does prompt_macs(e, n) multiply-adds: every
// layer's weight matrices once per token, attention over the causal history (scores and mix:
// 2 * n_head * head_dim * n(n+1)/2 per layer), and the output matrix once (the last token's
// logits). measure_fma_peak gives the float multiply-add rate n_threads threads get together
// right now: each runs independent 8-lane FMAs on registers for about 50 ms (best of `reps`);
// 0 without AVX2. On a VM two virtual cores may share one physical core's FMA units, so this is
// measured rather than assumed.
double prompt_macs(const Engine& e, int n_prompt);
double measure_fma_peak(int n_threads, int reps);

}  // namespace ys::engine
