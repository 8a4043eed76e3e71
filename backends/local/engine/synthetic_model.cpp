#include "backends/local/engine/synthetic_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "backends/local/cpu/quantize_weights.h"
#include "backends/local/gguf/gguf_writer.h"
#include "backends/local/tokenizer/unicode.h"
#include "backends/local/tokenizer/vocab.h"

namespace ys::engine {

namespace {

// splitmix64: fast, seedable, good enough for random weights.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  float uniform() {  // [-1, 1)
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<float>(z >> 40) * (2.0f / 16777216.0f) - 1.0f;
  }

 private:
  uint64_t s_;
};

gguf::GgmlType to_gguf(cpu::TensorType t) {
  return static_cast<gguf::GgmlType>(t);
}

// rows x cols matrix, uniform with variance scale^2, stored in `type`.
std::string random_matrix(Rng& rng, int64_t rows, int64_t cols, float scale, cpu::TensorType type) {
  const size_t row_bytes = cpu::type_row_bytes(type, cols);
  std::string bytes(row_bytes * static_cast<size_t>(rows), '\0');
  std::vector<float> row(static_cast<size_t>(cols));
  const float a = scale * std::sqrt(3.0f);  // uniform(-a, a) has std scale
  for (int64_t r = 0; r < rows; ++r) {
    for (auto& v : row) v = a * rng.uniform();
    cpu::quantize_weights_row(type, row.data(), bytes.data() + static_cast<size_t>(r) * row_bytes,
                              cols);
  }
  return bytes;
}

std::string f32_vector(const std::vector<float>& v) {
  std::string bytes(v.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), v.data(), bytes.size());
  return bytes;
}

Status add_layer(gguf::Writer& w, Rng& rng, const SyntheticShape& s, int il, cpu::TensorType type) {
  const std::string p = "blk." + std::to_string(il) + ".";
  const int64_t q_dim = int64_t{s.n_head} * s.head_dim, kv_dim = int64_t{s.n_head_kv} * s.head_dim;
  const float in_scale = 1.0f / std::sqrt(static_cast<float>(s.n_embd));
  const std::vector<float> ones_embd(static_cast<size_t>(s.n_embd), 1.0f);
  struct M {
    const char* name;
    int64_t rows, cols;
    float scale;
  };
  const M mats[] = {{"attn_q.weight", q_dim, s.n_embd, in_scale},
                    {"attn_k.weight", kv_dim, s.n_embd, in_scale},
                    {"attn_v.weight", kv_dim, s.n_embd, in_scale},
                    {"attn_output.weight", s.n_embd, q_dim, 1.0f / std::sqrt(float(q_dim))},
                    {"ffn_gate.weight", s.n_ff, s.n_embd, in_scale},
                    {"ffn_up.weight", s.n_ff, s.n_embd, in_scale},
                    {"ffn_down.weight", s.n_embd, s.n_ff, 1.0f / std::sqrt(float(s.n_ff))}};
  for (const M& m : mats) {
    Status st = w.add_tensor(p + m.name, {m.cols, m.rows}, to_gguf(type),
                             random_matrix(rng, m.rows, m.cols, m.scale, type));
    if (!st) return st;
  }
  for (const char* n : {"attn_norm.weight", "ffn_norm.weight"}) {
    Status st = w.add_tensor(p + n, {s.n_embd}, gguf::GgmlType::F32, f32_vector(ones_embd));
    if (!st) return st;
  }
  if (s.arch == "qwen2") {
    for (auto [n, len] :
         {std::pair{"attn_q.bias", q_dim}, {"attn_k.bias", kv_dim}, {"attn_v.bias", kv_dim}}) {
      std::vector<float> b(static_cast<size_t>(len));
      for (auto& v : b) v = 0.02f * rng.uniform();
      Status st = w.add_tensor(p + n, {len}, gguf::GgmlType::F32, f32_vector(b));
      if (!st) return st;
    }
  }
  if (s.arch == "qwen3") {
    const std::vector<float> ones_head(static_cast<size_t>(s.head_dim), 1.0f);
    for (const char* n : {"attn_q_norm.weight", "attn_k_norm.weight"}) {
      Status st = w.add_tensor(p + n, {s.head_dim}, gguf::GgmlType::F32, f32_vector(ones_head));
      if (!st) return st;
    }
  }
  return ok_status();
}

void set_hparams(gguf::Writer& w, const SyntheticShape& s) {
  const std::string a = s.arch;
  w.set("general.architecture", gguf::Value::str(a));
  w.set("general.name", gguf::Value::str("yardstick synthetic " + a + " (random weights)"));
  w.set(a + ".block_count", gguf::Value::u32(static_cast<uint32_t>(s.n_layer)));
  w.set(a + ".context_length", gguf::Value::u32(static_cast<uint32_t>(s.n_ctx)));
  w.set(a + ".embedding_length", gguf::Value::u32(static_cast<uint32_t>(s.n_embd)));
  w.set(a + ".feed_forward_length", gguf::Value::u32(static_cast<uint32_t>(s.n_ff)));
  w.set(a + ".attention.head_count", gguf::Value::u32(static_cast<uint32_t>(s.n_head)));
  w.set(a + ".attention.head_count_kv", gguf::Value::u32(static_cast<uint32_t>(s.n_head_kv)));
  w.set(a + ".attention.key_length", gguf::Value::u32(static_cast<uint32_t>(s.head_dim)));
  w.set(a + ".attention.value_length", gguf::Value::u32(static_cast<uint32_t>(s.head_dim)));
  w.set(a + ".rope.dimension_count", gguf::Value::u32(static_cast<uint32_t>(s.head_dim)));
  w.set(a + ".rope.freq_base", gguf::Value::f32(s.rope_base));
  w.set(a + ".attention.layer_norm_rms_epsilon", gguf::Value::f32(s.rms_eps));
}

