// Tokenizer building blocks: UTF-8 handling, character classes, the GPT-2 byte alphabet, the
// pre-tokenizer splits (expected values from Python's `regex` module running llama.cpp's
// patterns), vocabulary errors, special tokens, streaming decode and speed.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/gguf/gguf_writer.h"
#include "backends/local/tokenizer/pretokenize.h"
#include "backends/local/tokenizer/tokenizer.h"
#include "backends/local/tokenizer/unicode.h"
#include "tests/support/paths.h"

namespace fs = std::filesystem;
using namespace ys::engine;
using ys::gguf::Value;
using ys::gguf::ValueType;

namespace {

fs::path fixtures_dir() {
  return ys::test::fixtures_dir();
}

// nullptr (the test returns) when the fixture is absent outside CI.
std::unique_ptr<Tokenizer> load_fixture(const fs::path& p) {
  if (!ys::test::have_fixture(p.string())) return nullptr;
  auto f = ys::gguf::File::open(p.string());
  REQUIRE(f.ok());
  auto t = Tokenizer::from_gguf(**f);
  REQUIRE(t.ok());
  return std::move(t).value();
}

std::vector<std::string> split(PreTokenizer kind, const std::string& text) {
  std::vector<uint32_t> cpts = unicode::decode_utf8(text);
  std::vector<std::string> words;
  for (const WordSpan& w : pretokenize(kind, cpts)) {
    std::string s;
    for (size_t i = w.begin; i < w.begin + w.length; ++i) unicode::append_utf8(cpts[i], &s);
    words.push_back(s);
  }
  return words;
}

using Words = std::vector<std::string>;

// A small SentencePiece vocabulary: <unk> <s> </s>, byte tokens, and a few scored pieces.
ys::gguf::Writer spm_writer() {
  std::vector<std::string> tokens = {"<unk>", "<s>", "</s>"};
  std::vector<int64_t> types = {2, 3, 3};
  std::vector<double> scores = {0, 0, 0};
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    tokens.push_back(name);
    types.push_back(6);
    scores.push_back(0);
  }
  for (const char* piece : {"\xE2\x96\x81", "h", "i", "\xE2\x96\x81h", "\xE2\x96\x81hi", "hi"}) {
    tokens.push_back(piece);
    types.push_back(1);
    scores.push_back(-static_cast<double>(tokens.size()));
  }
  ys::gguf::Writer w;
  w.set("tokenizer.ggml.model", Value::str("llama"));
  w.set("tokenizer.ggml.tokens", Value::string_array(tokens));
  w.set("tokenizer.ggml.token_type", Value::int_array(ValueType::I32, types));
  w.set("tokenizer.ggml.scores", Value::float_array(ValueType::F32, scores));
  return w;
}

ys::Expected<std::unique_ptr<Tokenizer>> tokenizer_from(const ys::gguf::Writer& w) {
  auto f = ys::gguf::File::from_bytes(w.to_bytes());
  REQUIRE(f.ok());
  return Tokenizer::from_gguf(**f);
}

}  // namespace

TEST_CASE("UTF-8 decoding turns each invalid byte into U+FFFD and keeps going") {
  CHECK(unicode::decode_utf8("a\xC3\xA9") == std::vector<uint32_t>{'a', 0xE9});
  CHECK(unicode::decode_utf8("\xF0\x9F\x98\x80") == std::vector<uint32_t>{0x1F600});
  CHECK(unicode::decode_utf8("\xFFx") == std::vector<uint32_t>{0xFFFD, 'x'});
  CHECK(unicode::decode_utf8("\xE2\x96") == std::vector<uint32_t>{0xFFFD, 0xFFFD});
  std::string s;
  unicode::append_utf8(0x1F600, &s);
  CHECK(s == "\xF0\x9F\x98\x80");
}

TEST_CASE("an incomplete UTF-8 tail is measured, a complete one is not") {
  CHECK(unicode::incomplete_utf8_tail("abc") == 0);
  CHECK(unicode::incomplete_utf8_tail("a\xF0\x9F") == 2);
  CHECK(unicode::incomplete_utf8_tail("a\xF0\x9F\x98") == 3);
  CHECK(unicode::incomplete_utf8_tail("a\xF0\x9F\x98\x80") == 0);
  CHECK(unicode::incomplete_utf8_tail("\xC3") == 1);
  CHECK(unicode::incomplete_utf8_tail("") == 0);
}

