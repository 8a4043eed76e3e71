// The CUDA kernels against the CPU engine's scalar references (model/ops.h, cpu/quantize.h,
// cpu/vec_dot.h) on random data and odd sizes. Exits 77 (skipped) with one line without a device.
// Tolerances: conversions and elementwise copies are exact; float reductions are allowed 1e-5 of
// the sum of |terms| (the GPU adds in a different order); RoPE 2e-5 per value (device cos/sin are
// within 2 ulp of the CPU's, on angles up to ~5000 rad).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "backends/local/cpu/activation.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/vec_dot.h"
#include "backends/local/cuda/device_buffer.h"
#include "backends/local/cuda/kernels.h"
#include "backends/local/cuda/runtime.h"
#include "backends/local/cuda/weights.h"
#include "backends/local/model/ops.h"
#include "tests/backends/local/cuda/test_runner.h"

namespace {

using namespace ys;
using cpu::TensorType;
using cuda_test::Checker;

std::vector<float> random_floats(size_t n, unsigned seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

template <typename T>
cuda::DeviceBuffer to_device(const std::vector<T>& host) {
  auto buf = cuda::DeviceBuffer::allocate(host.size() * sizeof(T));
  YS_ASSERT(buf.ok(), buf.ok() ? "" : buf.error().message.c_str());
  YS_ASSERT(buf->upload(host.data(), host.size() * sizeof(T)).ok(), "upload");
  return std::move(*buf);
}

template <typename T>
std::vector<T> from_device(const cuda::DeviceBuffer& buf, size_t n) {
  std::vector<T> host(n);
  YS_ASSERT(buf.download(host.data(), n * sizeof(T)).ok(), "download");
  return host;
}

bool ran(Checker& t, Status s) {
  if (s) s = cuda::synchronize();
  return t.check(s.ok(), s.ok() ? "" : s.error().message.c_str(), __FILE__, __LINE__);
}

void rms_norm_matches_the_scalar_reference(Checker& t) {
  for (int64_t n : {1, 7, 896, 4097}) {
    const int64_t rows = 3;
    auto x = random_floats(static_cast<size_t>(n * rows), 1, -3.0f, 3.0f);
    auto w = random_floats(static_cast<size_t>(n), 2);
    auto dx = to_device(x), dw = to_device(w), dy = to_device(std::vector<float>(x.size()));
    if (!ran(t, cuda::rms_norm({dx.as<float>(), dw.as<float>(), dy.as<float>(), n, rows, 1e-5f})))
      return;
    auto y = from_device<float>(dy, x.size());
    std::vector<float> want(x.size());
    for (int64_t r = 0; r < rows; ++r) model::rms_norm(&x[r * n], w.data(), &want[r * n], n, 1e-5f);
    for (size_t i = 0; i < y.size(); ++i)
      YS_NEAR(t, y[i], want[i], 1e-5 * (1 + std::fabs(want[i])), i);
  }
}

void rope_case(Checker& t, bool neox, bool with_factors) {
  const int n_tokens = 5, n_heads = 3, head_dim = 12, n_rot = 8;
  auto x = random_floats(static_cast<size_t>(n_tokens * n_heads * head_dim), 3);
  std::vector<int32_t> pos = {0, 1, 17, 2047, 4999};
  std::vector<float> factors = {1.0f, 1.5f, 4.0f, 8.0f};
  auto dx = to_device(x), dpos = to_device(pos), dfac = to_device(factors);
  cuda::RopeParams p{dx.as<float>(),
                     dpos.as<int32_t>(),
                     with_factors ? dfac.as<float>() : nullptr,
                     n_tokens,
                     n_heads,
                     head_dim,
                     n_rot,
                     500000.0f,
                     0.5f,
                     neox};
  if (!ran(t, cuda::rope(p))) return;
  auto y = from_device<float>(dx, x.size());
  std::vector<float> c(n_rot / 2), s(n_rot / 2);
  for (int tok = 0; tok < n_tokens; ++tok) {
    model::rope_angles(pos[tok], n_rot, p.base, p.freq_scale,
                       with_factors ? factors.data() : nullptr, c.data(), s.data());
    model::rope_apply(&x[static_cast<size_t>(tok * n_heads * head_dim)], n_heads, head_dim, n_rot,
                      c.data(), s.data(), neox ? model::RopeStyle::neox : model::RopeStyle::norm);
  }
  for (size_t i = 0; i < y.size(); ++i) YS_NEAR(t, y[i], x[i], 2e-5, i);
}

void rope_norm_matches_the_scalar_reference(Checker& t) {
  rope_case(t, false, false);
}
void rope_neox_with_freq_factors_matches_the_scalar_reference(Checker& t) {
  rope_case(t, true, true);
  rope_case(t, false, true);
}

void swiglu_matches_the_scalar_reference(Checker& t) {
  const int64_t n = 1001;
  auto g = random_floats(n, 4, -20.0f, 20.0f), u = random_floats(n, 5);
  auto dg = to_device(g), du = to_device(u);
  if (!ran(t, cuda::swiglu({dg.as<float>(), du.as<float>(), n}))) return;
  auto y = from_device<float>(dg, n);
  cpu::silu_mul_scalar(g.data(), u.data(), n);
  for (size_t i = 0; i < y.size(); ++i) YS_NEAR(t, y[i], g[i], 1e-6 * (1 + std::fabs(g[i])), i);
}

void add_is_exact(Checker& t) {
  const int64_t n = 333;
  auto a = random_floats(n, 6), b = random_floats(n, 7);
  auto da = to_device(a), db = to_device(b);
  if (!ran(t, cuda::add({da.as<float>(), db.as<float>(), n}))) return;
  auto y = from_device<float>(da, n);
  for (size_t i = 0; i < y.size(); ++i) YS_NEAR(t, y[i], a[i] + b[i], 0.0, i);
}

void quantize_matches_the_cpu_bytes(Checker& t, TensorType type) {
  const int64_t n = 32 * 9, rows = 3;
  auto x = random_floats(static_cast<size_t>(n * rows), 8, -4.0f, 4.0f);
  for (int j = 0; j < 32; ++j) x[static_cast<size_t>(32 + j)] = 0.0f;  // an all-zero block
  const size_t row_bytes = cpu::type_row_bytes(type, n);
  auto dx = to_device(x), dq = to_device(std::vector<uint8_t>(row_bytes * rows));
  if (!ran(t, cuda::quantize({type, dx.as<float>(), dq.data(), n, rows}))) return;
  auto got = from_device<uint8_t>(dq, row_bytes * rows);
  std::vector<uint8_t> want(got.size());
  for (int64_t r = 0; r < rows; ++r) {
    if (type == TensorType::Q8_0) cpu::quantize_row_q8_0_scalar(&x[r * n], &want[r * row_bytes], n);
    if (type == TensorType::F16) cpu::convert_row_f16_scalar(&x[r * n], &want[r * row_bytes], n);
  }
  for (size_t i = 0; i < got.size(); ++i) YS_NEAR(t, got[i], want[i], 0.0, i);
}

void quantize_q8_0_matches_the_cpu_bytes(Checker& t) {
  quantize_matches_the_cpu_bytes(t, TensorType::Q8_0);
}
void convert_f16_matches_the_cpu_bytes(Checker& t) {
  quantize_matches_the_cpu_bytes(t, TensorType::F16);
}

// W in `type` from random floats via the CPU converters; reference = vec_dot scalar per row.
void matvec_case(Checker& t, TensorType type, int64_t rows, int64_t cols, int64_t tokens) {
  const TensorType act = cpu::vec_dot_type(type);
  auto wf = random_floats(static_cast<size_t>(rows * cols), 9);
  auto x = random_floats(static_cast<size_t>(tokens * cols), 10);
  const size_t w_row = cpu::type_row_bytes(type, cols), x_row = cpu::type_row_bytes(act, cols);
  std::vector<uint8_t> w(w_row * rows), xq(x_row * tokens);
  for (int64_t r = 0; r < rows; ++r) cpu::quantize_row(type, &wf[r * cols], &w[r * w_row], cols);
  for (int64_t k = 0; k < tokens; ++k) cpu::quantize_row(act, &x[k * cols], &xq[k * x_row], cols);

  auto dw = cuda::upload_weight("w", type, rows, cols, w.data());
  if (!t.check(dw.ok(), "upload_weight", __FILE__, __LINE__)) return;
  auto dx = to_device(x), dy = to_device(std::vector<float>(rows * tokens));
  auto scratch = to_device(std::vector<uint8_t>(cuda::matvec_scratch_bytes(type, cols, tokens)));
  cuda::MatvecParams p{type, dw->data.data(), dx.as<float>(), scratch.data(), dy.as<float>(), rows,
                       cols, tokens};
  if (!ran(t, cuda::matvec(p))) return;
  auto y = from_device<float>(dy, rows * tokens);
  const cpu::VecDotFn dot = cpu::vec_dot_fn_scalar(type);
  for (int64_t k = 0; k < tokens; ++k) {
    for (int64_t r = 0; r < rows; ++r) {
      const float want = dot(cols, &w[r * w_row], &xq[k * x_row]);
      YS_NEAR(t, y[k * rows + r], want, 1e-5 * static_cast<double>(cols), k * rows + r);
    }
  }
}

void matvec_f32_matches_the_scalar_reference(Checker& t) {
  matvec_case(t, TensorType::F32, 37, 129, 3);
  matvec_case(t, TensorType::F32, 5, 4096, 1);
}
void matvec_f16_matches_the_scalar_reference(Checker& t) {
  matvec_case(t, TensorType::F16, 33, 70, 2);
  matvec_case(t, TensorType::F16, 3, 2049, 1);
}
void matvec_q8_0_matches_the_scalar_reference(Checker& t) {
  matvec_case(t, TensorType::Q8_0, 33, 32 * 13, 2);
  matvec_case(t, TensorType::Q8_0, 7, 4096, 5);
}

void weights_round_trip_in_their_own_format(Checker& t) {
  std::vector<uint8_t> w(210 * 6);
  std::mt19937 rng(11);
  for (auto& b : w) b = static_cast<uint8_t>(rng());
  auto before = cuda::device_memory();
  auto dw = cuda::upload_weight("blk.0.ffn_down.weight", TensorType::Q6_K, 3, 512, w.data());
  if (!t.check(dw.ok(), "upload_weight Q6_K", __FILE__, __LINE__)) return;
  YS_CHECK(t, dw->data.size_bytes() == w.size());
  auto back = from_device<uint8_t>(dw->data, w.size());
  YS_CHECK(t, back == w);
  YS_CHECK(t, before.ok());
}

}  // namespace

int main() {
  auto device = cuda::probe_device();
  if (!device) {
    std::printf("SKIP: %s\n", device.error().message.c_str());
    return cuda_test::kSkipExitCode;
  }
  std::printf("device: %s (sm_%d%d, %d SMs, %.1f GiB)\n", device->name.c_str(),
              device->compute_major, device->compute_minor, device->n_multiprocessors,
              static_cast<double>(device->total_bytes) / (1 << 30));
  const cuda_test::TestCase cases[] = {
      {"rms_norm matches the scalar reference", rms_norm_matches_the_scalar_reference},
      {"rope norm matches the scalar reference", rope_norm_matches_the_scalar_reference},
      {"rope neox with freq factors matches the scalar reference",
       rope_neox_with_freq_factors_matches_the_scalar_reference},
      {"swiglu matches the scalar reference", swiglu_matches_the_scalar_reference},
      {"add is exact", add_is_exact},
      {"quantize q8_0 matches the CPU bytes", quantize_q8_0_matches_the_cpu_bytes},
      {"convert f16 matches the CPU bytes", convert_f16_matches_the_cpu_bytes},
      {"matvec f32 matches the scalar reference", matvec_f32_matches_the_scalar_reference},
      {"matvec f16 matches the scalar reference", matvec_f16_matches_the_scalar_reference},
      {"matvec q8_0 matches the scalar reference", matvec_q8_0_matches_the_scalar_reference},
      {"weights round trip in their own format", weights_round_trip_in_their_own_format},
  };
  return cuda_test::run_all(cases);
}
