// Parameter checks and the launchers' common front: validate, then hand to the op's .cu file.
#include "backends/local/cuda/kernels.h"

#include <string>

#include "backends/local/cuda/launchers.h"

namespace ys::cuda {

namespace {

using cpu::TensorType;

Status fail(const char* op, const std::string& why) {
  return Error{std::string(op) + ": " + why};
}

bool all_set(std::initializer_list<const void*> ptrs) {
  for (const void* p : ptrs) {
    if (!p) return false;
  }
  return true;
}

// Largest grid dimension y/z and a bound that keeps 32-bit index math inside the kernels safe.
constexpr int64_t kMaxGridY = 65535;
constexpr int64_t kMaxElems = int64_t{1} << 31;

}  // namespace

Status validate(const RmsNormParams& p) {
  if (!all_set({p.x, p.w, p.y})) return fail("rms_norm", "null pointer");
  if (p.n <= 0 || p.n_rows <= 0) return fail("rms_norm", "empty shape");
  if (p.n * p.n_rows >= kMaxElems) return fail("rms_norm", "more than 2^31 elements");
  if (!(p.eps >= 0.0f)) return fail("rms_norm", "eps must be >= 0");
  return ok_status();
}

Status validate(const RopeParams& p) {
  if (!all_set({p.x, p.pos})) return fail("rope", "null pointer");
  if (p.n_tokens <= 0 || p.n_heads <= 0 || p.head_dim <= 0) return fail("rope", "empty shape");
  if (p.n_rot <= 0 || p.n_rot % 2 != 0 || p.n_rot > p.head_dim) {
    return fail("rope", "n_rot " + std::to_string(p.n_rot) + " must be even and in (0, head_dim " +
                            std::to_string(p.head_dim) + "]");
  }
  if (int64_t{p.n_tokens} * p.n_heads * p.head_dim >= kMaxElems) {
    return fail("rope", "more than 2^31 elements");
  }
  if (!(p.base > 0.0f)) return fail("rope", "base must be > 0");
  return ok_status();
}

Status validate(const SwigluParams& p) {
  if (!all_set({p.gate, p.up})) return fail("swiglu", "null pointer");
  if (p.n <= 0 || p.n >= kMaxElems) return fail("swiglu", "n must be in [1, 2^31)");
  return ok_status();
}

Status validate(const AddParams& p) {
  if (!all_set({p.x, p.y})) return fail("add", "null pointer");
  if (p.n <= 0 || p.n >= kMaxElems) return fail("add", "n must be in [1, 2^31)");
  return ok_status();
}

Status validate(const QuantizeParams& p) {
  if (p.type != TensorType::F16 && p.type != TensorType::Q8_0) {
    return fail("quantize", std::string("unsupported target type ") + cpu::type_name(p.type));
  }
  if (!all_set({p.x, p.y})) return fail("quantize", "null pointer");
  if (p.n <= 0 || p.n_rows <= 0) return fail("quantize", "empty shape");
  if (p.n % cpu::type_block_elems(p.type) != 0) {
    return fail("quantize", "n " + std::to_string(p.n) + " is not a multiple of the block size");
  }
  if (p.n * p.n_rows >= kMaxElems) return fail("quantize", "more than 2^31 elements");
  return ok_status();
}

bool matvec_supports(TensorType type) {
  return type == TensorType::F32 || type == TensorType::F16 || type == TensorType::Q8_0;
}

size_t matvec_scratch_bytes(TensorType type, int64_t n_cols, int64_t n_tokens) {
  if (type == TensorType::F32 || !matvec_supports(type) || n_cols <= 0 || n_tokens <= 0) return 0;
  const TensorType act = cpu::vec_dot_type(type);
  if (n_cols % cpu::type_block_elems(act) != 0) return 0;
  return cpu::type_row_bytes(act, n_cols) * static_cast<size_t>(n_tokens);
}

Status validate(const MatvecParams& p) {
  if (!matvec_supports(p.type)) {
    return fail("matvec", std::string("no kernel for weight type ") + cpu::type_name(p.type));
  }
  if (!all_set({p.w, p.x, p.y})) return fail("matvec", "null pointer");
  if (p.type != TensorType::F32 && !p.x_scratch) return fail("matvec", "null x_scratch");
  if (p.n_rows <= 0 || p.n_cols <= 0 || p.n_tokens <= 0) return fail("matvec", "empty shape");
  if (p.n_tokens > kMaxGridY) return fail("matvec", "n_tokens above 65535");
  if (p.n_cols % cpu::type_block_elems(p.type) != 0) {
    return fail("matvec", "n_cols " + std::to_string(p.n_cols) + " is not a multiple of " +
                              std::to_string(cpu::type_block_elems(p.type)) + " for " +
                              cpu::type_name(p.type));
  }
  if (p.n_rows * p.n_cols >= kMaxElems || p.n_tokens * p.n_cols >= kMaxElems) {
    return fail("matvec", "more than 2^31 elements");
  }
  return ok_status();
}

Status rms_norm(const RmsNormParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  return detail::launch_rms_norm(p, stream);
}

Status rope(const RopeParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  return detail::launch_rope(p, stream);
}

Status swiglu(const SwigluParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  return detail::launch_swiglu(p, stream);
}

Status add(const AddParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  return detail::launch_add(p, stream);
}

Status quantize(const QuantizeParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  return p.type == TensorType::F16 ? detail::launch_convert_f16(p, stream)
                                   : detail::launch_quantize_q8_0(p, stream);
}

Status matvec(const MatvecParams& p, Stream stream) {
  if (Status s = validate(p); !s) return s;
  if (p.type == TensorType::F32) return detail::launch_matvec_f32(p, stream);
  const QuantizeParams q{cpu::vec_dot_type(p.type), p.x, p.x_scratch, p.n_cols, p.n_tokens};
  if (Status s = quantize(q, stream); !s) return s;
  return p.type == TensorType::F16 ? detail::launch_matvec_f16(p, stream)
                                   : detail::launch_matvec_q8_0(p, stream);
}

}  // namespace ys::cuda
