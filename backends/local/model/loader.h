// Helpers shared by the per-architecture loaders: typed hyper-parameter lookup under the
// architecture's key prefix and tensor lookup with shape and type checks. Every error names the
// key or tensor (and what was expected), e.g.
//   "missing metadata key 'llama.feed_forward_length'"
//   "tensor 'blk.0.attn_q.weight' has dims [64, 32], expected [64, 64]"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backends/local/model/model.h"

namespace ys::model {

class Loader {
 public:
  Loader(const gguf::File& file, std::string arch) : file_(file), arch_(std::move(arch)) {}

  // "<arch>.<suffix>" as a positive int (required / with default).
  Expected<int> hparam_int(const std::string& suffix) const;
  Expected<int> hparam_int_or(const std::string& suffix, int fallback) const;
  Expected<float> hparam_float(const std::string& suffix) const;
  Expected<float> hparam_float_or(const std::string& suffix, float fallback) const;

  // A 2-D weight matrix with `rows` rows of `cols` elements (GGUF dims [cols, rows]), in place.
  Expected<cpu::WeightMatrix> matrix(const std::string& name, int64_t rows, int64_t cols) const;
  // A 1-D tensor of n elements of any supported type, dequantized to a float copy.
  Expected<std::vector<float>> vector(const std::string& name, int64_t n) const;
  bool has_tensor(const std::string& name) const { return file_.tensor(name) != nullptr; }

  // Reads the hyper-parameters common to llama-like architectures (block_count,
  // embedding_length, head counts, key_length, rope, rms epsilon, context and FFN lengths) and
  // the vocabulary size from token_embd.
  Status read_common_config(ModelConfig* config) const;
  // Loads token_embd, output_norm, output (tied when absent), rope_freqs and every layer's
  // attention/FFN tensors named as llama.cpp names them ("blk.N.attn_q.weight" ...), including
  // biases when config.qkv_bias and q/k norms when config.qk_norm.
  Status read_common_weights(const ModelConfig& config, ModelWeights* weights) const;

 private:
  Status read_rope_config(ModelConfig* config) const;  // needs head_dim set
  Status read_layer(const ModelConfig& config, int layer, LayerWeights* out) const;

  const gguf::File& file_;
  std::string arch_;
};

}  // namespace ys::model
