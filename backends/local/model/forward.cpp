#include "backends/local/model/forward.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#include "backends/local/cpu/attention.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/model/attention_prefill.h"
#include "backends/local/model/ops.h"
#include "harness/core/clock.h"

namespace ys::model {

namespace {

using Clock = std::chrono::steady_clock;

// Positions per attention block: 64 keys of a 64-wide head are 16 KiB, which stay in L1 while
// the query heads of a group take their turns.
constexpr int kKeyBlock = 64;
}  // namespace

Forward::Forward(const Model& model, cpu::ThreadPool& pool, int max_batch, int64_t panel_min_tokens)
    : model_(model),
      pool_(pool),
      max_batch_(std::max(1, max_batch)),
      panel_min_tokens_(panel_min_tokens) {
  const ModelConfig& c = model.config;
  const auto b = static_cast<size_t>(max_batch_);
  pos_.resize(b);
  x_.resize(b * c.n_embd);
  h_.resize(b * std::max(c.n_embd, c.q_dim()));
  q_.resize(b * c.q_dim());
  k_.resize(b * c.kv_dim());
  v_.resize(b * c.kv_dim());
  att_.resize(b * c.q_dim());
  tmp_.resize(b * c.n_embd);
  gate_.resize(b * c.n_ff);
  up_.resize(b * c.n_ff);
  rope_cos_.resize(b * (c.n_rot / 2));
  rope_sin_.resize(b * (c.n_rot / 2));
}

Status Forward::check(const KvCache& cache, std::span<const BatchToken> batch) const {
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!cache.valid(batch[i].seq)) {
      return Error{"batch entry " + std::to_string(i) + ": unknown sequence " +
                   std::to_string(batch[i].seq)};
    }
    if (batch[i].token < 0 || batch[i].token >= model_.config.n_vocab) {
      return Error{"batch entry " + std::to_string(i) + ": token id " +
                   std::to_string(batch[i].token) + " outside [0, " +
                   std::to_string(model_.config.n_vocab) + ")"};
    }
  }
  // Every sequence must have room for all its new tokens.
  std::vector<std::pair<int, int>> counts;  // (seq, new tokens)
  for (const auto& t : batch) {
    auto it = std::find_if(counts.begin(), counts.end(), [&](auto& p) { return p.first == t.seq; });
    if (it == counts.end())
      counts.emplace_back(t.seq, 1);
    else
      ++it->second;
  }
  for (const auto& [seq, n] : counts) {
    if (cache.length(seq) + n > cache.n_ctx()) {
      return Error{"sequence " + std::to_string(seq) + " would hold " +
                   std::to_string(cache.length(seq) + n) + " tokens; the context holds " +
                   std::to_string(cache.n_ctx())};
    }
  }
  return ok_status();
}

Status Forward::decode(KvCache& cache, std::span<const BatchToken> batch,
                       std::vector<float>* logits) {
  if (Status st = check(cache, batch); !st) return st;
  const auto t0 = Clock::now();
  const auto n_out = std::count_if(batch.begin(), batch.end(), [](auto& t) { return t.logits; });
  logits->resize(static_cast<size_t>(n_out) * model_.config.n_vocab);
  float* out = logits->data();
  for (size_t start = 0; start < batch.size(); start += static_cast<size_t>(max_batch_)) {
    const auto chunk =
        batch.subspan(start, std::min(batch.size() - start, static_cast<size_t>(max_batch_)));
    run_chunk(cache, chunk, out);
    out += std::count_if(chunk.begin(), chunk.end(), [](auto& t) { return t.logits; }) *
           model_.config.n_vocab;
  }
  time_.total_s += seconds_since(t0);
  return ok_status();
}

void Forward::project(const cpu::WeightMatrix& w, const float* x, int64_t b, float* y) {
  project_many({{&w, y}}, x, b);
}

void Forward::project_many(std::initializer_list<cpu::MatmulJob> jobs, const float* x, int64_t b) {
  const cpu::TensorType want = cpu::matmul_input_type(jobs.begin()->w->type);
  for (const cpu::MatmulJob& j : jobs) {
    if (cpu::matmul_input_type(j.w->type) != want) {  // mixed formats: one at a time
      for (const cpu::MatmulJob& k : jobs) project(*k.w, x, b, k.y);
      return;
    }
  }
  unsigned packs = 0;  // the panel packings these matrices use
  for (const cpu::MatmulJob& j : jobs) packs |= cpu::panel_packs(j.w->type);
  const auto t0 = Clock::now();
  if (q_src_ != x || q_b_ != b || q_rows_.type != want || (q_packs_ & packs) != packs) {
    q_rows_ = cpu::quantize_rows(pool_, want, x, b, jobs.begin()->w->cols, qscratch_,
                                 panel_min_tokens_, packs);
    q_src_ = x;
    q_b_ = b;
    q_packs_ = packs;
  }
  cpu::matmul_quantized_many(pool_, std::span<const cpu::MatmulJob>(jobs.begin(), jobs.size()),
                             q_rows_, b);
  time_.matmul_s += seconds_since(t0);
}

