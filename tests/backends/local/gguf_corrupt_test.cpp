// Corrupt and hostile GGUF files: each must give an Error that names the problem (and the key or
// tensor), never a crash or an out-of-bounds read. Files are built byte by byte here so that each
// case breaks exactly one rule of the format.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/gguf/gguf_writer.h"

using namespace ys::gguf;

namespace {

struct Bytes {
  std::string s;
  Bytes& u32(uint32_t v) { return raw(&v, 4); }
  Bytes& u64(uint64_t v) { return raw(&v, 8); }
  Bytes& str(const std::string& v) {
    u64(v.size());
    s += v;
    return *this;
  }
  Bytes& raw(const void* p, size_t n) {
    s.append(static_cast<const char*>(p), n);
    return *this;
  }
  Bytes& header(uint64_t n_tensors, uint64_t n_kv, uint32_t version = 3) {
    s += "GGUF";
    return u32(version).u64(n_tensors).u64(n_kv);
  }
  Bytes& kv_u32(const std::string& key, uint32_t v) { return str(key).u32(4).u32(v); }
  Bytes& tensor(const std::string& name, std::vector<uint64_t> dims, uint32_t type, uint64_t off) {
    str(name).u32(static_cast<uint32_t>(dims.size()));
    for (uint64_t d : dims) u64(d);
    return u32(type).u64(off);
  }
  Bytes& pad_to(size_t align) {
    s.resize((s.size() + align - 1) / align * align, '\0');
    return *this;
  }
  Bytes& zeros(size_t n) {
    s.append(n, '\0');
    return *this;
  }
};

std::string error_of(const std::string& bytes) {
  auto f = File::from_bytes(bytes);
  if (f.ok()) return "";
  return f.error().message;
}

}  // namespace

TEST_CASE("a file with the wrong magic is rejected as not GGUF") {
  CHECK_THAT(error_of("GGML\x03\0\0\0"), Catch::Contains("bad magic"));
  CHECK_THAT(error_of(""), Catch::Contains("magic"));
  CHECK_THAT(error_of("GG"), Catch::Contains("truncated"));
}

TEST_CASE("version 1 is unsupported and unknown versions are named") {
  CHECK_THAT(error_of(Bytes().header(0, 0, 1).s), Catch::Contains("unsupported GGUF version 1"));
  CHECK_THAT(error_of(Bytes().header(0, 0, 4).s), Catch::Contains("unknown GGUF version 4"));
  CHECK_THAT(error_of(Bytes().header(0, 0, 0x03000000).s), Catch::Contains("big-endian"));
  CHECK(error_of(Bytes().header(0, 0, 2).s).empty());
  CHECK(error_of(Bytes().header(0, 0, 3).s).empty());
}

TEST_CASE("absurd metadata and tensor counts are refused before allocating") {
  CHECK_THAT(error_of(Bytes().header(0, ~uint64_t{0}).s), Catch::Contains("absurd count"));
  CHECK_THAT(error_of(Bytes().header(uint64_t{1} << 60, 0).s), Catch::Contains("tensor count"));
}

