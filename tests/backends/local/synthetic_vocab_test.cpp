// The built-in byte-level tokenizer of synthetic models (SyntheticVocab::bytes): one token per
// byte, the control tokens, and a file the local: backend can serve (chat, completion, loglik)
// with no tokenizer to copy from. Expected ids are the bytes themselves (by construction).
#include <catch2/catch.hpp>

#include "backends/local/backend/local_backend.h"
#include "backends/local/engine/synthetic_model.h"
#include "backends/local/tokenizer/tokenizer.h"
#include "tests/harness/temp_dir.h"

using namespace ys;

namespace {

std::string write_model(const test::TempDir& dir, engine::SyntheticVocab vocab) {
  auto shape = engine::synthetic_shape("tiny");
  REQUIRE(shape.ok());
  const std::string path = dir.file("bytes.gguf");
  REQUIRE(
      engine::write_synthetic_model(*shape, cpu::TensorType::Q8_0, 7, path, nullptr, vocab).ok());
  return path;
}

Response run(Backend& b, const Request& r) {
  b.submit(1, r);
  auto done = b.poll(60000);
  REQUIRE(done.size() == 1);
  return done[0].response;
}

}  // namespace

TEST_CASE("the byte vocabulary encodes every byte as its own token") {
  test::TempDir dir;
  auto f = gguf::File::open(write_model(dir, engine::SyntheticVocab::bytes));
  REQUIRE(f.ok());
  auto tok = engine::Tokenizer::from_gguf(**f);
  REQUIRE(tok.ok());
  const std::string text = "Answer: C\n\xc3\xa9!";
  std::vector<int32_t> expected;
  for (unsigned char c : text) expected.push_back(c);
  CHECK((*tok)->encode(text, true, false) == expected);  // no BOS
  CHECK((*tok)->encode("<|im_start|>", false, true) == std::vector<int32_t>{257});
  CHECK((*tok)->is_eog(256));
  CHECK((*tok)->is_eog(258));
  CHECK((*tok)->decode(expected) == text);
}

TEST_CASE("a byte-vocabulary model serves chat, completion and loglik on the local backend") {
  test::TempDir dir;
  ModelSpec spec;
  spec.kind = "local";
  spec.target = write_model(dir, engine::SyntheticVocab::bytes);
  spec.options["threads"] = 1;
  auto b = make_local_backend(spec, {});
  REQUIRE(b.ok());
  Request chat;
  chat.messages = {{"user", "What is 2+2?"}};
  chat.params.max_tokens = 5;
  Response c = run(**b, chat);
  CHECK(c.ok());
  // <|im_start|> "user\n" question <|im_end|> "\n" <|im_start|> "assistant\n", bytes as tokens
  CHECK(c.prompt_tokens == 1 + 5 + 12 + 1 + 1 + 1 + 10);
  Request ll;
  ll.kind = RequestKind::loglik;
  ll.prompt = "Answer:";
  ll.continuations = {" A", " B"};
  Response l = run(**b, ll);
  REQUIRE(l.ok());
  REQUIRE(l.logliks.size() == 2);
  CHECK(l.logliks[0].n_tokens == 2);
  CHECK(l.logliks[0].logprob < 0.0);
}

TEST_CASE("without a vocabulary the synthetic model has no tokenizer") {
  test::TempDir dir;
  auto f = gguf::File::open(write_model(dir, engine::SyntheticVocab::none));
  REQUIRE(f.ok());
  CHECK_FALSE((*f)->has("tokenizer.ggml.tokens"));
}
