// GGUF reader on the fixture models (values stated in ../shared/fixtures/README.md) and on files
// made by gguf::Writer (every metadata type, alignment, v2 header).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/gguf/gguf_writer.h"
#include "tests/support/paths.h"

namespace fs = std::filesystem;
using namespace ys::gguf;

namespace {

// nullptr (the test returns) when the fixture is absent outside CI.
std::unique_ptr<File> open_fixture(const std::string& name) {
  const std::string p = ys::test::fixture_path("models/" + name);
  if (!ys::test::have_fixture(p)) return nullptr;
  auto f = File::open(p);
  if (!f.ok()) FAIL(f.error().message);
  return std::move(f).value();
}

std::string bytes_of(const std::vector<float>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
}

}  // namespace

TEST_CASE("block geometry follows ggml's block layouts") {
  int64_t elems = 0, bytes = 0;
  REQUIRE(type_geometry(GgmlType::Q8_0, &elems, &bytes));
  CHECK((elems == 32 && bytes == 34));  // fp16 scale + 32 int8
  REQUIRE(type_geometry(GgmlType::Q4_0, &elems, &bytes));
  CHECK((elems == 32 && bytes == 18));  // fp16 scale + 16 bytes of nibbles
  REQUIRE(type_geometry(GgmlType::Q4_K, &elems, &bytes));
  CHECK((elems == 256 && bytes == 144));  // 2 fp16 + 12 scale bytes + 128 nibble bytes
  REQUIRE(type_geometry(GgmlType::Q6_K, &elems, &bytes));
  CHECK((elems == 256 && bytes == 210));  // 128 low + 64 high + 16 scales + fp16
  REQUIRE(type_geometry(GgmlType::BF16, &elems, &bytes));
  CHECK((elems == 1 && bytes == 2));
  CHECK_FALSE(type_geometry(static_cast<GgmlType>(4), &elems, &bytes));  // removed Q4_2
  CHECK(std::string(type_name(GgmlType::Q6_K)) == "q6_K");
  CHECK(tensor_size_bytes(GgmlType::Q8_0, {64, 3}) == 2 * 3 * 34u);
  CHECK_FALSE(tensor_size_bytes(GgmlType::Q8_0, {48, 3}));  // not whole blocks
  CHECK_FALSE(tensor_size_bytes(GgmlType::F32, {int64_t{1} << 40, int64_t{1} << 40}));
}

TEST_CASE("tiny-llama f32 fixture has the metadata and tensors the README states") {
  auto f = open_fixture("tiny-llama-f32.gguf");
  if (!f) return;
  CHECK(f->version() == 3);
  CHECK(f->alignment() == 32);
  CHECK(f->get_string("general.architecture") == "llama");
  CHECK(f->get_int("llama.block_count") == 2);
  CHECK(f->get_int("llama.embedding_length") == 64);
  CHECK(f->get_int("llama.attention.head_count") == 4);
  CHECK(f->get_int("llama.attention.head_count_kv") == 2);
  CHECK(f->get_int("llama.feed_forward_length") == 160);
  CHECK(f->get_int("llama.context_length") == 256);
  CHECK(f->get_float("llama.rope.freq_base") == 10000.0);
  CHECK(f->get_float("llama.attention.layer_norm_rms_epsilon").value() == Approx(1e-6));
  CHECK(f->get_int("tokenizer.ggml.bos_token_id") == 498);
  CHECK(f->get_int("tokenizer.ggml.eos_token_id") == 499);
  CHECK(f->get_bool("tokenizer.ggml.add_bos_token") == true);
  REQUIRE(f->get_string_array("tokenizer.ggml.tokens") != nullptr);
  CHECK(f->get_string_array("tokenizer.ggml.tokens")->size() == 500);
  CHECK(f->get_string_array("general.architecture") == nullptr);  // wrong type
  CHECK_FALSE(f->get_int("general.architecture"));
  CHECK_FALSE(f->has("no.such.key"));

  CHECK(f->tensors().size() == 21);  // embd + 2 x 9 per layer + output_norm + output
  const TensorInfo* embd = f->tensor("token_embd.weight");
  REQUIRE(embd);
  CHECK(embd->dims == std::vector<int64_t>{64, 500});
  CHECK(embd->type == GgmlType::F32);
  CHECK(embd->size_bytes == 64 * 500 * 4u);
  CHECK(embd->n_elements() == 64 * 500);
  CHECK(f->tensor("output.weight") != nullptr);
  CHECK(f->tensor("missing.weight") == nullptr);
  for (const TensorInfo& t : f->tensors()) {
    CHECK(t.offset % 32 == 0);
    CHECK(t.data == reinterpret_cast<const uint8_t*>(embd->data) + (t.offset - embd->offset));
  }
}

