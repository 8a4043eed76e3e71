// Random-weight GGUF models of a real model's shape, for tests and benchmarks (no model can be
// downloaded here). The file is a complete llama/qwen2/qwen3 GGUF that Engine::load accepts;
// its outputs are meaningless. Weights are uniform with variance 1/fan_in (embeddings: 1), norms
// are 1 (the output norm of a tied model: 4/sqrt(n_embd), so logits have a real model's spread),
// biases 0.02-scale; matrices are stored in the requested type (f32, f16, bf16, q8_0),
// 1-D tensors in f32, as llama-quantize leaves them.
//
// Tokenizer: when vocab_source is given, every "tokenizer.*" key is copied from it and n_vocab
// becomes its token count; otherwise, with SyntheticVocab::bytes, a built-in byte-level BPE
// tokenizer (GPT-2 byte alphabet, no merges: one token per byte, ids 0..255 = bytes 0..255, then
// control tokens <|endoftext|> (EOS) 256, <|im_start|> 257, <|im_end|> 258; a ChatML template)
// with n_vocab 259, so `local:` can run the file with no tokenizer to copy from; with
// SyntheticVocab::none the file has no tokenizer (engine-only use).
// Errors: unknown shape preset or type, write failures (naming the path).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backends/local/cpu/tensor_type.h"
#include "backends/local/gguf/gguf.h"
#include "harness/core/expected.h"

namespace ys::engine {

struct SyntheticShape {
  std::string arch = "qwen2";  // llama | qwen2 | qwen3
  int n_layer = 2;
  int n_embd = 64;
  int n_head = 4;
  int n_head_kv = 2;
  int head_dim = 16;
  int n_ff = 160;
  int n_vocab = 512;
  int n_ctx = 4096;
  float rope_base = 1e6f;
  float rms_eps = 1e-6f;
  bool tied_output = true;
};

// Presets: "tiny" (the shape above), "qwen2.5-0.5b" (24 layers, n_embd 896, 14 heads, 2 KV
// heads, n_ff 4864, vocab 151936, tied), "llama-3.2-1b" (16 layers, 2048, 32/8 heads, 8192,
// vocab 128256, tied, rope base 500000).
Expected<SyntheticShape> synthetic_shape(const std::string& preset);

enum class SyntheticVocab { none, bytes };

Status write_synthetic_model(const SyntheticShape& shape, cpu::TensorType type, uint64_t seed,
                             const std::string& path, const gguf::File* vocab_source = nullptr,
                             SyntheticVocab builtin = SyntheticVocab::none);

}  // namespace ys::engine
