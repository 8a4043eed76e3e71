// The local inference engine's narrow interface: a GGUF model loaded for CPU inference, a KV cache
// of many sequences, and a batched decode step. A Backend builds generation and log-likelihood
// on top of it (tokenizer and sampling live elsewhere).
//
//   auto e = Engine::load("model.gguf", {.n_threads = 2});
//   int s = e->new_sequence();
//   e->eval(s, prompt_ids, /*all_logits=*/false, &logits);   // logits: [1, n_vocab]
//   int s2 = *e->fork(s);                                     // shares the prompt's KV entries
//   e->decode({{tok_a, s, true}, {tok_b, s2, true}}, &logits);   // two sequences, one batch
//
// Errors are values: load names the file and the key/tensor at fault; decode/eval report bad
// token ids, unknown sequences and context overflow without changing any sequence.
// Ownership: the Engine owns the mapped file (weights are used in place), the thread pool and the
// cache. Not thread-safe: drive it from one thread; it parallelises internally.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/thread_pool.h"
#include "backends/local/gguf/gguf.h"
#include "backends/local/model/forward.h"
#include "backends/local/model/kv_cache.h"
#include "backends/local/model/model.h"
#include "harness/core/expected.h"

namespace ys::engine {

struct EngineOptions {
  int n_threads = 0;    // <= 0: one per hardware thread
  int n_ctx = 0;        // positions per sequence; <= 0: min(context_length, 4096)
  int max_batch = 512;  // tokens per forward chunk (buffers are sized for it)
  // Matmuls over this many tokens or more use the panel kernels (cpu/gemm_panel.h), fewer use
  // the integer tiles; a value above max_batch keeps every matmul on the tiles.
  int64_t panel_min_tokens = cpu::kPanelMinTokens;
};

class Engine {
 public:
  static Expected<std::unique_ptr<Engine>> load(const std::string& path,
                                                const EngineOptions& options = {});
  struct Private {};  // only load() can construct
  explicit Engine(Private) {}
  ~Engine();

  const model::ModelConfig& config() const { return model_.config; }
  const model::ModelWeights& weights() const { return model_.weights; }  // in the mapped file
  const gguf::File& file() const { return *file_; }  // metadata for the tokenizer and templates
  int n_vocab() const { return model_.config.n_vocab; }
  int n_ctx() const { return cache_->n_ctx(); }
  int n_threads() const { return pool_->size(); }

  int new_sequence() { return cache_->create(); }
  Expected<int> fork(int seq) { return cache_->fork(seq); }
  void release(int seq) { cache_->release(seq); }
  int length(int seq) const { return cache_->length(seq); }
  void truncate(int seq, int n) { cache_->truncate(seq, n); }

  // Where the time of decode/eval calls went since the last reset (model::Forward::TimeSplit).
  const model::Forward::TimeSplit& time_split() const { return forward_->time_split(); }
  void reset_time_split() { forward_->reset_time_split(); }

  // One batched step: see model::Forward::decode. logits: [n_out, n_vocab].
  Status decode(std::span<const model::BatchToken> batch, std::vector<float>* logits);
  // Appends tokens to one sequence. logits: [tokens.size(), n_vocab] when all_logits, else the
  // last position's row only.
  Status eval(int seq, std::span<const int32_t> tokens, bool all_logits,
              std::vector<float>* logits);

 private:
  std::unique_ptr<gguf::File> file_;
  model::Model model_;
  std::unique_ptr<cpu::ThreadPool> pool_;
  std::unique_ptr<model::KvCache> cache_;
  std::unique_ptr<model::Forward> forward_;
  std::vector<model::BatchToken> batch_;
};

// An engine sequence released on scope exit, so an error midway leaves the cache clean.
class ScopedSequence {
 public:
  ScopedSequence(Engine& e, int seq) : e_(e), seq_(seq) {}
  explicit ScopedSequence(Engine& e) : ScopedSequence(e, e.new_sequence()) {}
  ~ScopedSequence() { e_.release(seq_); }
  ScopedSequence(const ScopedSequence&) = delete;
  ScopedSequence& operator=(const ScopedSequence&) = delete;
  int id() const { return seq_; }

 private:
  Engine& e_;
  int seq_;
};

}  // namespace ys::engine
