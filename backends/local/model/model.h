// A decoder-only transformer as the engine runs it: hyper-parameters (from GGUF metadata) and
// weights (matrices point into the memory-mapped GGUF file and are never copied; 1-D tensors such
// as norms and biases are small and kept as float copies).
//
// load_model() reads `general.architecture` and dispatches through the architecture table
// (kArchitectures in model.cpp): llama, qwen2, qwen3. Errors name the file's missing or
// malformed key or tensor. The Model borrows the gguf::File: the File must outlive it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backends/local/cpu/matmul.h"
#include "backends/local/gguf/gguf.h"
#include "harness/core/expected.h"

namespace ys::model {

// How RoPE pairs the dimensions of a head: NORM rotates adjacent pairs (2i, 2i+1) (llama);
// NEOX rotates (i, i + n_rot/2) (qwen2, qwen3).
enum class RopeStyle { norm, neox };

struct ModelConfig {
  std::string arch;  // general.architecture
  int n_layer = 0;
  int n_embd = 0;
  int n_head = 0;
  int n_head_kv = 0;
  int head_dim = 0;  // attention.key_length (default n_embd / n_head)
  int n_rot = 0;     // rope.dimension_count (default head_dim)
  int n_ff = 0;
  int n_ctx_train = 0;  // context_length
  int n_vocab = 0;      // rows of token_embd
  float rms_eps = 1e-6f;
  float rope_base = 10000.0f;
  float rope_freq_scale = 1.0f;  // 1 / rope.scaling.factor for linear scaling
  RopeStyle rope_style = RopeStyle::norm;
  bool qkv_bias = false;  // qwen2
  bool qk_norm = false;   // qwen3: per-head RMSNorm of q and k
  bool tied_output = false;

  int q_dim() const { return n_head * head_dim; }
  int kv_dim() const { return n_head_kv * head_dim; }
};

struct LayerWeights {
  std::vector<float> attn_norm;        // [n_embd]
  cpu::WeightMatrix wq, wk, wv, wo;    // [q_dim, n_embd], [kv_dim, n_embd] x2, [n_embd, q_dim]
  std::vector<float> bq, bk, bv;       // biases (empty unless qkv_bias)
  std::vector<float> q_norm, k_norm;   // [head_dim] (empty unless qk_norm)
  std::vector<float> ffn_norm;         // [n_embd]
  cpu::WeightMatrix ffn_gate, ffn_up;  // [n_ff, n_embd]
  cpu::WeightMatrix ffn_down;          // [n_embd, n_ff]
};

struct ModelWeights {
  cpu::WeightMatrix token_embd;    // [n_vocab, n_embd]; rows are looked up (dequantized)
  std::vector<float> output_norm;  // [n_embd]
  cpu::WeightMatrix output;        // [n_vocab, n_embd]; token_embd when tied
  std::vector<float> rope_freqs;   // [n_rot / 2] angle divisors (Llama 3 scaling), or empty
  std::vector<LayerWeights> layers;
};

struct Model {
  ModelConfig config;
  ModelWeights weights;
};

Expected<Model> load_model(const gguf::File& file);

// The architectures load_model knows, for `engine` help text and error messages.
struct ArchitectureInfo {
  const char* name;
  const char* description;
  Expected<Model> (*load)(const gguf::File& file);
};
const std::vector<ArchitectureInfo>& architectures();

}  // namespace ys::model