TEST_CASE("tiny-qwen2 fixture has biases and a tied output head") {
  auto f = open_fixture("tiny-qwen2-q8_0.gguf");
  if (!f) return;
  CHECK(f->get_string("general.architecture") == "qwen2");
  CHECK(f->get_float("qwen2.rope.freq_base") == 1e6);
  CHECK(f->get_int("tokenizer.ggml.bos_token_id") == 495);
  CHECK(f->get_bool("tokenizer.ggml.add_bos_token") == false);
  CHECK(f->tensor("output.weight") == nullptr);
  REQUIRE(f->tensor("blk.1.attn_k.bias"));
  CHECK(f->tensor("blk.1.attn_k.bias")->dims == std::vector<int64_t>{32});
  const TensorInfo* q = f->tensor("blk.0.attn_q.weight");
  REQUIRE(q);
  CHECK(q->type == GgmlType::Q8_0);
  CHECK(q->size_bytes == 64 / 32 * 34 * 64u);
}

TEST_CASE("tiny-llama256 q4_k_m fixture mixes the K-quant types as the README lists") {
  auto f = open_fixture("tiny-llama256-q4_k_m.gguf");
  if (!f) return;
  CHECK(f->get_int("general.file_type") == 15);
  CHECK(f->tensor("token_embd.weight")->type == GgmlType::Q4_K);
  CHECK(f->tensor("output.weight")->type == GgmlType::Q6_K);
  CHECK(f->tensor("blk.0.attn_v.weight")->type == GgmlType::Q4_K);
  CHECK(f->tensor("blk.1.attn_v.weight")->type == GgmlType::Q6_K);
  CHECK(f->tensor("blk.1.ffn_down.weight")->type == GgmlType::Q6_K);
  CHECK(f->tensor("blk.0.attn_norm.weight")->type == GgmlType::F32);
  CHECK(f->tensor("output.weight")->size_bytes == 500 * 210u);
}

TEST_CASE("rope_freqs tensor data of the ropescale fixture reads the README's factors") {
  auto f = open_fixture("tiny-llama3-ropescale-f32.gguf");
  if (!f) return;
  const TensorInfo* t = f->tensor("rope_freqs.weight");
  REQUIRE(t);
  REQUIRE(t->dims == std::vector<int64_t>{32});
  std::vector<float> v(32);
  std::memcpy(v.data(), t->data, 32 * sizeof(float));
  CHECK(v[0] == 1.0f);
  CHECK(v[14] == 1.0f);
  CHECK(v[15] == Approx(1.5534146f));
  CHECK(v[16] == Approx(2.6945300f));
  CHECK(v[17] == Approx(5.2573271f));
  CHECK(v[18] == 8.0f);
  CHECK(v[31] == 8.0f);
}

TEST_CASE("every fixture GGUF opens without error") {
  int n = 0;
  for (const char* dir : {"models", "tokenizer"}) {
    const std::string d = ys::test::fixture_path(dir);
    if (!ys::test::have_fixture(d)) return;
    for (const auto& e : fs::directory_iterator(d)) {
      if (e.path().extension() != ".gguf") continue;
      auto f = File::open(e.path().string());
      INFO(e.path());
      CHECK(f.ok());
      ++n;
    }
  }
  CHECK(n > 0);
}

