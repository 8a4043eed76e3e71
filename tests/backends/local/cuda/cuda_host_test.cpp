// Host-side logic of the CUDA engine, runnable without a GPU: weight sizes, scratch sizes,
// parameter checks and buffer range checks. Expected sizes come from the GGUF block layouts
// (ggml's block structs: Q8_0 34 bytes per 32 values, Q4_0 18/32, Q4_K 144/256, Q5_K 176/256,
// Q6_K 210/256), not from cpu::type_row_bytes.
#include <string>
#include <vector>

#include "backends/local/cuda/device_buffer.h"
#include "backends/local/cuda/kernels.h"
#include "backends/local/cuda/runtime.h"
#include "backends/local/cuda/weights.h"
#include "tests/backends/local/cuda/test_runner.h"

namespace {

using namespace ys;
using cpu::TensorType;
using cuda_test::Checker;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

size_t bytes_or_zero(TensorType type, int64_t rows, int64_t cols) {
  auto b = cuda::weight_bytes("w", type, rows, cols);
  return b ? *b : 0;
}

void weight_bytes_follow_the_block_layouts(Checker& t) {
  YS_CHECK(t, bytes_or_zero(TensorType::F32, 3, 5) == 60);
  YS_CHECK(t, bytes_or_zero(TensorType::F16, 5, 7) == 70);
  YS_CHECK(t, bytes_or_zero(TensorType::BF16, 2, 3) == 12);
  YS_CHECK(t, bytes_or_zero(TensorType::Q8_0, 3, 64) == 3 * 2 * 34);
  YS_CHECK(t, bytes_or_zero(TensorType::Q4_0, 1, 96) == 3 * 18);
  YS_CHECK(t, bytes_or_zero(TensorType::Q4_K, 2, 512) == 2 * 2 * 144);
  YS_CHECK(t, bytes_or_zero(TensorType::Q5_K, 1, 256) == 176);
  YS_CHECK(t, bytes_or_zero(TensorType::Q6_K, 4, 256) == 4 * 210);
}

void weight_bytes_reject_bad_shapes_and_types_by_name(Checker& t) {
  auto odd = cuda::weight_bytes("blk.0.ffn_up.weight", TensorType::Q8_0, 4, 33);
  YS_CHECK(t, !odd && contains(odd.error().message, "blk.0.ffn_up.weight") &&
                  contains(odd.error().message, "multiple of"));
  auto act = cuda::weight_bytes("x", TensorType::Q8_K, 1, 256);  // activation-only type
  YS_CHECK(t, !act && contains(act.error().message, "cannot be uploaded"));
  auto unknown = cuda::weight_bytes("x", static_cast<TensorType>(99), 1, 32);
  YS_CHECK(t, !unknown && contains(unknown.error().message, "unknown"));
  YS_CHECK(t, !cuda::weight_bytes("x", TensorType::F32, 0, 4));
  YS_CHECK(t, !cuda::weight_bytes("x", TensorType::F32, 4, -1));
}

void matvec_scratch_holds_the_converted_activations(Checker& t) {
  YS_CHECK(t, cuda::matvec_scratch_bytes(TensorType::F32, 64, 3) == 0);
  YS_CHECK(t, cuda::matvec_scratch_bytes(TensorType::F16, 7, 3) == 3 * 7 * 2);
  YS_CHECK(t, cuda::matvec_scratch_bytes(TensorType::Q8_0, 64, 2) == 2 * 2 * 34);
  YS_CHECK(t, cuda::matvec_scratch_bytes(TensorType::Q4_K, 256, 1) == 0);  // no kernel yet
  YS_CHECK(t, cuda::matvec_supports(TensorType::Q8_0) && !cuda::matvec_supports(TensorType::Q6_K));
}

// Any non-null address will do: validate() never dereferences.
float g_dummy[4];

void validate_accepts_good_params_and_names_the_fault(Checker& t) {
  cuda::RmsNormParams rn{g_dummy, g_dummy, g_dummy, 4, 1, 1e-6f};
  YS_CHECK(t, cuda::validate(rn).ok());
  rn.w = nullptr;
  auto s = cuda::validate(rn);
  YS_CHECK(t, !s && contains(s.error().message, "rms_norm") && contains(s.error().message, "null"));

  int32_t pos[1] = {0};
  cuda::RopeParams rp{g_dummy, pos, nullptr, 1, 2, 8, 8};
  YS_CHECK(t, cuda::validate(rp).ok());
  rp.n_rot = 5;
  YS_CHECK(t, !cuda::validate(rp));
  rp.n_rot = 10;  // past head_dim
  YS_CHECK(t, !cuda::validate(rp));

  cuda::MatvecParams mv{TensorType::Q8_0, g_dummy, g_dummy, g_dummy, g_dummy, 3, 64, 1};
  YS_CHECK(t, cuda::validate(mv).ok());
  mv.n_cols = 40;
  s = cuda::validate(mv);
  YS_CHECK(t, !s && contains(s.error().message, "multiple of 32"));
  mv.n_cols = 64;
  mv.x_scratch = nullptr;
  YS_CHECK(t, !cuda::validate(mv));
  mv.type = TensorType::F32;  // F32 needs no scratch
  YS_CHECK(t, cuda::validate(mv).ok());
  mv.type = TensorType::Q4_K;
  s = cuda::validate(mv);
  YS_CHECK(t, !s && contains(s.error().message, "no kernel"));

  cuda::QuantizeParams q{TensorType::BF16, g_dummy, g_dummy, 32, 1};
  YS_CHECK(t, !cuda::validate(q));
  YS_CHECK(t, !cuda::validate(cuda::SwigluParams{g_dummy, g_dummy, 0}));
  YS_CHECK(t, !cuda::validate(cuda::AddParams{nullptr, g_dummy, 4}));
}

void launchers_refuse_bad_params_before_touching_the_device(Checker& t) {
  auto s = cuda::rms_norm(cuda::RmsNormParams{});
  YS_CHECK(t, !s && contains(s.error().message, "rms_norm"));
  YS_CHECK(t, !cuda::matvec(cuda::MatvecParams{}));
  YS_CHECK(t, !cuda::rope(cuda::RopeParams{}));
}

void buffer_copies_check_their_range(Checker& t) {
  cuda::DeviceBuffer empty;
  char host[8] = {};
  auto s = empty.upload(host, sizeof host);
  YS_CHECK(t, !s && contains(s.error().message, "past the buffer"));
  YS_CHECK(t, !empty.download(host, 1, 0));
  YS_CHECK(t, empty.upload(host, 0).ok());
  auto zero = cuda::DeviceBuffer::allocate(0);  // no device call for an empty buffer
  YS_CHECK(t, zero.ok() && zero->data() == nullptr && zero->size_bytes() == 0);
}

void probe_reports_a_device_or_says_there_is_none(Checker& t) {
  auto d = cuda::probe_device();
  if (d) {
    YS_CHECK(t, !d->name.empty() && d->total_bytes > 0 && d->compute_major >= 5);
  } else {
    YS_CHECK(t, contains(d.error().message, "no CUDA device"));
  }
}

}  // namespace

int main() {
  const cuda_test::TestCase cases[] = {
      {"weight sizes follow the GGUF block layouts", weight_bytes_follow_the_block_layouts},
      {"weight sizes reject bad shapes and types by tensor name",
       weight_bytes_reject_bad_shapes_and_types_by_name},
      {"matvec scratch holds the converted activations",
       matvec_scratch_holds_the_converted_activations},
      {"validate accepts good params and names the fault",
       validate_accepts_good_params_and_names_the_fault},
      {"launchers refuse bad params before touching the device",
       launchers_refuse_bad_params_before_touching_the_device},
      {"buffer copies check their range", buffer_copies_check_their_range},
      {"probe reports a device or says there is none",
       probe_reports_a_device_or_says_there_is_none},
  };
  return cuda_test::run_all(cases);
}
