// The forward pass shared by every architecture in model.h: a batch of tokens, each appended to
// its own sequence in a KvCache, runs through the layers together (weight matmuls see the whole
// batch; attention reads each token's own sequence), and logits come back for the tokens that
// ask for them.
//
// Per layer, for the batch X[B, n_embd]:
//   h = rms_norm(X) * attn_norm;  q = Wq h (+bq), k = Wk h (+bk), v = Wv h (+bv)
//   [qwen3] per-head rms_norm(q) * q_norm, rms_norm(k) * k_norm
//   RoPE(q, k) at each token's position; k, v stored in the cache
//   a = softmax(q K^T / sqrt(head_dim), causal) V   (query head h uses KV head h /
//   (n_head/n_head_kv)) X += Wo a;  h = rms_norm(X) * ffn_norm;  X += W_down (silu(W_gate h) * W_up
//   h)
// then logits = W_out (rms_norm(X) * output_norm). Weight matmuls convert activations to the
// weight type's vec_dot_type as ggml does (quantize.h).
//
// Errors (as values, nothing is written on error): unknown sequence id, token id outside
// [0, n_vocab), sequence longer than the cache's context. Not thread-safe: one caller at a time;
// the work itself runs on the pool.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/matmul.h"
#include "backends/local/cpu/thread_pool.h"
#include "backends/local/model/kv_cache.h"
#include "backends/local/model/model.h"

namespace ys::model {

struct BatchToken {
  int32_t token = 0;
  int seq = 0;          // KvCache sequence id; the token goes at position length(seq)
  bool logits = false;  // return this position's logits
};

class Forward {
 public:
  // Borrows model and pool (both must outlive it). max_batch bounds the tokens processed at
  // once (longer batches are split) and sizes the buffers, allocated here once.
  Forward(const Model& model, cpu::ThreadPool& pool, int max_batch,
          int64_t panel_min_tokens = cpu::kPanelMinTokens);

  // logits is resized to [n_out, n_vocab], one row per entry with logits = true, in batch order.
  Status decode(KvCache& cache, std::span<const BatchToken> batch, std::vector<float>* logits);

  // Wall time of the decode() calls since the last reset, and how much of it went to the weight
  // matmuls (with their activation conversion) and to attention (scores, softmax, mix), for
  // benchmarks to say where the time goes. The rest is norms, RoPE, the FFN activation, the
  // embedding lookup and the hand-offs between them.
  struct TimeSplit {
    double total_s = 0.0;
    double matmul_s = 0.0;
    double attention_s = 0.0;
  };
  const TimeSplit& time_split() const { return time_; }
  void reset_time_split() { time_ = {}; }

 private:
  Status check(const KvCache& cache, std::span<const BatchToken> batch) const;
  void run_chunk(KvCache& cache, std::span<const BatchToken> chunk, float* logits_out);
  void attention_block(KvCache& cache, int layer, std::span<const BatchToken> chunk);
  void ffn_block(int layer, int64_t b);
  void project(const cpu::WeightMatrix& w, const float* x, int64_t b, float* y);
  // Matrices that share the input x (q/k/v, gate/up) in one pass (cpu::matmul_quantized_many).
  void project_many(std::initializer_list<cpu::MatmulJob> jobs, const float* x, int64_t b);
  void norm_rows(const float* x, const float* w, float* y, int64_t b, int64_t n);

  const Model& model_;
  cpu::ThreadPool& pool_;
  int max_batch_;
  int64_t panel_min_tokens_;  // matmuls of this many tokens or more take the panel path
  std::vector<int> pos_;      // per chunk entry
  std::vector<float> x_, h_, q_, k_, v_, att_, tmp_, gate_, up_;
  std::vector<float> rope_cos_, rope_sin_;  // [max_batch][n_rot/2]
  std::vector<float> scores_;               // [threads][heads per KV head][n_ctx] attention rows
  std::vector<float> prefill_scratch_;      // attention_prefill: panels and per-thread blocks
  std::vector<uint8_t> qscratch_;           // activations converted for a matmul
  // The last conversion, reused when consecutive matmuls share input and format.
  const float* q_src_ = nullptr;
  int64_t q_b_ = 0;
  unsigned q_packs_ = 0;  // the panel packings q_rows_ was made with (cpu::PanelPacks)
  cpu::QuantizedRows q_rows_;
  TimeSplit time_;
};

}  // namespace ys::model
