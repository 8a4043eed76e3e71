#include "backends/local/model/ops.h"

#include <cmath>

#include "backends/local/cpu/activation.h"

namespace ys::model {

void rms_norm(const float* x, const float* w, float* y, int64_t n, float eps) {
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i)
    sum += static_cast<double>(x[i] * x[i]);  // as ggml: float products
  const float mean = static_cast<float>(sum / static_cast<double>(n));
  const float scale = 1.0f / std::sqrt(mean + eps);
  for (int64_t i = 0; i < n; ++i) y[i] = (x[i] * scale) * w[i];
}

void rope_angles(int pos, int n_rot, float base, float freq_scale, const float* freq_factors,
                 float* cos_out, float* sin_out) {
  const float theta_scale = std::pow(base, -2.0f / static_cast<float>(n_rot));
  float theta = static_cast<float>(pos);
  for (int i = 0; i < n_rot / 2; ++i) {
    const float factor = freq_factors ? freq_factors[i] : 1.0f;
    const float t = freq_scale * (theta / factor);
    cos_out[i] = std::cos(t);
    sin_out[i] = std::sin(t);
    theta *= theta_scale;
  }
}

void rope_apply(float* x, int n_heads, int head_dim, int n_rot, const float* cos_v,
                const float* sin_v, RopeStyle style) {
  const int half = n_rot / 2;
  for (int h = 0; h < n_heads; ++h) {
    float* v = x + static_cast<int64_t>(h) * head_dim;
    for (int i = 0; i < half; ++i) {
      const int ia = style == RopeStyle::norm ? 2 * i : i;
      const int ib = style == RopeStyle::norm ? 2 * i + 1 : i + half;
      const float a = v[ia], b = v[ib];
      v[ia] = a * cos_v[i] - b * sin_v[i];
      v[ib] = a * sin_v[i] + b * cos_v[i];
    }
  }
}

void silu_mul(float* gate, const float* up, int64_t n) {
  cpu::silu_mul(gate, up, n);
}

void softmax(float* x, int64_t n) {
  float max = x[0];
  for (int64_t i = 1; i < n; ++i) max = x[i] > max ? x[i] : max;
  const double sum = cpu::exp_shifted(x, n, max);
  const float inv = static_cast<float>(1.0 / sum);
  for (int64_t i = 0; i < n; ++i) x[i] *= inv;
}

}  // namespace ys::model
