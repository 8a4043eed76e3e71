// Element types the CPU kernels understand, numbered as ggml/GGUF numbers them (so a GGUF tensor
// type converts with a static_cast), and their block geometry.
//
// A row of n elements of a block type is n / block_elems blocks of block_bytes each; n must be a
// multiple of block_elems. Q8_K is an activation-only type (the vec_dot partner of the K-quants).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ys::cpu {

enum class TensorType : uint32_t {
  F32 = 0,
  F16 = 1,
  Q4_0 = 2,
  Q4_1 = 3,
  Q5_0 = 6,
  Q5_1 = 7,
  Q8_0 = 8,
  Q8_1 = 9,
  Q2_K = 10,
  Q3_K = 11,
  Q4_K = 12,
  Q5_K = 13,
  Q6_K = 14,
  Q8_K = 15,
  IQ4_NL = 20,
  IQ4_XS = 23,
  BF16 = 30,
};

// True for the types above; false for any other value (e.g. a GGUF Q4_1 cast to TensorType).
bool type_known(TensorType type);
const char* type_name(TensorType type);
int64_t type_block_elems(TensorType type);  // 1 for plain floats, 32 or 256 for blocks
size_t type_block_bytes(TensorType type);
// Bytes of one row of n elements; n must be a multiple of type_block_elems(type).
size_t type_row_bytes(TensorType type, int64_t n);
// The type named `name` as ggml names types ("f16", "q8_0", "q4_K", "iq4_nl"; any letter case),
// or nullopt. The one name parser for the CLI and the bench programs.
std::optional<TensorType> type_from_name(std::string_view name);
// The weight types' names, comma-separated ("f32, f16, bf16, q8_0, q4_0, ..."), for messages.
std::string weight_type_names();
// True for the types that only ever hold activations (Q8_1, Q8_K), never weights.
bool type_is_activation_only(TensorType type);

// The format activations are converted to before a dot product with a weight row of `type`
// (ggml's vec_dot_type): F32->F32, F16->F16, BF16->BF16, Q8_0/Q4_0/Q5_0/IQ4_NL->Q8_0,
// Q4_1/Q5_1->Q8_1, K-quants and IQ4_XS->Q8_K.
TensorType vec_dot_type(TensorType weight_type);

}  // namespace ys::cpu
