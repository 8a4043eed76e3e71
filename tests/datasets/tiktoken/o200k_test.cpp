// The o200k tokenizer against js-tiktoken: o200k_cases.jsonl holds the token ids js-tiktoken
// 1.0.21 gives for each text (written by o200k_cases.cjs, kept next to it).
#include "datasets/tiktoken/o200k.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "harness/core/types.h"
#include "tests/support/case_file.h"

using namespace ys;

namespace {

std::vector<Json> reference_cases() {
  return ys::test::read_cases("tests/datasets/tiktoken/o200k_cases.jsonl");
}

}  // namespace

TEST_CASE("o200k token ids equal js-tiktoken's on Unicode, code, emoji, CJK and whitespace runs") {
  const auto& tok = tiktoken::O200k::instance();
  CHECK(tok.vocabulary_size() == 199998);
  auto cases = reference_cases();
  REQUIRE(cases.size() >= 40);
  for (const Json& c : cases) {
    std::string text = c["text"].get<std::string>();
    INFO(c["text"].dump());
    CHECK(tok.encode(text) == c["tokens"].get<std::vector<uint32_t>>());
  }
}

TEST_CASE("pre-tokenizer pieces cover the text, also invalid UTF-8") {
  std::string text = "ok \xff\xfe bytes\xe2\x82 cut";
  std::string joined;
  for (auto piece : tiktoken::o200k_pretokenize(text)) joined += piece;
  CHECK(joined == text);
  CHECK(tiktoken::O200k::instance().count_tokens(text) > 0);
}

TEST_CASE("o200k token ids equal js-tiktoken's on llama.cpp's tokenizer test strings (fixture)") {
  const std::string inp_path = ys::test::fixture_path("tokenizer/ggml-vocab-gpt-2.gguf.inp");
  if (!ys::test::have_fixture(inp_path)) return;
  std::ifstream inp(inp_path, std::ios::binary);
  REQUIRE(inp.good());
  std::string all((std::istreambuf_iterator<char>(inp)), std::istreambuf_iterator<char>());
  const std::string sep = "\n__ggml_vocab_test__\n";
  std::vector<std::string> texts;
  for (size_t pos = 0, next; (next = all.find(sep, pos)) != std::string::npos;
       pos = next + sep.size())
    texts.push_back(all.substr(pos, next - pos));
  const size_t n = static_cast<size_t>(ys::test::for_each_case(
      "tests/datasets/tiktoken/o200k_fixture_cases.jsonl", [&](const Json& c, const std::string&) {
        const size_t i = c.at("index").get<size_t>();
        REQUIRE(i < texts.size());
        INFO(Json(texts[i]).dump());
        CHECK(tiktoken::O200k::instance().encode(texts[i]) ==
              c.at("tokens").get<std::vector<uint32_t>>());
      }));
  CHECK(n == texts.size());
  CHECK(n == 46);
}
