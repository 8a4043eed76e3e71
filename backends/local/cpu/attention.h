// Attention inner loops over one sequence's cached keys and values (rows `stride` floats apart,
// as the KV cache stores them), for one query head:
//   attn_scores: scores[j] = scale * (q . K_j)        j < n,  K_j = k + j * stride, hd floats
//   attn_mix:    out += sum_j p[j] * V_j              V_j = v + j * stride, hd floats
//                (adds to out, so a caller can mix the keys block by block: the sums continue
//                exactly as in one call)
// AVX2/FMA versions are used when cpu_has_avx2() (explicit tails for hd not a multiple of 8).
// No state; thread-safe.
#pragma once

#include <cstdint>

namespace ys::cpu {

void attn_scores(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                 float* scores);
void attn_mix(const float* p, const float* v, int64_t stride, int n, int hd, float* out);

void attn_scores_scalar(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                        float* scores);
void attn_mix_scalar(const float* p, const float* v, int64_t stride, int n, int hd, float* out);
void attn_scores_avx2(const float* q, const float* k, int64_t stride, int n, int hd, float scale,
                      float* scores);
void attn_mix_avx2(const float* p, const float* v, int64_t stride, int n, int hd, float* out);

}  // namespace ys::cpu