void Forward::norm_rows(const float* x, const float* w, float* y, int64_t b, int64_t n) {
  pool_.parallel_for(b, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t)
      rms_norm(x + t * n, w, y + t * n, n, model_.config.rms_eps);
  });
}

void Forward::run_chunk(KvCache& cache, std::span<const BatchToken> chunk, float* logits_out) {
  const ModelConfig& c = model_.config;
  const auto b = static_cast<int64_t>(chunk.size());
  // Positions follow each sequence's length, in batch order; reserve room before any pointer
  // into the cache is taken.
  for (int64_t t = 0; t < b; ++t) {
    int n_before = 0;
    for (int64_t u = 0; u < t; ++u) n_before += chunk[u].seq == chunk[t].seq;
    pos_[t] = cache.length(chunk[t].seq) + n_before;
  }
  for (int64_t t = 0; t < b; ++t) {
    const Status st = cache.reserve(chunk[t].seq, pos_[t] + 1);
    YS_ASSERT(st.ok(), "KvCache::reserve after check()");
  }
  const cpu::WeightMatrix& embd = model_.weights.token_embd;
  for (int64_t t = 0; t < b; ++t) {
    cpu::dequantize_row(embd.type, embd.data + static_cast<size_t>(chunk[t].token) * embd.row_bytes,
                        &x_[t * c.n_embd], c.n_embd);
    rope_angles(pos_[t], c.n_rot, c.rope_base, c.rope_freq_scale,
                model_.weights.rope_freqs.empty() ? nullptr : model_.weights.rope_freqs.data(),
                &rope_cos_[t * (c.n_rot / 2)], &rope_sin_[t * (c.n_rot / 2)]);
  }
  for (int il = 0; il < c.n_layer; ++il) {
    attention_block(cache, il, chunk);
    ffn_block(il, b);
  }
  for (int64_t t = 0; t < b; ++t) {
    cache.set_length(chunk[t].seq, std::max(cache.length(chunk[t].seq), pos_[t] + 1));
  }
  // Final norm on the rows that want logits, packed together, then the output head.
  int64_t n_out = 0;
  for (int64_t t = 0; t < b; ++t) {
    if (!chunk[t].logits) continue;
    rms_norm(&x_[t * c.n_embd], model_.weights.output_norm.data(), &h_[n_out * c.n_embd], c.n_embd,
             c.rms_eps);
    ++n_out;
  }
  if (n_out > 0) {
    q_src_ = nullptr;
    project(model_.weights.output, h_.data(), n_out, logits_out);
  }
}