// Every byte is one token in GPT-2's printable byte alphabet, so any text encodes without merges.
void set_byte_vocab(gguf::Writer& w, SyntheticShape& s) {
  using gguf::Value;
  std::vector<std::string> tokens;
  std::vector<int64_t> types;
  for (int b = 0; b < 256; ++b) {
    tokens.push_back(unicode::byte_to_symbol(static_cast<uint8_t>(b)));
    types.push_back(static_cast<int64_t>(TokenType::normal));
  }
  for (const char* special : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}) {
    tokens.push_back(special);
    types.push_back(static_cast<int64_t>(TokenType::control));
  }
  s.n_vocab = static_cast<int>(tokens.size());
  w.set("tokenizer.ggml.model", Value::str("gpt2"));
  w.set("tokenizer.ggml.pre", Value::str("qwen2"));
  w.set("tokenizer.ggml.tokens", Value::string_array(std::move(tokens)));
  w.set("tokenizer.ggml.token_type", Value::int_array(gguf::ValueType::I32, std::move(types)));
  w.set("tokenizer.ggml.merges", Value::string_array({}));
  w.set("tokenizer.ggml.eos_token_id", Value::u32(256));
  w.set("tokenizer.ggml.add_bos_token", Value::boolean(false));
  w.set("tokenizer.chat_template",
        Value::str("{% for message in messages %}<|im_start|>{{ message.role }}\n"
                   "{{ message.content }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n"));
}

}  // namespace

Expected<SyntheticShape> synthetic_shape(const std::string& preset) {
  SyntheticShape s;
  if (preset == "tiny") return s;
  if (preset == "qwen2.5-0.5b") {
    s = {"qwen2", 24, 896, 14, 2, 64, 4864, 151936, 32768, 1e6f, 1e-6f, true};
    return s;
  }
  if (preset == "llama-3.2-1b") {
    s = {"llama", 16, 2048, 32, 8, 64, 8192, 128256, 131072, 500000.0f, 1e-5f, true};
    return s;
  }
  return Error{"unknown model shape '" + preset + "' (known: tiny, qwen2.5-0.5b, llama-3.2-1b)"};
}

Status write_synthetic_model(const SyntheticShape& shape, cpu::TensorType type, uint64_t seed,
                             const std::string& path, const gguf::File* vocab_source,
                             SyntheticVocab builtin) {
  if (!cpu::type_known(type) || cpu::type_is_activation_only(type)) {
    return Error{std::string("make-model: type ") + cpu::type_name(type) +
                 " is not a weight type (" + cpu::weight_type_names() + ")"};
  }
  SyntheticShape s = shape;
  gguf::Writer w;
  set_hparams(w, s);
  if (vocab_source) {
    for (const auto& key : vocab_source->keys()) {
      if (key.rfind("tokenizer.", 0) == 0) w.set(key, *vocab_source->get(key));
    }
    if (const auto* tokens = vocab_source->get_string_array("tokenizer.ggml.tokens")) {
      s.n_vocab = static_cast<int>(tokens->size());
    }
  } else if (builtin == SyntheticVocab::bytes) {
    set_byte_vocab(w, s);
  }
  const int block = static_cast<int>(cpu::type_block_elems(type));
  if (s.n_embd % block != 0 || s.n_ff % block != 0 || (s.n_head * s.head_dim) % block != 0) {
    return Error{"make-model: n_embd " + std::to_string(s.n_embd) + ", n_ff " +
                 std::to_string(s.n_ff) + " and n_head*head_dim " +
                 std::to_string(s.n_head * s.head_dim) + " must be multiples of " +
                 cpu::type_name(type) + "'s block size " + std::to_string(block)};
  }
  Rng rng(seed);
  Status st = w.add_tensor("token_embd.weight", {s.n_embd, s.n_vocab}, to_gguf(type),
                           random_matrix(rng, s.n_vocab, s.n_embd, 1.0f, type));
  if (!st) return st;
  for (int il = 0; il < s.n_layer && st.ok(); ++il) st = add_layer(w, rng, s, il, type);
  if (!st) return st;
  // With the output tied to the embeddings (variance 1), a unit output norm would give logits of
  // standard deviation sqrt(n_embd) (about 30 for n_embd 896): most of the vocabulary would sit
  // hundreds of nats below the top token, where float softmaxes (llama.cpp's among them)
  // underflow to probability 0. A norm weight of 4/sqrt(n_embd) gives logits of standard
  // deviation about 4, the spread of a real model's next-token logits.
  const float out_norm = s.tied_output ? std::min(1.0f, 4.0f / std::sqrt(float(s.n_embd))) : 1.0f;
  st = w.add_tensor("output_norm.weight", {s.n_embd}, gguf::GgmlType::F32,
                    f32_vector(std::vector<float>(static_cast<size_t>(s.n_embd), out_norm)));
  if (!st) return st;
  if (!s.tied_output) {
    st = w.add_tensor(
        "output.weight", {s.n_embd, s.n_vocab}, to_gguf(type),
        random_matrix(rng, s.n_vocab, s.n_embd, 0.5f / std::sqrt(float(s.n_embd)), type));
    if (!st) return st;
  }
  return w.write_file(path);
}

}  // namespace ys::engine
