// Model loading: synthetic models of each architecture load and run; malformed models (missing
// keys or tensors, wrong shapes, unsupported architecture or tensor type) give errors naming the
// key or tensor, never a crash.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "backends/local/engine/engine.h"
#include "backends/local/engine/synthetic_model.h"
#include "backends/local/gguf/gguf_writer.h"
#include "backends/local/model/model.h"

using namespace ys;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ys_model_load_" + name + ".gguf")).string();
}

std::unique_ptr<gguf::File> synthetic(const std::string& arch) {
  auto shape = engine::synthetic_shape("tiny");
  REQUIRE(shape.ok());
  shape->arch = arch;
  const std::string path = temp_path(arch);
  REQUIRE(engine::write_synthetic_model(*shape, cpu::TensorType::Q8_0, 1, path).ok());
  auto f = gguf::File::open(path);
  REQUIRE(f.ok());
  std::filesystem::remove(path);  // the mapping stays valid
  return std::move(*f);
}

struct Edit {
  std::string drop_key = {};
  std::string drop_tensor = {};
  std::function<void(gguf::Writer&)> extra = {};
  std::function<bool(const gguf::TensorInfo&, gguf::Writer&)> replace_tensor = {};  // true: handled
};

// A copy of `src` with one key or tensor removed or replaced, parsed back from memory.
Expected<model::Model> load_edited(const gguf::File& src, const Edit& edit,
                                   std::unique_ptr<gguf::File>* keep) {
  gguf::Writer w;
  for (const auto& key : src.keys()) {
    if (key != edit.drop_key) w.set(key, *src.get(key));
  }
  if (edit.extra) edit.extra(w);
  for (const auto& t : src.tensors()) {
    if (t.name == edit.drop_tensor) continue;
    if (edit.replace_tensor && edit.replace_tensor(t, w)) continue;
    REQUIRE(w.add_tensor(t.name, t.dims, t.type,
                         std::string(reinterpret_cast<const char*>(t.data), t.size_bytes))
                .ok());
  }
  auto f = gguf::File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  *keep = std::move(*f);
  return model::load_model(**keep);
}

std::string load_error(const gguf::File& src, const Edit& edit) {
  std::unique_ptr<gguf::File> keep;
  auto m = load_edited(src, edit, &keep);
  REQUIRE_FALSE(m.ok());
  return m.error().message;
}

}  // namespace

TEST_CASE("synthetic models of every architecture load and give finite logits") {
  for (const char* arch : {"llama", "qwen2", "qwen3"}) {
    INFO(arch);
    auto shape = *engine::synthetic_shape("tiny");
    shape.arch = arch;
    shape.tied_output = std::string(arch) != "llama";
    const std::string path = temp_path(std::string("run_") + arch);
    REQUIRE(engine::write_synthetic_model(shape, cpu::TensorType::F16, 3, path).ok());
    auto e = engine::Engine::load(path, {.n_threads = 1, .n_ctx = 32});
    std::filesystem::remove(path);
    REQUIRE(e.ok());
    CHECK((*e)->config().arch == arch);
    CHECK((*e)->config().tied_output == shape.tied_output);
    CHECK((*e)->config().qkv_bias == (std::string(arch) == "qwen2"));
    CHECK((*e)->config().qk_norm == (std::string(arch) == "qwen3"));
    std::vector<float> logits;
    const std::vector<int32_t> tokens = {1, 2, 3, 511};
    REQUIRE((*e)->eval((*e)->new_sequence(), tokens, false, &logits).ok());
    REQUIRE(logits.size() == 512);
    for (float v : logits) REQUIRE(std::isfinite(v));
  }
}

TEST_CASE("a missing hyper-parameter is an error naming the key") {
  auto src = synthetic("llama");
  CHECK_THAT(load_error(*src, {.drop_key = "llama.feed_forward_length"}),
             Catch::Contains("missing metadata key 'llama.feed_forward_length'"));
  CHECK_THAT(load_error(*src, {.drop_key = "llama.attention.layer_norm_rms_epsilon"}),
             Catch::Contains("llama.attention.layer_norm_rms_epsilon"));
  CHECK_THAT(load_error(*src, {.drop_key = "general.architecture"}),
             Catch::Contains("general.architecture"));
}

