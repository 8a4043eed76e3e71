#include "backends/local/cpu/attention.h"

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

void attn_scores_scalar(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                        float* scores) {
  for (int j = 0; j < n; ++j) {
    const float* kj = k + j * stride;
    double s = 0.0;
    for (int i = 0; i < hd; ++i) s += static_cast<double>(q[i]) * kj[i];
    scores[j] = static_cast<float>(s) * scale;
  }
}

void attn_mix_scalar(const float* p, const float* v, int64_t stride, int n, int hd, float* out) {
  for (int j = 0; j < n; ++j) {
    const float* vj = v + j * stride;
    for (int i = 0; i < hd; ++i) out[i] += p[j] * vj[i];
  }
}

void attn_scores(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                 float* scores) {
  if (cpu_has_avx2()) {
    attn_scores_avx2(q, k, stride, n, hd, scale, scores);
  } else {
    attn_scores_scalar(q, k, stride, n, hd, scale, scores);
  }
}

void attn_mix(const float* p, const float* v, int64_t stride, int n, int hd, float* out) {
  if (cpu_has_avx2()) {
    attn_mix_avx2(p, v, stride, n, hd, out);
  } else {
    attn_mix_scalar(p, v, stride, n, hd, out);
  }
}

}  // namespace ys::cpu
