// Causal attention of a prompt chunk as matrix products on the panel kernels (cpu/gemm_panel.h),
// for one KV head and the `group` query heads that share it.
//
// The chunk is b tokens of one sequence at positions p0 .. p0 + b - 1; their keys and values are
// already in the cache after the p0 earlier ones. Query (t, g) attends to positions 0 .. p0 + t:
//   out[t][g] = sum_j softmax_j(scale * q[t][g] . k_j) v_j
// How: the keys are packed once into panels of 16 positions (their hd values column by column)
// and the values into panels of 16 dimensions (position by position). Queries go in blocks of
// 48 (token-major: query (t, g) is number t * group + g), one block per task: its scores against
// every panel it can see (the 16 x 6 tile, scale folded into the queries), softmax per query over
// its own positions (zeros after them), then the mix as a product of those probabilities with
// the value panels. A block's scores and probabilities stay in L2. Panels that no query of a
// 6-query sub-block can see are skipped, which halves the work of a causal prompt.
//
// The same products as the per-token loops (attention.h), summed in another order. Requires
// cpu_has_avx2() and hd % 16 == 0 (use_prefill_attention says whether it applies).
#pragma once

#include <cstdint>
#include <vector>

#include "backends/local/cpu/thread_pool.h"

namespace ys::model {

struct PrefillAttention {
  const float* q = nullptr;  // query (t, g) at q + t * q_stride + g * hd
  int64_t q_stride = 0;
  const float* k = nullptr;  // key of position j at k + j * kv_stride (hd floats); same for v
  const float* v = nullptr;
  int64_t kv_stride = 0;
  float* out = nullptr;  // output (t, g) at out + t * out_stride + g * hd
  int64_t out_stride = 0;
  int b = 0, group = 0, hd = 0, p0 = 0;
  float scale = 1.0f;
};

bool use_prefill_attention(int hd);

// `scratch` grows as needed and is reused across calls.
void attention_prefill(cpu::ThreadPool& pool, const PrefillAttention& a,
                       std::vector<float>& scratch);

}  // namespace ys::model
