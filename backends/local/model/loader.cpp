#include "backends/local/model/loader.h"

#include <cmath>
#include <string>

#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/vec_dot.h"

namespace ys::model {

namespace {

std::string dims_text(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

// Accepts an integer-valued metadata entry within int range and > 0.
Expected<int> positive_int(const gguf::File& file, const std::string& key) {
  const auto v = file.get_int(key);
  if (!v) {
    if (file.has(key)) return Error{"metadata key '" + key + "' is not an integer"};
    return Error{"missing metadata key '" + key + "'"};
  }
  if (*v <= 0 || *v > (1 << 30)) {
    return Error{"metadata key '" + key + "' has out-of-range value " + std::to_string(*v)};
  }
  return static_cast<int>(*v);
}

Expected<float> finite_float(const gguf::File& file, const std::string& key) {
  const auto v = file.get_float(key);
  if (!v) {
    if (file.has(key)) return Error{"metadata key '" + key + "' is not a number"};
    return Error{"missing metadata key '" + key + "'"};
  }
  if (!std::isfinite(*v)) return Error{"metadata key '" + key + "' is not finite"};
  return static_cast<float>(*v);
}

}  // namespace

Expected<int> Loader::hparam_int(const std::string& suffix) const {
  return positive_int(file_, arch_ + "." + suffix);
}

Expected<int> Loader::hparam_int_or(const std::string& suffix, int fallback) const {
  if (!file_.has(arch_ + "." + suffix)) return fallback;
  return hparam_int(suffix);
}

Expected<float> Loader::hparam_float(const std::string& suffix) const {
  return finite_float(file_, arch_ + "." + suffix);
}

Expected<float> Loader::hparam_float_or(const std::string& suffix, float fallback) const {
  if (!file_.has(arch_ + "." + suffix)) return fallback;
  return hparam_float(suffix);
}

Expected<cpu::WeightMatrix> Loader::matrix(const std::string& name, int64_t rows,
                                           int64_t cols) const {
  const gguf::TensorInfo* t = file_.tensor(name);
  if (!t) return Error{"missing tensor '" + name + "'"};
  const std::vector<int64_t> want = {cols, rows};
  if (t->dims != want) {
    return Error{"tensor '" + name + "' has dims " + dims_text(t->dims) + ", expected " +
                 dims_text(want)};
  }
  const auto type = static_cast<cpu::TensorType>(t->type);
  if (!cpu::type_known(type) || cpu::type_is_activation_only(type) || !cpu::vec_dot_fn(type)) {
    return Error{"tensor '" + name + "' has type " + cpu::type_name(t->type) +
                 ", which the engine does not support (supported: f32, f16, bf16, q8_0, q4_0, "
                 "q4_K, q5_K, q6_K)"};
  }
  if (cols % cpu::type_block_elems(type) != 0) {
    return Error{"tensor '" + name + "': row length " + std::to_string(cols) +
                 " is not a multiple of the block size of " + cpu::type_name(type)};
  }
  const size_t row_bytes = cpu::type_row_bytes(type, cols);
  if (t->size_bytes < row_bytes * static_cast<uint64_t>(rows)) {
    return Error{"tensor '" + name + "' is smaller than its dims require"};
  }
  return cpu::WeightMatrix{type, t->data, rows, cols, row_bytes};
}

Expected<std::vector<float>> Loader::vector(const std::string& name, int64_t n) const {
  const gguf::TensorInfo* t = file_.tensor(name);
  if (!t) return Error{"missing tensor '" + name + "'"};
  if (t->n_elements() != n) {
    return Error{"tensor '" + name + "' has dims " + dims_text(t->dims) + ", expected " +
                 std::to_string(n) + " elements"};
  }
  const auto type = static_cast<cpu::TensorType>(t->type);
  if (!cpu::type_known(type) || n % cpu::type_block_elems(type) != 0 ||
      t->size_bytes < cpu::type_row_bytes(type, n)) {
    return Error{"tensor '" + name + "' has unsupported type " + cpu::type_name(t->type)};
  }
  std::vector<float> out(static_cast<size_t>(n));
  cpu::dequantize_row(type, t->data, out.data(), n);
  return out;
}

Status Loader::read_rope_config(ModelConfig* c) const {
  auto n_rot = hparam_int_or("rope.dimension_count", c->head_dim);
  if (!n_rot) return n_rot.error();
  if (*n_rot > c->head_dim || *n_rot % 2 != 0) {
    return Error{"rope.dimension_count " + std::to_string(*n_rot) + " is odd or exceeds head_dim"};
  }
  c->n_rot = *n_rot;
  auto base = hparam_float_or("rope.freq_base", 10000.0f);
  if (!base) return base.error();
  if (*base <= 0.0f) return Error{"metadata key '" + arch_ + ".rope.freq_base' must be positive"};
  c->rope_base = *base;
  const auto scaling = file_.get_string(arch_ + ".rope.scaling.type");
  if (scaling && *scaling == "linear") {
    auto factor = hparam_float("rope.scaling.factor");
    if (!factor) return factor.error();
    if (*factor <= 0.0f) return Error{"rope.scaling.factor must be positive"};
    c->rope_freq_scale = 1.0f / *factor;
  } else if (scaling && *scaling != "none" && *scaling != "llama3") {
    return Error{"rope.scaling.type '" + *scaling + "' is not supported (linear, llama3, none)"};
  }
  return ok_status();
}

Status Loader::read_common_config(ModelConfig* c) const {
  c->arch = arch_;
  auto n_layer = hparam_int("block_count");
  auto n_embd = hparam_int("embedding_length");
  auto n_head = hparam_int("attention.head_count");
  auto n_ff = hparam_int("feed_forward_length");
  auto n_ctx = hparam_int("context_length");
  auto eps = hparam_float("attention.layer_norm_rms_epsilon");
  for (const Error* e :
       {n_layer.ok() ? nullptr : &n_layer.error(), n_embd.ok() ? nullptr : &n_embd.error(),
        n_head.ok() ? nullptr : &n_head.error(), n_ff.ok() ? nullptr : &n_ff.error(),
        n_ctx.ok() ? nullptr : &n_ctx.error(), eps.ok() ? nullptr : &eps.error()}) {
    if (e) return *e;
  }
  c->n_layer = *n_layer;
  c->n_embd = *n_embd;
  c->n_head = *n_head;
  c->n_ff = *n_ff;
  c->n_ctx_train = *n_ctx;
  c->rms_eps = *eps;
  auto n_head_kv = hparam_int_or("attention.head_count_kv", c->n_head);
  if (!n_head_kv) return n_head_kv.error();
  c->n_head_kv = *n_head_kv;
  if (c->n_head % c->n_head_kv != 0) {
    return Error{"attention.head_count " + std::to_string(c->n_head) +
                 " is not a multiple of head_count_kv " + std::to_string(c->n_head_kv)};
  }
  auto head_dim = hparam_int_or("attention.key_length", c->n_embd / c->n_head);
  auto head_dim_v = hparam_int_or("attention.value_length", head_dim.ok() ? *head_dim : 0);
  if (!head_dim) return head_dim.error();
  if (!head_dim_v) return head_dim_v.error();
  if (*head_dim_v != *head_dim) return Error{"attention.value_length differs from key_length"};
  c->head_dim = *head_dim;
  if (Status st = read_rope_config(c); !st) return st;
  const gguf::TensorInfo* embd = file_.tensor("token_embd.weight");
  if (!embd) return Error{"missing tensor 'token_embd.weight'"};
  if (embd->dims.size() != 2 || embd->dims[0] != c->n_embd || embd->dims[1] <= 0 ||
      embd->dims[1] > (1 << 24)) {
    return Error{"tensor 'token_embd.weight' has dims " + dims_text(embd->dims) + ", expected [" +
                 std::to_string(c->n_embd) + ", n_vocab]"};
  }
  c->n_vocab = static_cast<int>(embd->dims[1]);
  return ok_status();
}

Status Loader::read_layer(const ModelConfig& c, int il, LayerWeights* L) const {
  const std::string p = "blk." + std::to_string(il) + ".";
  // Assign-or-return helpers keep the list of tensors readable.
  Status st = ok_status();
  auto mat = [&](cpu::WeightMatrix* dst, const std::string& name, int64_t rows, int64_t cols) {
    if (!st.ok()) return;
    auto m = matrix(p + name, rows, cols);
    if (m)
      *dst = *m;
    else
      st = m.error();
  };
  auto vec = [&](std::vector<float>* dst, const std::string& name, int64_t n) {
    if (!st.ok()) return;
    auto v = vector(p + name, n);
    if (v)
      *dst = std::move(*v);
    else
      st = v.error();
  };
  vec(&L->attn_norm, "attn_norm.weight", c.n_embd);
  mat(&L->wq, "attn_q.weight", c.q_dim(), c.n_embd);
  mat(&L->wk, "attn_k.weight", c.kv_dim(), c.n_embd);
  mat(&L->wv, "attn_v.weight", c.kv_dim(), c.n_embd);
  mat(&L->wo, "attn_output.weight", c.n_embd, c.q_dim());
  if (c.qkv_bias) {
    vec(&L->bq, "attn_q.bias", c.q_dim());
    vec(&L->bk, "attn_k.bias", c.kv_dim());
    vec(&L->bv, "attn_v.bias", c.kv_dim());
  }
  if (c.qk_norm) {
    vec(&L->q_norm, "attn_q_norm.weight", c.head_dim);
    vec(&L->k_norm, "attn_k_norm.weight", c.head_dim);
  }
  vec(&L->ffn_norm, "ffn_norm.weight", c.n_embd);
  mat(&L->ffn_gate, "ffn_gate.weight", c.n_ff, c.n_embd);
  mat(&L->ffn_up, "ffn_up.weight", c.n_ff, c.n_embd);
  mat(&L->ffn_down, "ffn_down.weight", c.n_embd, c.n_ff);
  return st;
}

Status Loader::read_common_weights(const ModelConfig& c, ModelWeights* w) const {
  auto embd = matrix("token_embd.weight", c.n_vocab, c.n_embd);
  if (!embd) return embd.error();
  w->token_embd = *embd;
  auto norm = vector("output_norm.weight", c.n_embd);
  if (!norm) return norm.error();
  w->output_norm = std::move(*norm);
  if (has_tensor("output.weight")) {
    auto out = matrix("output.weight", c.n_vocab, c.n_embd);
    if (!out) return out.error();
    w->output = *out;
  } else {
    w->output = w->token_embd;
  }
  if (has_tensor("rope_freqs.weight")) {
    auto f = vector("rope_freqs.weight", c.n_rot / 2);
    if (!f) return f.error();
    for (float v : *f) {
      if (!(v > 0.0f) || !std::isfinite(v))
        return Error{"tensor 'rope_freqs.weight' has a value <= 0"};
    }
    w->rope_freqs = std::move(*f);
  }
  w->layers.resize(static_cast<size_t>(c.n_layer));
  for (int il = 0; il < c.n_layer; ++il) {
    Status st = read_layer(c, il, &w->layers[static_cast<size_t>(il)]);
    if (!st) return st;
  }
  return ok_status();
}

}  // namespace ys::model