TEST_CASE("writer output reads back every metadata value type") {
  Writer w;
  w.set("u8", Value::u8(200));
  w.set("i8", Value::i8(-100));
  w.set("u16", Value::u16(60000));
  w.set("i16", Value::i16(-30000));
  w.set("u32", Value::u32(4000000000u));
  w.set("i32", Value::i32(-2000000000));
  w.set("u64", Value::u64(uint64_t{1} << 40));
  w.set("u64.huge", Value::u64(~uint64_t{0}));
  w.set("i64", Value::i64(-(int64_t{1} << 50)));
  w.set("f32", Value::f32(0.25f));
  w.set("f64", Value::f64(1e-300));
  w.set("bool", Value::boolean(true));
  w.set("str", Value::str(std::string("caf\xC3\xA9\0x", 7)));
  w.set("strs", Value::string_array({"a", "", "bc"}));
  w.set("ints", Value::int_array(ValueType::I16, {-1, 2, -3}));
  w.set("floats", Value::float_array(ValueType::F32, {0.5, -1.5}));
  w.set("nested", Value::array_of_arrays(
                      {Value::int_array(ValueType::U8, {1, 2}), Value::string_array({"x"})}));
  w.set("i32", Value::i32(7));  // replaces, keeps position
  auto f = File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  const File& r = **f;
  CHECK(r.keys().size() == 17);
  CHECK(r.keys()[5] == "i32");
  CHECK(r.get_int("u8") == 200);
  CHECK(r.get_int("i8") == -100);
  CHECK(r.get_int("u16") == 60000);
  CHECK(r.get_int("i16") == -30000);
  CHECK(r.get_int("u32") == 4000000000LL);
  CHECK(r.get_int("i32") == 7);
  CHECK(r.get_int("u64") == (int64_t{1} << 40));
  CHECK_FALSE(r.get_int("u64.huge"));  // does not fit int64
  CHECK(r.get_float("u64.huge") == Approx(1.8446744073709552e19));
  CHECK(r.get_int("i64") == -(int64_t{1} << 50));
  CHECK(r.get_float("f32") == 0.25);
  CHECK(r.get_float("f64") == 1e-300);
  CHECK(r.get_float("u8") == 200.0);
  CHECK(r.get_bool("bool") == true);
  CHECK(r.get_int("bool") == 1);
  CHECK(r.get_string("str") == std::string("caf\xC3\xA9\0x", 7));
  REQUIRE(r.get_string_array("strs"));
  CHECK(*r.get_string_array("strs") == std::vector<std::string>{"a", "", "bc"});
  CHECK(r.get_int_array("ints") == std::vector<int64_t>{-1, 2, -3});
  CHECK(r.get_float_array("ints") == std::vector<double>{-1, 2, -3});
  CHECK(r.get_float_array("floats") == std::vector<double>{0.5, -1.5});
  CHECK_FALSE(r.get_int_array("floats"));
  const Value* nested = r.get("nested");
  REQUIRE(nested);
  REQUIRE(nested->arrays.size() == 2);
  CHECK(nested->arrays[0].ints == std::vector<int64_t>{1, 2});
  CHECK(nested->arrays[1].strings == std::vector<std::string>{"x"});
}