TEST_CASE("string and array lengths past the end name the key") {
  std::string long_key = Bytes().header(0, 1).u64(1000).s + std::string(20, 'a');
  CHECK_THAT(error_of(long_key), Catch::Contains("string length 1000"));
  std::string long_value = Bytes().header(0, 1).str("general.name").u32(8).u64(99).s + "x";
  CHECK_THAT(error_of(long_value), Catch::Contains("key 'general.name'"));
  CHECK_THAT(error_of(long_value), Catch::Contains("past the end"));
  std::string big_array =
      Bytes().header(0, 1).str("tokenizer.ggml.scores").u32(9).u32(6).u64(uint64_t{1} << 61).s;
  CHECK_THAT(error_of(big_array), Catch::Contains("key 'tokenizer.ggml.scores'"));
  CHECK_THAT(error_of(big_array), Catch::Contains("array length"));
  std::string capped = Bytes().header(0, 1).str("k").u32(9).u32(0).u64((uint64_t{1} << 26) + 1).s;
  CHECK_THAT(error_of(capped), Catch::Contains("exceeds the limit"));
  std::string big_string_array =
      Bytes().header(0, 1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(3).str("a").u64(50).s;
  CHECK_THAT(error_of(big_string_array), Catch::Contains("key 'tokenizer.ggml.tokens'"));
}

TEST_CASE("unknown value types, deep nesting and duplicate keys are refused") {
  CHECK_THAT(error_of(Bytes().header(0, 1).str("k").u32(13).u32(0).s),
             Catch::Contains("unknown value type 13"));
  CHECK_THAT(error_of(Bytes().header(0, 1).str("k").u32(9).u32(77).u64(0).s),
             Catch::Contains("unknown array element type 77"));
  Bytes deep;
  deep.header(0, 1).str("k").u32(9);
  for (int i = 0; i < 20; ++i) deep.u32(9).u64(1);
  deep.u32(0).u64(0);
  CHECK_THAT(error_of(deep.s), Catch::Contains("nested too deeply"));
  std::string dup = Bytes().header(0, 2).kv_u32("a.b", 1).kv_u32("a.b", 2).s;
  CHECK_THAT(error_of(dup), Catch::Contains("key 'a.b': duplicate key"));
}

TEST_CASE("general.alignment must be a power-of-two integer") {
  CHECK_THAT(error_of(Bytes().header(0, 1).kv_u32("general.alignment", 48).s),
             Catch::Contains("power of two"));
  CHECK_THAT(error_of(Bytes().header(0, 1).kv_u32("general.alignment", 0).s),
             Catch::Contains("power of two"));
  CHECK_THAT(error_of(Bytes().header(0, 1).str("general.alignment").u32(8).str("32").s),
             Catch::Contains("must be an integer"));
  auto f = File::from_bytes(Bytes().header(0, 1).kv_u32("general.alignment", 64).s);
  REQUIRE(f.ok());
  CHECK((*f)->alignment() == 64);
}

TEST_CASE("bad tensor infos name the tensor and the problem") {
  auto with_tensor = [](std::vector<uint64_t> dims, uint32_t type, uint64_t off) {
    return error_of(Bytes().header(1, 0).tensor("w", dims, type, off).pad_to(32).zeros(64).s);
  };
  CHECK(with_tensor({4, 2}, 0, 0).empty());  // the valid baseline: 32 bytes of f32
  CHECK_THAT(with_tensor({}, 0, 0), Catch::Contains("tensor 'w': n_dims 0"));
  CHECK_THAT(with_tensor({1, 1, 1, 1, 1}, 0, 0), Catch::Contains("n_dims 5"));
  CHECK_THAT(with_tensor({4, 0}, 0, 0), Catch::Contains("dimension 1 is not positive"));
  CHECK_THAT(with_tensor({~uint64_t{0}}, 0, 0), Catch::Contains("not positive"));
  CHECK_THAT(with_tensor({uint64_t{1} << 32, uint64_t{1} << 32}, 0, 0),
             Catch::Contains("overflows"));
  CHECK_THAT(with_tensor({4, 2}, 99, 0), Catch::Contains("unknown tensor type 99"));
  CHECK_THAT(with_tensor({48}, 8, 0), Catch::Contains("not a multiple of the q8_0 block size"));
  CHECK_THAT(with_tensor({4, 2}, 0, 8), Catch::Contains("not a multiple of the alignment"));
  CHECK_THAT(with_tensor({4, 2}, 0, 64), Catch::Contains("runs past the end"));
  CHECK_THAT(with_tensor({4, 4}, 0, 32), Catch::Contains("tensor 'w': data"));
  CHECK_THAT(with_tensor({4, 2}, 0, ~uint64_t{0} - 31), Catch::Contains("tensor 'w'"));
}

TEST_CASE("duplicate tensor names are refused") {
  std::string dup =
      Bytes().header(2, 0).tensor("w", {8}, 0, 0).tensor("w", {8}, 0, 32).pad_to(32).zeros(64).s;
  CHECK_THAT(error_of(dup), Catch::Contains("tensor 'w': duplicate tensor name"));
}

TEST_CASE("a valid file truncated at every byte offset gives an error each time") {
  Writer w;
  w.set("general.architecture", Value::str("llama"));
  w.set("llama.block_count", Value::u32(2));
  w.set("tokenizer.ggml.tokens", Value::string_array({"a", "bc", "def"}));
  w.set("tokenizer.ggml.scores", Value::float_array(ValueType::F32, {0, -1, -2}));
  w.set("nested", Value::array_of_arrays({Value::int_array(ValueType::I64, {1, 2})}));
  std::vector<float> weights(16, 1.0f);  // 64 bytes: no trailing padding to cut harmlessly
  std::string raw(reinterpret_cast<const char*>(weights.data()), 64);
  REQUIRE(w.add_tensor("t0", {8, 2}, GgmlType::F32, raw).ok());
  REQUIRE(w.add_tensor("t1", {16}, GgmlType::F32, raw).ok());
  std::string full = w.to_bytes();
  REQUIRE(File::from_bytes(full).ok());
  int errors = 0;
  for (size_t n = 0; n < full.size(); ++n) {
    auto f = File::from_bytes(full.substr(0, n));
    if (!f.ok()) ++errors;
    if (f.ok()) FAIL_CHECK("truncated to " << n << " bytes still opened");
  }
  CHECK(errors == static_cast<int>(full.size()));
}

TEST_CASE("flipping any single byte of a small file never crashes the reader") {
  Writer w;
  w.set("tokenizer.ggml.tokens", Value::string_array({"x", "yz"}));
  w.set("k", Value::u64(5));
  REQUIRE(w.add_tensor("t", {8}, GgmlType::F32, std::string(32, '\0')).ok());
  std::string full = w.to_bytes();
  for (size_t i = 0; i < full.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xFF}) {
      std::string bad = full;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      auto f = File::from_bytes(bad);  // ok or error are both fine; reaching here is the test
      if (f.ok()) {
        for (const TensorInfo& t : (*f)->tensors()) {
          CHECK(t.offset + t.size_bytes <= (*f)->file_size() - (*f)->data_offset());
        }
      }
    }
  }
  SUCCEED();
}