TEST_CASE("character classes follow Unicode categories and White_Space") {
  CHECK(unicode::is_letter(0xE9));     // é
  CHECK(unicode::is_letter(0x4E2D));   // 中
  CHECK(unicode::is_letter(0x20000));  // CJK extension B
  CHECK_FALSE(unicode::is_letter('1'));
  CHECK(unicode::is_number(0x663));  // Arabic-Indic three
  CHECK(unicode::is_number(0xBD));   // ½ (No)
  CHECK(unicode::is_whitespace(0xA0));
  CHECK(unicode::is_whitespace(0x3000));
  CHECK_FALSE(unicode::is_whitespace(0x200B));  // zero-width space is a format character
  CHECK_FALSE(unicode::is_letter(0x1F600));
}

TEST_CASE("the byte alphabet is GPT-2's bytes_to_unicode") {
  auto cp = [](uint8_t b) { return unicode::decode_utf8(unicode::byte_to_symbol(b))[0]; };
  CHECK(cp(0x20) == 0x120);
  CHECK(cp(0x0A) == 0x10A);
  CHECK(cp(0x61) == 0x61);
  CHECK(cp(0xAD) == 0x143);
  CHECK(cp(0x00) == 0x100);
  CHECK(cp(0xFF) == 0xFF);
  CHECK(cp(0x7F) == 0x121);
  for (int b = 0; b < 256; ++b) CHECK(unicode::symbol_to_byte(cp(static_cast<uint8_t>(b))) == b);
}

TEST_CASE("llama3 pre-tokenizer splits like its regex") {
  CHECK(split(PreTokenizer::llama3, "DON'T stop 1234567") ==
        Words{"DON", "'T", " stop", " ", "123", "456", "7"});
  CHECK(split(PreTokenizer::llama3, "  x\n\n  y  ") == Words{" ", " x", "\n\n", " ", " y", "  "});
  CHECK(split(PreTokenizer::llama3,
              "a\u00a0b \u200b"
              "c") == Words{"a", "\u00a0b", " \u200b", "c"});
  CHECK(split(PreTokenizer::llama3, "(foo) ++i;\r\n") == Words{"(foo", ")", " ++", "i", ";\r\n"});
  CHECK(split(PreTokenizer::llama3, "\u0663\u0664 caf\u00e9!") ==
        Words{"\u0663\u0664", " caf\u00e9", "!"});
}

TEST_CASE("qwen2 pre-tokenizer splits every digit") {
  CHECK(split(PreTokenizer::qwen2, "DON'T stop 1234567") ==
        Words{"DON", "'T", " stop", " ", "1", "2", "3", "4", "5", "6", "7"});
  CHECK(split(PreTokenizer::qwen2, "\u0663\u0664 caf\u00e9!") ==
        Words{"\u0663", "\u0664", " caf\u00e9", "!"});
}

TEST_CASE("gpt-2 pre-tokenizer splits like its regex") {
  CHECK(split(PreTokenizer::gpt2, "DON'T stop 1234567") ==
        Words{"DON", "'", "T", " stop", " 1234567"});
  CHECK(split(PreTokenizer::gpt2, "  x\n\n  y  ") == Words{" ", " x", "\n\n ", " y", "  "});
  CHECK(split(PreTokenizer::gpt2,
              "a\u00a0b \u200b"
              "c") == Words{"a", "\u00a0", "b", " \u200b", "c"});
  CHECK(split(PreTokenizer::gpt2, "(foo) ++i;\r\n") ==
        Words{"(", "foo", ")", " ++", "i", ";", "\r\n"});
}

