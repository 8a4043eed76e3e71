// Dot products of one weight row with one activation row already converted to the weight type's
// vec_dot_type (see quantize.h):  w[n] . x[n] -> float.
// Quantized pairs accumulate integer products per block and apply the block scales once per block
// (for K-quants the minimums are applied through Q8_K's bsums), as ggml does, so results match
// llama.cpp up to float summation order. n must be a multiple of the weight type's block size.
// vec_dot_fn picks, per kernel, the AVX-512 VNNI version on the avx512 path, the AVX-VNNI version
// on the avxvnni path, else the AVX2/FMA version on the avx2, avxvnni and avx512 paths, else the
// scalar reference (cpu_features.h). All kernels are
// stateless and thread-safe.
#pragma once

#include <cstdint>

#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu {

using VecDotFn = float (*)(int64_t n, const void* w, const void* x);

VecDotFn vec_dot_fn(TensorType weight_type);         // nullptr for an unknown type
VecDotFn vec_dot_fn_scalar(TensorType weight_type);  // the reference; nullptr if unknown
// The kernel of one path (nullptr if that path has no own version for the type), for tests.
VecDotFn vec_dot_fn_avx2(TensorType weight_type);
VecDotFn vec_dot_fn_avx512(TensorType weight_type);
VecDotFn vec_dot_fn_avxvnni(TensorType weight_type);

// Scalar references (F32/F16/BF16 accumulate in double).
float vec_dot_f32_scalar(int64_t n, const void* w, const void* x);
float vec_dot_f16_scalar(int64_t n, const void* w, const void* x);
float vec_dot_bf16_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q8_0_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q4_0_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q4_1_scalar(int64_t n, const void* w, const void* x);    // x: Q8_1
float vec_dot_q5_0_scalar(int64_t n, const void* w, const void* x);    // x: Q8_0
float vec_dot_q5_1_scalar(int64_t n, const void* w, const void* x);    // x: Q8_1
float vec_dot_iq4_nl_scalar(int64_t n, const void* w, const void* x);  // x: Q8_0
float vec_dot_q2_k_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q3_k_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q4_k_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q5_k_scalar(int64_t n, const void* w, const void* x);
float vec_dot_q6_k_scalar(int64_t n, const void* w, const void* x);
float vec_dot_iq4_xs_scalar(int64_t n, const void* w, const void* x);  // x: Q8_K

// AVX2/FMA versions (vec_dot_avx2.cpp); call only when cpu_has_avx2().
float vec_dot_f32_avx2(int64_t n, const void* w, const void* x);
float vec_dot_f16_avx2(int64_t n, const void* w, const void* x);
float vec_dot_bf16_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q8_0_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q4_0_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q4_1_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q5_0_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q5_1_avx2(int64_t n, const void* w, const void* x);
float vec_dot_iq4_nl_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q2_k_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q3_k_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q4_k_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q5_k_avx2(int64_t n, const void* w, const void* x);
float vec_dot_q6_k_avx2(int64_t n, const void* w, const void* x);
float vec_dot_iq4_xs_avx2(int64_t n, const void* w, const void* x);

// AVX-512 VNNI versions (vec_dot_int_avx512.cpp); call only when cpu_has_avx512().
float vec_dot_q4_1_avx512(int64_t n, const void* w, const void* x);
float vec_dot_q5_0_avx512(int64_t n, const void* w, const void* x);
float vec_dot_q5_1_avx512(int64_t n, const void* w, const void* x);
float vec_dot_iq4_nl_avx512(int64_t n, const void* w, const void* x);
float vec_dot_q2_k_avx512(int64_t n, const void* w, const void* x);
float vec_dot_q3_k_avx512(int64_t n, const void* w, const void* x);
float vec_dot_q5_k_avx512(int64_t n, const void* w, const void* x);
float vec_dot_iq4_xs_avx512(int64_t n, const void* w, const void* x);
// AVX-VNNI versions (vec_dot_int_avxvnni.cpp); call only when cpu_has_avxvnni().
float vec_dot_q4_1_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_q5_0_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_q5_1_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_iq4_nl_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_q2_k_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_q3_k_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_q5_k_avxvnni(int64_t n, const void* w, const void* x);
float vec_dot_iq4_xs_avxvnni(int64_t n, const void* w, const void* x);

}  // namespace ys::cpu