TEST_CASE("an out-of-range or mistyped hyper-parameter is an error naming the key") {
  auto src = synthetic("qwen2");
  CHECK_THAT(
      load_error(
          *src,
          {.drop_key = "qwen2.block_count",
           .extra = [](gguf::Writer& w) { w.set("qwen2.block_count", gguf::Value::i32(-2)); }}),
      Catch::Contains("qwen2.block_count"));
  CHECK_THAT(load_error(*src, {.drop_key = "qwen2.embedding_length",
                               .extra =
                                   [](gguf::Writer& w) {
                                     w.set("qwen2.embedding_length", gguf::Value::str("big"));
                                   }}),
             Catch::Contains("'qwen2.embedding_length' is not an integer"));
  CHECK_THAT(load_error(*src, {.extra =
                                   [](gguf::Writer& w) {
                                     w.set("qwen2.attention.head_count_kv", gguf::Value::u32(3));
                                   }}),
             Catch::Contains("head_count_kv"));
  CHECK_THAT(load_error(*src, {.extra =
                                   [](gguf::Writer& w) {
                                     w.set("qwen2.rope.freq_base", gguf::Value::f32(-1.0f));
                                   }}),
             Catch::Contains("'qwen2.rope.freq_base' must be positive"));
  CHECK_THAT(load_error(*src, {.extra =
                                   [](gguf::Writer& w) {
                                     w.set("qwen2.rope.scaling.type", gguf::Value::str("yarn"));
                                   }}),
             Catch::Contains("rope.scaling.type 'yarn' is not supported"));
}

TEST_CASE("a missing or misshapen tensor is an error naming the tensor") {
  auto src = synthetic("qwen2");
  CHECK_THAT(load_error(*src, {.drop_tensor = "blk.1.ffn_down.weight"}),
             Catch::Contains("missing tensor 'blk.1.ffn_down.weight'"));
  CHECK_THAT(load_error(*src, {.drop_tensor = "blk.0.attn_k.bias"}),
             Catch::Contains("blk.0.attn_k.bias"));
  const auto transpose_q = [](const gguf::TensorInfo& t, gguf::Writer& w) {
    if (t.name != "blk.0.attn_q.weight") return false;
    // 64 x 64 stays 64 x 64; use the k projection's shape instead: [64, 32] of Q8_0.
    REQUIRE(w.add_tensor(t.name, {64, 32}, t.type, std::string(32 * 2 * 34, '\0')).ok());
    return true;
  };
  CHECK_THAT(load_error(*src, {.replace_tensor = transpose_q}),
             Catch::Contains("tensor 'blk.0.attn_q.weight' has dims [64, 32], expected [64, 64]"));
}

TEST_CASE("an unsupported architecture or tensor type is a clear error") {
  auto src = synthetic("llama");
  CHECK_THAT(
      load_error(*src, {.extra =
                            [](gguf::Writer& w) {
                              w.set("general.architecture", gguf::Value::str("gpt2"));
                            }}),
      Catch::Contains("architecture 'gpt2' is not supported (supported: llama, qwen2, qwen3)"));
  // Q8_1 is a valid GGUF type but only ever holds activations.
  const auto q8_1 = [](const gguf::TensorInfo& t, gguf::Writer& w) {
    if (t.name != "blk.0.ffn_up.weight") return false;
    const auto st = w.add_tensor(t.name, t.dims, gguf::GgmlType::Q8_1,
                                 std::string(static_cast<size_t>(t.n_elements() / 32 * 36), '\0'));
    REQUIRE(st.ok());
    return true;
  };
  CHECK_THAT(load_error(*src, {.replace_tensor = q8_1}),
             Catch::Contains("tensor 'blk.0.ffn_up.weight' has type q8_1"));
}

TEST_CASE("Engine::load of a missing file names the path") {
  auto e = engine::Engine::load("/nonexistent/model.gguf");
  REQUIRE_FALSE(e.ok());
  CHECK_THAT(e.error().message, Catch::Contains("/nonexistent/model.gguf"));
}
