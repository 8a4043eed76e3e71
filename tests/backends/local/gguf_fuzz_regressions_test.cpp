// Inputs that once crashed the fuzz target (scripts/fuzz-gguf.sh) are replayed through the same
// entry point on every test run, so a fixed bug stays fixed.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// The fuzz target itself: LLVMFuzzerTestOneInput is compiled into this test.
#include "backends/local/fuzz/gguf_fuzz.cpp"
#include "backends/local/gguf/gguf_writer.h"
#include "backends/local/tokenizer/tokenizer.h"
#include "tests/support/paths.h"

namespace fs = std::filesystem;

namespace {

fs::path regressions_dir() {
  return ys::test::source_path("tests/backends/local/data/gguf_fuzz_regressions");
}

}  // namespace

TEST_CASE("every saved fuzz crash input now runs through the fuzz target cleanly") {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(regressions_dir())) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    INFO(entry.path());
    CHECK(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) ==
          0);
    ++n;
  }
  CHECK(n >= 1);
}

TEST_CASE("a byte-typed token whose text is not <0xXX> decodes to its text, not an exception") {
  ys::gguf::Writer w;
  w.set("tokenizer.ggml.model", ys::gguf::Value::str("llama"));
  w.set("tokenizer.ggml.tokens", ys::gguf::Value::string_array({"<unk>", "<s>", "</s>", "<0xZZ>"}));
  w.set("tokenizer.ggml.token_type",
        ys::gguf::Value::int_array(ys::gguf::ValueType::I32, {2, 3, 3, 6}));
  auto f = ys::gguf::File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  auto tok = ys::engine::Tokenizer::from_gguf(**f);
  REQUIRE(tok.ok());
  CHECK((*tok)->token_to_piece(3) == "<0xZZ>");
}