TEST_CASE("writer places tensors at aligned offsets and the data reads back") {
  Writer w;
  w.set_alignment(64);
  std::vector<float> a = {1, 2, 3};
  std::vector<float> b(32, -0.5f);
  REQUIRE(w.add_tensor("a", {3}, GgmlType::F32, bytes_of(a)).ok());
  REQUIRE(w.add_tensor("b", {8, 4}, GgmlType::F32, bytes_of(b)).ok());
  std::string q8(2 * 34, '\x01');
  REQUIRE(w.add_tensor("q", {64}, GgmlType::Q8_0, q8).ok());
  CHECK_FALSE(w.add_tensor("a", {3}, GgmlType::F32, bytes_of(a)).ok());           // duplicate
  CHECK_FALSE(w.add_tensor("c", {4}, GgmlType::F32, bytes_of(a)).ok());           // wrong size
  CHECK_FALSE(w.add_tensor("d", {33}, GgmlType::Q8_0, std::string(34, 0)).ok());  // partial block
  auto f = File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  CHECK((*f)->alignment() == 64);
  CHECK((*f)->data_offset() % 64 == 0);
  REQUIRE((*f)->tensors().size() == 3);
  const TensorInfo* tb = (*f)->tensor("b");
  CHECK(tb->offset == 64);
  CHECK(tb->dims == std::vector<int64_t>{8, 4});
  CHECK(std::memcmp(tb->data, b.data(), 128) == 0);
  CHECK(std::memcmp((*f)->tensor("a")->data, a.data(), 12) == 0);
  CHECK((*f)->tensor("q")->offset == 192);
  CHECK((*f)->tensor("q")->data[67] == 1);
}

TEST_CASE("writer writes a file that opens with mmap, and v2 headers read too") {
  Writer w;
  w.set_version(2);
  w.set("general.architecture", Value::str("llama"));
  std::vector<float> a = {4, 5, 6, 7};
  REQUIRE(w.add_tensor("t", {2, 2}, GgmlType::F32, bytes_of(a)).ok());
  fs::path p =
      fs::temp_directory_path() / ("ys_gguf_writer_" + std::to_string(::getpid()) + ".gguf");
  REQUIRE(w.write_file(p.string()).ok());
  auto f = File::open(p);
  REQUIRE(f.ok());
  CHECK((*f)->version() == 2);
  CHECK((*f)->file_size() == w.to_bytes().size());
  float back[4];
  std::memcpy(back, (*f)->tensor("t")->data, sizeof back);
  CHECK(back[3] == 7.0f);
  fs::remove(p);
  CHECK_FALSE(w.write_file("/nonexistent-dir/x.gguf").ok());
}

TEST_CASE("tensors filled at write time land in place, in memory and on disk") {
  Writer w;
  std::vector<float> a = {1, 2};
  REQUIRE(w.add_tensor("a", {2}, GgmlType::F32, bytes_of(a)).ok());
  int calls = 0;
  auto fill = [&calls](uint8_t* dst, size_t n) {
    ++calls;
    for (size_t i = 0; i < n; ++i) dst[i] = static_cast<uint8_t>(i % 251);
  };
  REQUIRE(w.add_tensor_fill("big", {300, 2}, GgmlType::F16, fill).ok());
  CHECK_FALSE(w.add_tensor_fill("big", {4}, GgmlType::F16, fill).ok());
  auto f = File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  const TensorInfo* big = (*f)->tensor("big");
  REQUIRE(big);
  CHECK(big->size_bytes == 1200);
  CHECK(big->offset == 32);
  CHECK(big->data[0] == 0);
  CHECK(big->data[1199] == 1199 % 251);
  fs::path p = fs::temp_directory_path() / ("ys_gguf_fill_" + std::to_string(::getpid()) + ".gguf");
  REQUIRE(w.write_file(p.string()).ok());
  auto g = File::open(p.string());
  REQUIRE(g.ok());
  CHECK(std::memcmp((*g)->tensor("big")->data, big->data, 1200) == 0);
  CHECK(calls == 2);
  fs::remove(p);
}

TEST_CASE("opening a missing path or an empty file gives an error naming the path") {
  auto missing = File::open("/nonexistent/model.gguf");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("/nonexistent/model.gguf"));
  fs::path p = fs::temp_directory_path() / ("ys_gguf_empty_" + std::to_string(::getpid()));
  { std::ofstream(p.string()); }
  auto empty = File::open(p.string());
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::Contains("empty"));
  fs::remove(p);
}
