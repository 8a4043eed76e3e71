// The remote backend against a server nobody here wrote: llama.cpp's llama-server (CPU) serving a
// random-weight make-model GGUF with the Qwen2 tokenizer (where " A" ... " J" are single tokens).
// Chat, streaming and log-likelihood through the backend, then MMLU-Pro protocol=loglik through
// the CLI: the default echo mode stops after the first reply with one message (llama-server has
// no echo), and loglik: top-logprobs scores every question. The weights are random, so answers
// and accuracy mean nothing and are not checked; shapes, counts and agreement with the server's
// own numbers are.
//
// Without the llama-server binary (or the tokenizer fixture) the test skips with a line saying
// so, and fails instead when the environment variable CI is set.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "backends/remote/remote.h"
#include "harness/store/store.h"
#include "tests/backends/remote/drive.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/llama_server.h"
#include "tests/support/paths.h"

using namespace ys;

namespace {

std::unique_ptr<Backend> backend(const test::LlamaServer& server, Json options) {
  ModelSpec spec{"synth", "openai-compat", server.base_url() + "#synth", std::move(options), {}};
  auto b = make_openai_backend(spec, {});
  REQUIRE(b.ok());
  return std::move(*b);
}

const char* kPrompt = "Question: Which letter comes first?\nA. a\nB. b\nC. c\nD. d\nAnswer:";

Request letters() {
  Request r;
  r.kind = RequestKind::loglik;
  r.prompt = kPrompt;
  r.continuations = {" A", " B", " C", " D"};
  return r;
}

// The server's own top-20 for the first token after kPrompt, read here without our parser.
std::map<std::string, double> server_top_logprobs(const test::LlamaServer& server) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60);
  Json body = {{"prompt", kPrompt}, {"max_tokens", 1}, {"temperature", 0}, {"logprobs", 20}};
  auto res = client.Post("/v1/completions", body.dump(), "application/json");
  REQUIRE(res);
  Json reply = Json::parse(res->body);
  std::map<std::string, double> out;
  for (const Json& alt : reply["choices"][0]["logprobs"]["content"][0]["top_logprobs"])
    out[alt["token"].get<std::string>()] = alt["logprob"].get<double>();
  return out;
}

void check_backend(const test::LlamaServer& server) {
  auto chat = backend(server, Json::object());
  Request ask = test::chat_request("Say hello.");
  ask.params.max_tokens = 4;
  ask.params.temperature = 0;  // greedy: the streamed answer must be the same
  Response r = test::drive_one(*chat, ask, 60000);
  INFO(r.error);
  REQUIRE(r.ok());
  CHECK(r.completion_tokens >= 1);
  CHECK(r.completion_tokens <= 4);
  CHECK_FALSE(r.finish_reason.empty());

  auto stream = backend(server, {{"stream", true}});
  Response s = test::drive_one(*stream, ask, 60000);
  INFO(s.error);
  REQUIRE(s.ok());
  CHECK(s.text == r.text);
  CHECK(s.completion_tokens == r.completion_tokens);  // from the usage chunk
  CHECK(s.ttft_ms.has_value());

  auto echo = backend(server, Json::object());
  auto e = test::drive_completion(*echo, letters(), 60000);
  REQUIRE(e.has_value());
  CHECK(e->stops_run);
  CHECK_THAT(e->response.error, Catch::Contains("does not echo the prompt"));

  auto top = backend(server, {{"loglik", "top-logprobs"}});
  Response t = test::drive_one(*top, letters(), 60000);
  INFO(t.error);
  REQUIRE(t.ok());
  REQUIRE(t.logliks.size() == 4);
  const auto expected = server_top_logprobs(server);
  const char* letters_text[] = {" A", " B", " C", " D"};
  for (size_t i = 0; i < 4; ++i) {
    INFO(letters_text[i]);
    auto it = expected.find(letters_text[i]);
    CHECK(t.logliks[i].n_tokens == (it == expected.end() ? 0 : 1));
    if (it != expected.end()) CHECK(t.logliks[i].logprob == Approx(it->second).margin(1e-3));
  }
}

void check_cli(const test::LlamaServer& server, const test::TempDir& dir) {
  const std::string suite = "mmlu-pro:" + test::source_path("datasets/samples/mmlu_pro/test.jsonl");
  const std::string db = dir.file("y.db");
  auto echo = test::run_cli(dir, {"--db", db, "run", "-s", suite, "-m",
                                  "synth=openai-compat:" + server.base_url() + "#synth",
                                  "--suite-opt", "protocol=loglik", "--concurrency", "2"});
  INFO(echo.output);
  CHECK(echo.exit_code == 3);
  CHECK_THAT(echo.output, Catch::Contains("does not echo the prompt"));

  const std::string config = dir.write("lb.yaml",
                                       "models:\n  - name: synth\n"
                                       "    backend: openai-compat\n"
                                       "    model: \"" +
                                           server.base_url() +
                                           "#synth\"\n"
                                           "    loglik: top-logprobs\n");
  auto top = test::run_cli(dir, {"--db", db, "run", "-c", config, "-s", suite, "--suite-opt",
                                 "protocol=loglik", "--concurrency", "2"});
  INFO(top.output);
  REQUIRE(top.exit_code == 0);
  CHECK_THAT(top.output, Catch::Contains("28 items, 0 already stored, 28 sent, 0 errors"));
  auto store = Store::open(db);
  REQUIRE(store.ok());
  auto runs = (*store)->runs();
  REQUIRE(runs.ok());
  bool found = false;
  for (const auto& run : *runs) {
    if (run.model_identity.find("|loglik=top-logprobs") != std::string::npos) found = true;
  }
  CHECK(found);
}

}  // namespace

TEST_CASE("chat, streaming and log-likelihood against a real llama-server") {
  const std::string vocab = test::fixture_path("tokenizer/ggml-vocab-qwen2.gguf");
  if (!test::have_fixture(test::llama_server_binary()) || !test::have_fixture(vocab)) return;
  test::TempDir dir;
  const std::string model = dir.file("synth.gguf");
  auto made = test::run_cli(
      dir,
      {"engine", "make-model", "--shape", "tiny", "--type", "q8_0", "--vocab", vocab, "-o", model},
      {"XDG_CACHE_HOME=" + dir.file("cache")});
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  test::LlamaServer server(model, dir.path());
  INFO(server.log());
  REQUIRE(server.ok());
  check_backend(server);
  check_cli(server, dir);
}