TEST_CASE("digit-first pre-tokenizer (SmolLM, StarCoder) splits digits, then like gpt-2") {
  CHECK(split(PreTokenizer::digits_then_gpt2, "x = 123 + 45") ==
        Words{"x", " =", " ", "1", "2", "3", " +", " ", "4", "5"});
  CHECK(split(PreTokenizer::digits_then_gpt2, "v2.0  beta\n\n") ==
        Words{"v", "2", ".", "0", " ", " beta", "\n\n"});
  CHECK(split(PreTokenizer::digits_then_gpt2, "I've 2  cats") ==
        Words{"I", "'ve", " ", "2", " ", " cats"});
  CHECK(split(PreTokenizer::digits_then_gpt2, "\u0663\u0664 caf\u00e9!") ==
        Words{"\u0663", "\u0664", " caf\u00e9", "!"});
  CHECK(pre_tokenizer_from_name("smollm") == PreTokenizer::digits_then_gpt2);
}

TEST_CASE("SentencePiece merges by score and falls back to byte tokens") {
  auto tok = tokenizer_from(spm_writer());
  REQUIRE(tok.ok());
  const Tokenizer& t = **tok;
  int32_t hi_word = t.find_token("\xE2\x96\x81hi");
  REQUIRE(hi_word > 0);
  CHECK(t.encode("hi", false, false) == std::vector<int32_t>{hi_word});
  CHECK(t.encode("hi", true, false) == std::vector<int32_t>{1, hi_word});  // add_bos default
  // 'x' is not a piece: its byte token <0x78> is id 3 + 0x78.
  CHECK(t.encode("x", false, false) ==
        std::vector<int32_t>{t.find_token("\xE2\x96\x81"), 3 + 0x78});
  CHECK(t.decode(t.encode("hi x\xC3\xA9", false, false)) == "hi x\xC3\xA9");
  CHECK(t.encode("<s>hi", false, true) == std::vector<int32_t>{1, hi_word});
  CHECK(t.encode("", true, false) == std::vector<int32_t>{1});
  CHECK(t.token_to_piece(3 + 0x0A) == "\n");
  CHECK(t.token_to_piece(9999) == "");
}

TEST_CASE("a vocabulary with bad metadata is refused with the key named") {
  auto expect_error = [](ys::gguf::Writer w, const std::string& fragment) {
    auto tok = tokenizer_from(w);
    REQUIRE_FALSE(tok.ok());
    CHECK_THAT(tok.error().message, Catch::Contains(fragment));
  };
  expect_error(ys::gguf::Writer(), "tokenizer.ggml.model");
  auto w = spm_writer();
  w.set("tokenizer.ggml.model", Value::str("bert"));
  expect_error(w, "unsupported tokenizer model 'bert'");
  w = spm_writer();
  w.set("tokenizer.ggml.token_type", Value::int_array(ValueType::I32, {1, 2}));
  expect_error(w, "tokenizer.ggml.token_type");
  w = spm_writer();
  w.set("tokenizer.ggml.bos_token_id", Value::u32(100000));
  expect_error(w, "tokenizer.ggml.bos_token_id");
  w = spm_writer();
  w.set("tokenizer.ggml.scores", Value::str("no"));
  expect_error(w, "tokenizer.ggml.scores");
  w = spm_writer();
  w.set("tokenizer.ggml.model", Value::str("gpt2"));
  w.set("tokenizer.ggml.pre", Value::str("qwen2"));
  expect_error(w, "tokenizer.ggml.merges");
  w.set("tokenizer.ggml.merges", Value::string_array({"h i", "nospace"}));
  expect_error(w, "entry 1 has no space");
  w.set("tokenizer.ggml.merges", Value::string_array({"h i"}));
  w.set("tokenizer.ggml.pre", Value::str("made-up"));
  expect_error(w, "unsupported pre-tokenizer 'made-up'");
}

