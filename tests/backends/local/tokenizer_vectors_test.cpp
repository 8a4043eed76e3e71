// Tokenizer ids against llama.cpp's reference vectors in ../shared/fixtures/tokenizer: its own
// .inp/.out files and the <name>.expected.json tricky strings (format: fixtures README).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/tokenizer/tokenizer.h"
#include "tests/support/paths.h"

namespace fs = std::filesystem;
using ys::engine::Tokenizer;

namespace {

fs::path fixtures_dir() {
  return ys::test::fixtures_dir();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<Tokenizer> load(const fs::path& gguf_path) {
  auto file = ys::gguf::File::open(gguf_path.string());
  REQUIRE(file.ok());
  auto tok = Tokenizer::from_gguf(**file);
  if (!tok.ok()) FAIL(tok.error().message);
  return std::move(tok).value();
}

std::vector<std::string> split_inputs(const std::string& inp) {
  const std::string sep = "\n__ggml_vocab_test__\n";
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t hit = inp.find(sep, pos);
    if (hit == std::string::npos) break;
    out.push_back(inp.substr(pos, hit - pos));
    pos = hit + sep.size();
  }
  return out;
}

std::vector<std::vector<int32_t>> read_outputs(const std::string& out) {
  std::vector<std::vector<int32_t>> rows;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream ids(line);
    std::vector<int32_t> row;
    int32_t id;
    while (ids >> id) row.push_back(id);
    rows.push_back(row);
  }
  return rows;
}

void check_inp_out(const std::string& name) {
  fs::path dir = fixtures_dir() / "tokenizer";
  fs::path gguf = dir / ("ggml-vocab-" + name + ".gguf");
  if (!ys::test::have_fixture(gguf.string())) return;
  auto tok = load(gguf);
  auto inputs = split_inputs(slurp(gguf.string() + ".inp"));
  auto outputs = read_outputs(slurp(gguf.string() + ".out"));
  REQUIRE(inputs.size() == outputs.size());
  REQUIRE(inputs.size() > 40);
  for (size_t i = 0; i < inputs.size(); ++i) {
    INFO(name << " vector " << i << ": '" << inputs[i] << "'");
    CHECK(tok->encode(inputs[i], false, false) == outputs[i]);
  }
}

// Returns the tokenizer so callers can run extra checks, or nullptr when fixtures are absent.
std::unique_ptr<Tokenizer> check_expected(const std::string& name, const fs::path& gguf) {
  fs::path json_path = fixtures_dir() / "tokenizer" / (name + ".expected.json");
  if (!ys::test::have_fixture(gguf.string()) || !ys::test::have_fixture(json_path.string()))
    return nullptr;
  auto tok = load(gguf);
  auto cases = nlohmann::json::parse(slurp(json_path));
  REQUIRE(cases.size() == 33);
  for (const auto& c : cases) {
    std::string text = c["text"];
    INFO(name << ": '" << text << "'");
    CHECK(tok->encode(text, false, false) == c["ids"].get<std::vector<int32_t>>());
    CHECK(tok->encode(text, true, true) == c["ids_default"].get<std::vector<int32_t>>());
    CHECK(tok->decode(tok->encode(text, false, false)) == text);
  }
  return tok;
}

fs::path vocab_path(const std::string& name) {
  return fixtures_dir() / "tokenizer" / ("ggml-vocab-" + name + ".gguf");
}

}  // namespace

TEST_CASE("llama-bpe vocab matches llama.cpp on its own test vectors") {
  check_inp_out("llama-bpe");
}
TEST_CASE("qwen2 vocab matches llama.cpp on its own test vectors") {
  check_inp_out("qwen2");
}
TEST_CASE("gpt-2 vocab matches llama.cpp on its own test vectors") {
  check_inp_out("gpt-2");
}
TEST_CASE("llama-spm vocab matches llama.cpp on its own test vectors") {
  check_inp_out("llama-spm");
}

TEST_CASE("llama-bpe vocab matches llama.cpp on the tricky strings, with and without specials") {
  check_expected("llama-bpe", vocab_path("llama-bpe"));
}
TEST_CASE("qwen2 vocab matches llama.cpp on the tricky strings, with and without specials") {
  check_expected("qwen2", vocab_path("qwen2"));
}
TEST_CASE("gpt-2 vocab matches llama.cpp on the tricky strings, with and without specials") {
  check_expected("gpt-2", vocab_path("gpt-2"));
}
TEST_CASE("llama-spm vocab matches llama.cpp on the tricky strings, with and without specials") {
  check_expected("llama-spm", vocab_path("llama-spm"));
}
TEST_CASE("the vocab inside tiny-llama matches llama.cpp on the tricky strings") {
  check_expected("tiny-llama", fixtures_dir() / "models" / "tiny-llama-f32.gguf");
}
TEST_CASE("the vocab inside tiny-qwen2 matches llama.cpp on the tricky strings") {
  check_expected("tiny-qwen2", fixtures_dir() / "models" / "tiny-qwen2-f32.gguf");
}
