// The o200k tokenizer against js-tiktoken: o200k_cases.jsonl holds the token ids js-tiktoken
// 1.0.21 gives for each text (written by o200k_cases.cjs, kept next to it).
#include "datasets/tiktoken/o200k.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "harness/core/types.h"

using namespace ys;

namespace {

std::vector<Json> reference_cases() {
  const char* src = std::getenv("YS_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/tests/datasets/tiktoken/o200k_cases.jsonl");
  REQUIRE(in.good());
  std::vector<Json> cases;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) cases.push_back(Json::parse(line));
  return cases;
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