void Forward::attention_block(KvCache& cache, int il, std::span<const BatchToken> chunk) {
  const ModelConfig& c = model_.config;
  const LayerWeights& L = model_.weights.layers[static_cast<size_t>(il)];
  const auto b = static_cast<int64_t>(chunk.size());
  const int hd = c.head_dim, half = c.n_rot / 2;
  norm_rows(x_.data(), L.attn_norm.data(), h_.data(), b, c.n_embd);
  q_src_ = nullptr;
  project_many({{&L.wq, q_.data()}, {&L.wk, k_.data()}, {&L.wv, v_.data()}}, h_.data(), b);
  pool_.parallel_for(b, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      float* q = &q_[t * c.q_dim()];
      float* k = &k_[t * c.kv_dim()];
      float* v = &v_[t * c.kv_dim()];
      if (c.qkv_bias) {
        for (int i = 0; i < c.q_dim(); ++i) q[i] += L.bq[i];
        for (int i = 0; i < c.kv_dim(); ++i) k[i] += L.bk[i];
        for (int i = 0; i < c.kv_dim(); ++i) v[i] += L.bv[i];
      }
      if (c.qk_norm) {
        for (int h = 0; h < c.n_head; ++h)
          rms_norm(q + h * hd, L.q_norm.data(), q + h * hd, hd, c.rms_eps);
        for (int h = 0; h < c.n_head_kv; ++h)
          rms_norm(k + h * hd, L.k_norm.data(), k + h * hd, hd, c.rms_eps);
      }
      rope_apply(q, c.n_head, hd, c.n_rot, &rope_cos_[t * half], &rope_sin_[t * half],
                 c.rope_style);
      rope_apply(k, c.n_head_kv, hd, c.n_rot, &rope_cos_[t * half], &rope_sin_[t * half],
                 c.rope_style);
    }
  });
  for (int64_t t = 0; t < b; ++t) {
    std::memcpy(cache.k(chunk[t].seq, il, pos_[t]), &k_[t * c.kv_dim()],
                sizeof(float) * c.kv_dim());
    std::memcpy(cache.v(chunk[t].seq, il, pos_[t]), &v_[t * c.kv_dim()],
                sizeof(float) * c.kv_dim());
  }
  const int n_ctx = cache.n_ctx();
  const int group = c.n_head / c.n_head_kv;
  const size_t per_thread = static_cast<size_t>(group) * static_cast<size_t>(n_ctx);
  if (scores_.size() < static_cast<size_t>(pool_.size()) * per_thread) {
    scores_.resize(static_cast<size_t>(pool_.size()) * per_thread);
  }
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const int64_t stride = cache.row_floats();
  // A prompt chunk of one sequence (consecutive positions) of panel size: attention as matrix
  // products (attention_prefill.h).
  bool one_run = b >= panel_min_tokens_ && use_prefill_attention(hd);
  for (int64_t t = 1; one_run && t < b; ++t)
    one_run = chunk[t].seq == chunk[0].seq && pos_[t] == pos_[0] + t;
  const auto t0 = Clock::now();
  if (one_run) {
    for (int kvh = 0; kvh < c.n_head_kv; ++kvh) {
      PrefillAttention a;
      a.q = &q_[kvh * group * hd];
      a.q_stride = c.q_dim();
      a.k = cache.k(chunk[0].seq, il, 0) + kvh * hd;
      a.v = cache.v(chunk[0].seq, il, 0) + kvh * hd;
      a.kv_stride = stride;
      a.out = &att_[kvh * group * hd];
      a.out_stride = c.q_dim();
      a.b = static_cast<int>(b);
      a.group = group;
      a.hd = hd;
      a.p0 = pos_[0];
      a.scale = scale;
      attention_prefill(pool_, a, prefill_scratch_);
    }
  } else {
    // One task per (token, KV head): the `group` query heads that share a KV head go through its
    // keys and values together, a block of positions at a time, so each block is read from memory
    // once and then from L1 for the other heads. Tokens go longest history first, so the threads'
    // last chunks are the short ones.
    pool_.parallel_for_indexed(b * c.n_head_kv, [&](int thread, int64_t begin, int64_t end) {
      float* s = &scores_[static_cast<size_t>(thread) * per_thread];
      for (int64_t task = begin; task < end; ++task) {
        const int64_t t = b - 1 - task / c.n_head_kv;
        const int kvh = static_cast<int>(task % c.n_head_kv);
        const int seq = chunk[t].seq, n = pos_[t] + 1;
        const float* keys = cache.k(seq, il, 0) + kvh * hd;
        const float* values = cache.v(seq, il, 0) + kvh * hd;
        const float* q = &q_[t * c.q_dim() + kvh * group * hd];
        float* out = &att_[t * c.q_dim() + kvh * group * hd];
        for (int j0 = 0; j0 < n; j0 += kKeyBlock) {
          const int len = std::min(kKeyBlock, n - j0);
          for (int g = 0; g < group; ++g) {
            cpu::attn_scores(q + g * hd, keys + j0 * stride, stride, len, hd, scale,
                             s + static_cast<size_t>(g) * n_ctx + j0);
          }
        }
        for (int g = 0; g < group; ++g) softmax(s + static_cast<size_t>(g) * n_ctx, n);
        std::fill(out, out + static_cast<size_t>(group) * hd, 0.0f);
        for (int j0 = 0; j0 < n; j0 += kKeyBlock) {
          const int len = std::min(kKeyBlock, n - j0);
          for (int g = 0; g < group; ++g) {
            cpu::attn_mix(s + static_cast<size_t>(g) * n_ctx + j0, values + j0 * stride, stride,
                          len, hd, out + g * hd);
          }
        }
      }
    });
  }
  time_.attention_s += seconds_since(t0);
  project(L.wo, att_.data(), b, tmp_.data());
  for (int64_t i = 0; i < b * c.n_embd; ++i) x_[i] += tmp_[i];
}

void Forward::ffn_block(int il, int64_t b) {
  const ModelConfig& c = model_.config;
  const LayerWeights& L = model_.weights.layers[static_cast<size_t>(il)];
  norm_rows(x_.data(), L.ffn_norm.data(), h_.data(), b, c.n_embd);
  q_src_ = nullptr;
  project_many({{&L.ffn_gate, gate_.data()}, {&L.ffn_up, up_.data()}}, h_.data(), b);
  pool_.parallel_for(b, [&](int64_t begin, int64_t end) {
    silu_mul(&gate_[begin * c.n_ff], &up_[begin * c.n_ff], (end - begin) * c.n_ff);
  });
  project(L.ffn_down, gate_.data(), b, tmp_.data());
  for (int64_t i = 0; i < b * c.n_embd; ++i) x_[i] += tmp_[i];
}

}  // namespace ys::model
