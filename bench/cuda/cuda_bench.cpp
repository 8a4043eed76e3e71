// cuda_bench: device-to-device copy bandwidth (the HBM ceiling) and matvec time per weight type on
// llama-3.1-8b's layer shapes, one token, so a matvec's GB/s reads against the ceiling. Prints
// one line per case; exits 77 with one line when there is no device. Timing is wall clock around
// n_iter launches followed by one synchronize (launch overhead included, as in decode).
#include <chrono>
#include <cstdio>
#include <vector>

#include "backends/local/cuda/device_buffer.h"
#include "backends/local/cuda/kernels.h"
#include "backends/local/cuda/runtime.h"

namespace {

using namespace ys;
using cpu::TensorType;
using Clock = std::chrono::steady_clock;

cuda::DeviceBuffer must_allocate(size_t bytes, unsigned char fill) {
  auto buf = cuda::DeviceBuffer::allocate(bytes);
  YS_ASSERT(buf.ok(), buf.ok() ? "" : buf.error().message.c_str());
  std::vector<unsigned char> host(bytes, fill);
  YS_ASSERT(buf->upload(host.data(), bytes).ok(), "upload");
  return std::move(*buf);
}

// Seconds per call of fn over n_iter calls after 3 warm-up calls.
template <typename Fn>
double seconds_per_call(int n_iter, Fn fn) {
  for (int i = 0; i < 3; ++i) YS_ASSERT(fn().ok(), "warm-up call failed");
  YS_ASSERT(cuda::synchronize().ok(), "synchronize");
  const auto t0 = Clock::now();
  for (int i = 0; i < n_iter; ++i) YS_ASSERT(fn().ok(), "call failed");
  YS_ASSERT(cuda::synchronize().ok(), "synchronize");
  return std::chrono::duration<double>(Clock::now() - t0).count() / n_iter;
}

double copy_bandwidth_gbs() {
  const size_t bytes = size_t{1} << 30;
  auto src = must_allocate(bytes, 1), dst = must_allocate(bytes, 0);
  const double s = seconds_per_call(10, [&] { return dst.copy_from(src, bytes); });
  return 2.0 * static_cast<double>(bytes) / s / 1e9;  // read + write
}

void bench_matvec(TensorType type, int64_t rows, int64_t cols) {
  const size_t w_bytes = cpu::type_row_bytes(type, cols) * static_cast<size_t>(rows);
  auto w = must_allocate(w_bytes, 0x11);  // small finite values in every format
  auto x = must_allocate(static_cast<size_t>(cols) * sizeof(float), 0);
  auto y = must_allocate(static_cast<size_t>(rows) * sizeof(float), 0);
  auto scratch = must_allocate(cuda::matvec_scratch_bytes(type, cols, 1) + 1, 0);
  const cuda::MatvecParams p{type,          w.data(), x.as<float>(), scratch.data(),
                             y.as<float>(), rows,     cols,          1};
  const double s = seconds_per_call(50, [&] { return cuda::matvec(p); });
  std::printf("matvec %-5s %6lldx%-6lld %9.1f us  %7.1f GB/s of weights\n", cpu::type_name(type),
              static_cast<long long>(rows), static_cast<long long>(cols), s * 1e6,
              static_cast<double>(w_bytes) / s / 1e9);
}

}  // namespace

int main() {
  auto device = cuda::probe_device();
  if (!device) {
    std::printf("SKIP: %s\n", device.error().message.c_str());
    return 77;
  }
  std::printf("device: %s (sm_%d%d, %d SMs)\n", device->name.c_str(), device->compute_major,
              device->compute_minor, device->n_multiprocessors);
  std::printf("copy (device to device, 1 GiB): %.0f GB/s read+write\n", copy_bandwidth_gbs());
  for (TensorType type : {TensorType::F32, TensorType::F16, TensorType::Q8_0}) {
    bench_matvec(type, 4096, 4096);   // attn_q / attn_output
    bench_matvec(type, 14336, 4096);  // ffn_gate / ffn_up
    bench_matvec(type, 4096, 14336);  // ffn_down
  }
  return 0;
}
