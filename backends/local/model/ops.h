// Element-wise and per-row pieces of a transformer layer, following ggml's definitions so the
// engine matches llama.cpp closely:
//   rms_norm:  y = x / sqrt(mean(x^2) + eps) * w   (sum of squares in double)
//   rope:      pair (a, b) of a head -> (a cos t - b sin t, a sin t + b cos t) with
//              t_i = pos * base^(-2i/n_rot) * freq_scale / freq_factor_i, evaluated as ggml does
//              (float, the power built up by repeated multiplication); NORM pairs (2i, 2i+1),
//              NEOX pairs (i, i + n_rot/2); dims past n_rot are left alone
//   silu_mul:  g = g / (1 + exp(-g)) * u
//   softmax:   in place, max-subtracted, sum in double
//   (both evaluate exp through cpu/activation.h: eight at a time with AVX2, within 2 ulp)
// No state, no allocation; thread-safe.
#pragma once

#include <cstdint>

#include "backends/local/model/model.h"

namespace ys::model {

void rms_norm(const float* x, const float* w, float* y, int64_t n, float eps);

// cos/sin of the n_rot/2 angles at `pos`. freq_factors is null or holds n_rot/2 divisors.
void rope_angles(int pos, int n_rot, float base, float freq_scale, const float* freq_factors,
                 float* cos_out, float* sin_out);
// Rotates n_heads consecutive heads of head_dim values each, in place.
void rope_apply(float* x, int n_heads, int head_dim, int n_rot, const float* cos_v,
                const float* sin_v, RopeStyle style);

void silu_mul(float* gate, const float* up, int64_t n);
void softmax(float* x, int64_t n);

}  // namespace ys::model