TEST_CASE("end-of-generation tokens include eos and the chat end-of-turn tokens") {
  auto llama3 = load_fixture(fixtures_dir() / "tokenizer/ggml-vocab-llama-bpe.gguf");
  auto qwen = load_fixture(fixtures_dir() / "tokenizer/ggml-vocab-qwen2.gguf");
  if (!llama3 || !qwen) return;
  CHECK(llama3->bos() == 128000);
  CHECK(llama3->eos() == 128001);
  CHECK(llama3->eot() == llama3->find_token("<|eot_id|>"));
  CHECK(llama3->is_eog(128001));
  CHECK(llama3->is_eog(llama3->find_token("<|eot_id|>")));
  CHECK_FALSE(llama3->is_eog(128000));
  CHECK(llama3->is_control(128000));
  CHECK(llama3->n_vocab() == 128256);
  CHECK(qwen->eos() == 151643);
  CHECK(qwen->is_eog(qwen->find_token("<|im_end|>")));
  CHECK_FALSE(qwen->is_eog(qwen->find_token("<|im_start|>")));
  CHECK(qwen->token_to_piece(151643) == "<|endoftext|>");
  CHECK(qwen->token_to_piece(qwen->find_token("[PAD151900]")) == "");
  // <think> is a user-defined (not control) token: matched whole even without parse_special.
  int32_t think = qwen->find_token("<think>");
  REQUIRE(think >= 0);
  CHECK(qwen->encode("a<think>b", false, false)[1] == think);
}

TEST_CASE("streaming decode holds back a character split across tokens") {
  auto tok = load_fixture(fixtures_dir() / "models/tiny-llama-f32.gguf");
  if (!tok) return;
  // The tiny vocab has few multi-byte tokens, so emoji and CJK arrive a byte at a time.
  std::string text = "a\xF0\x9F\x98\x80 \xE4\xB8\xAD!";
  auto ids = tok->encode(text, false, false);
  IncrementalDetokenizer stream(*tok);
  std::string joined;
  for (int32_t id : ids) {
    std::string part = stream.push(id);
    CHECK(unicode::incomplete_utf8_tail(part) == 0);
    for (uint32_t cp : unicode::decode_utf8(part)) CHECK(cp != unicode::kReplacement);
    joined += part;
  }
  CHECK(stream.pending_bytes() == 0);
  CHECK(joined == text);
  int32_t lead_f0 = tok->find_token("\xC3\xB0");  // byte 0xF0 in the byte alphabet
  REQUIRE(lead_f0 >= 0);
  CHECK(stream.push(lead_f0).empty());  // a 4-byte lead alone
  CHECK(stream.pending_bytes() == 1);
  CHECK(stream.flush() == "\xF0");
}

TEST_CASE("decode inverts encode on random text for every fixture vocabulary") {
  std::vector<std::string> alphabet = {"a",
                                       "Z",
                                       " ",
                                       "  ",
                                       "\n",
                                       "\t",
                                       "7",
                                       "'s",
                                       "\xC3\xA9",
                                       "\xE4\xB8\xAD",
                                       "\xF0\x9F\x98\x80",
                                       "\xE2\x96\x81",
                                       "<",
                                       "|",
                                       ">",
                                       "\xC2\xA0",
                                       ".",
                                       "\r\n"};
  std::mt19937 rng(7);
  int checked = 0;
  for (const char* name : {"llama-bpe", "qwen2", "gpt-2", "llama-spm"}) {
    auto tok =
        load_fixture(fixtures_dir() / "tokenizer" / ("ggml-vocab-" + std::string(name) + ".gguf"));
    if (!tok) continue;
    for (int i = 0; i < 200; ++i) {
      std::string text;
      int n = 1 + static_cast<int>(rng() % 12);
      for (int k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
      // SentencePiece writes spaces as U+2581, so a literal U+2581 cannot come back.
      if (std::string(name) == "llama-spm" && text.find("\xE2\x96\x81") != std::string::npos) {
        continue;
      }
      INFO(name << ": '" << text << "'");
      CHECK(tok->decode(tok->encode(text, false, false)) == text);
      ++checked;
    }
  }
}

TEST_CASE("encoding is fast on the largest vocabularies") {
  auto tok = load_fixture(fixtures_dir() / "tokenizer/ggml-vocab-qwen2.gguf");
  if (!tok) return;
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "The quick brown fox 12345 jumps; caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 <|im_end|>\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto ids = tok->encode(text, false, true);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(ids.size() > 2000);
  CHECK(ms < 500.0);  // ~13 KB of text; well under a millisecond per line
}
