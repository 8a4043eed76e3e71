// The local: Backend against llama.cpp's reference outputs for the tiny fixture models
// (/work/shared/fixtures/models/*.ref.json): greedy continuations, summed log-probabilities,
// stop strings, max_tokens, identity, and errors for missing/corrupt files and long prompts.
// Expected values come from the .ref.json files (or by hand), never from the backend itself.
#include "backends/local/backend/local_backend.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/tokenizer/tokenizer.h"
#include "harness/core/hash.h"
#include "tests/support/paths.h"

using namespace ys;

namespace {

std::string model_path(const std::string& name) {
  return ys::test::fixture_path("models/" + name);
}

bool have_fixtures() {
  return ys::test::have_fixture(model_path("tiny-qwen2-f32.gguf"));
}

Json load_ref() {
  std::ifstream in(model_path("tiny-qwen2-f32.ref.json"));
  return Json::parse(in);
}

std::unique_ptr<engine::Tokenizer> tokenizer() {
  auto f = gguf::File::open(model_path("tiny-qwen2-f32.gguf"));
  REQUIRE(f.ok());
  auto t = engine::Tokenizer::from_gguf(**f);
  REQUIRE(t.ok());
  return std::move(*t);
}

std::unique_ptr<Backend> backend(Json options = Json::object()) {
  ModelSpec spec;
  spec.kind = "local";
  spec.target = model_path("tiny-qwen2-f32.gguf");
  spec.options = std::move(options);
  spec.options["threads"] = 1;
  auto b = make_local_backend(spec, {});
  REQUIRE(b.ok());
  return std::move(*b);
}

Response run(Backend& b, const Request& r) {
  b.submit(7, r);
  auto done = b.poll(60000);
  REQUIRE(done.size() == 1);
  REQUIRE(done[0].ticket == 7);
  return done[0].response;
}

std::vector<int32_t> ids(const Json& j, size_t from = 0, size_t to = std::string::npos) {
  std::vector<int32_t> v = j.get<std::vector<int32_t>>();
  to = std::min(to, v.size());
  return {v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(to)};
}

double sum(const Json& j, size_t from, size_t to) {
  double s = 0;
  for (size_t i = from; i < to; ++i) s += j[i].get<double>();
  return s;
}

Request completion(const std::string& prompt, int max_tokens) {
  Request r;
  r.kind = RequestKind::completion;
  r.prompt = prompt;
  r.params.max_tokens = max_tokens;
  return r;
}

}  // namespace

TEST_CASE("greedy completion reproduces llama.cpp's greedy continuation of the reference prompts") {
  if (!have_fixtures()) return;
  Json ref = load_ref();
  auto tok = tokenizer();
  auto b = backend();
  int checked = 0;
  for (const auto& seq : ref["sequences"]) {
    std::vector<int32_t> prompt = ids(seq["tokens"]);
    std::string text = tok->decode(prompt);
    if (tok->encode(text, true, false) != prompt) continue;  // ids do not round-trip as text
    Response r = run(*b, completion(text, 16));
    REQUIRE(r.ok());
    CHECK(r.text == tok->decode(ids(seq["greedy_16"])));
    CHECK(r.completion_tokens == 16);
    CHECK(r.prompt_tokens == static_cast<int64_t>(prompt.size()));
    CHECK(r.finish_reason == "length");
    ++checked;
  }
  CHECK(checked >= 1);
}

TEST_CASE("loglik of a continuation is the sum of the reference next-token log-probs") {
  if (!have_fixtures()) return;
  Json ref = load_ref();
  auto tok = tokenizer();
  auto b = backend();
  const Json& s0 = ref["sequences"][0];
  std::string ctx = tok->decode(ids(s0["tokens"]));
  std::vector<int32_t> cont_ids = ids(s0["greedy_16"], 0, 3);
  std::string cont = tok->decode(cont_ids);
  REQUIRE(tok->encode(cont, false, false) == cont_ids);
  double expected = sum(s0["greedy_16_logprobs"], 0, 3);

  Request r;
  r.kind = RequestKind::loglik;
  r.prompt = ctx;
  r.continuations = {cont};
  Response alone = run(*b, r);
  REQUIRE(alone.ok());
  REQUIRE(alone.logliks.size() == 1);
  CHECK(alone.logliks[0].logprob == Approx(expected).margin(3e-4));
  CHECK(alone.logliks[0].is_greedy);
  CHECK(alone.logliks[0].n_tokens == 3);

  SECTION("and the same with other continuations in the same request") {
    r.continuations = {"zq", cont, tok->decode({static_cast<int32_t>(cont_ids[0] + 1)})};
    Response many = run(*b, r);
    REQUIRE(many.ok());
    REQUIRE(many.logliks.size() == 3);
    CHECK(many.logliks[1].logprob == Approx(expected).margin(3e-4));
    CHECK(many.logliks[1].is_greedy);
    CHECK_FALSE(many.logliks[2].is_greedy);  // the first token is not the argmax
  }
  SECTION("a non-greedy continuation scores log_softmax of the reference logits") {
    const std::vector<double> logits = s0["last_logits"].get<std::vector<double>>();
    double mx = *std::max_element(logits.begin(), logits.end());
    double z = 0;
    for (double l : logits) z += std::exp(l - mx);
    const int32_t other = 55;  // '7'; the reference argmax after "*" is 54
    REQUIRE(tok->encode(tok->decode({other}), false, false) == std::vector<int32_t>{other});
    r.continuations = {tok->decode({other})};
    Response x = run(*b, r);
    REQUIRE(x.ok());
    CHECK(x.logliks[0].logprob == Approx(logits[other] - mx - std::log(z)).margin(2e-4));
    CHECK_FALSE(x.logliks[0].is_greedy);
    CHECK(x.logliks[0].n_tokens == 1);
  }
}

TEST_CASE("stop strings end the text before the stop string and max_tokens gives length") {
  if (!have_fixtures()) return;
  Json ref = load_ref();
  auto tok = tokenizer();
  auto b = backend();
  const Json& s0 = ref["sequences"][0];
  std::string prompt = tok->decode(ids(s0["tokens"]));
  std::string full = tok->decode(ids(s0["greedy_16"]));

  Request r = completion(prompt, 16);
  std::string stop = tok->decode(ids(s0["greedy_16"], 2, 3));
  r.params.stop = {stop};
  Response stopped = run(*b, r);
  REQUIRE(stopped.ok());
  CHECK(stopped.text == full.substr(0, full.find(stop)));
  CHECK(stopped.finish_reason == "stop");

  Response three = run(*b, completion(prompt, 3));
  REQUIRE(three.ok());
  CHECK(three.text == tok->decode(ids(s0["greedy_16"], 0, 3)));
  CHECK(three.completion_tokens == 3);
  CHECK(three.finish_reason == "length");
}

TEST_CASE("sampling with a seed is repeatable and chat requests run through the template") {
  if (!have_fixtures()) return;
  auto b = backend();
  Request r = completion("Hello", 12);
  r.params.temperature = 1.0;
  r.params.top_k = 40;
  r.params.top_p = 0.9;
  r.params.seed = 123;
  Response a = run(*b, r);
  Response again = run(*b, r);
  REQUIRE(a.ok());
  CHECK(a.text == again.text);
  CHECK(a.completion_tokens == again.completion_tokens);

  Request chat;
  chat.kind = RequestKind::chat;
  chat.messages = {{"user", "Hi there"}};
  chat.params.max_tokens = 4;
  Response c = run(*b, chat);
  REQUIRE(c.ok());
  CHECK(c.prompt_tokens > 0);
}

TEST_CASE("identity is the sha256 of the model file") {
  if (!have_fixtures()) return;
  auto hash = sha256_file(model_path("tiny-qwen2-f32.gguf"));
  REQUIRE(hash.ok());
  CHECK(backend()->identity() == "gguf-sha256:" + *hash);
  CHECK(hash->size() == 64);
}

TEST_CASE("a prompt longer than n_ctx is a non-retryable engine error") {
  if (!have_fixtures()) return;
  auto b = backend({{"n_ctx", 8}});
  Response r = run(*b, completion(std::string(200, 'x') + " y z w", 4));
  CHECK(r.error_kind == ErrorKind::engine);
  CHECK_FALSE(r.retryable);
  CHECK_THAT(r.error, Catch::Contains("context"));
}

TEST_CASE("missing or corrupt model files and bad options give errors naming the path or option") {
  ModelSpec spec;
  spec.kind = "local";
  spec.target = "/nonexistent/dir/model.gguf";
  auto missing = make_local_backend(spec, {});
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("/nonexistent/dir/model.gguf"));

  auto path = (std::filesystem::temp_directory_path() / "ys_local_backend_corrupt.gguf").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "GGUF\x03\x00\x00\x00 this is not a model";
  }
  spec.target = path;
  auto corrupt = make_local_backend(spec, {});
  std::filesystem::remove(path);
  REQUIRE_FALSE(corrupt.ok());
  CHECK_THAT(corrupt.error().message, Catch::Contains(path));

  spec.target = model_path("tiny-qwen2-f32.gguf");
  spec.options = {{"chat_template", "vicuna"}};
  auto bad = make_local_backend(spec, {});
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("chat_template"));

  spec.options = {{"batch", 0}};
  auto no_batch = make_local_backend(spec, {});
  REQUIRE_FALSE(no_batch.ok());
  CHECK_THAT(no_batch.error().message, Catch::Contains("batch"));

  spec.options = {{"panel_min_tokens", 0}};
  auto no_panels = make_local_backend(spec, {});
  REQUIRE_FALSE(no_panels.ok());
  CHECK_THAT(no_panels.error().message, Catch::Contains("panel_min_tokens must be at least 1"));
  spec.options = {{"panel_min_tokens", "many"}};
  auto not_int = make_local_backend(spec, {});
  REQUIRE_FALSE(not_int.ok());
  CHECK_THAT(not_int.error().message, Catch::Contains("panel_min_tokens"));
  spec.options = {{"panel_min_tokens", 100000}};  // every matmul on the tiles
  CHECK(make_local_backend(spec, {}).ok());

  spec.options = {{"thread", 2}};  // a typo of "threads"
  auto unknown = make_local_backend(spec, {});
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error().message, Catch::Contains("unknown option 'thread'"));
}

TEST_CASE("chat templates render ChatML and Llama 3 turns and are detected from the GGUF text") {
  std::vector<Message> m = {{"system", "Be brief."}, {"user", "Hi"}};
  CHECK(render_chat(ChatTemplate::chatml, m) ==
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
        "<|im_start|>assistant\n");
  CHECK(render_chat(ChatTemplate::llama3, m) ==
        "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n");
  CHECK(render_chat(ChatTemplate::raw, m) == "Be brief.\n\nHi\n\n");
  CHECK(detect_chat_template("{% for m in messages %}<|im_start|>{{ m.role }}") ==
        ChatTemplate::chatml);
  CHECK(detect_chat_template("<|start_header_id|>{{ role }}<|end_header_id|>") ==
        ChatTemplate::llama3);
  CHECK(detect_chat_template("") == ChatTemplate::raw);
}

// Expected strings follow the published formats: Llama 2 chat ("[INST] <<SYS>>\n{system}\n<</SYS>>
// \n\n{user} [/INST] {answer} </s><s>[INST] ..."), Gemma ("<start_of_turn>user\n...<end_of_turn>
// \n<start_of_turn>model\n", no system role) and Phi-3 ("<|user|>\n...<|end|>\n<|assistant|>\n").
TEST_CASE("chat templates render Llama 2, Gemma and Phi-3 turns; unknown templates are refused") {
  std::vector<Message> m = {
      {"system", "Be brief."}, {"user", "Hi"}, {"assistant", "Hello."}, {"user", "Bye"}};
  CHECK(render_chat(ChatTemplate::llama2, m) ==
        "[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello. </s><s>[INST] Bye [/INST]");
  CHECK(render_chat(ChatTemplate::gemma, m) ==
        "<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\nHello."
        "<end_of_turn>\n<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n");
  CHECK(render_chat(ChatTemplate::phi3, m) ==
        "<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello.<|end|>\n"
        "<|user|>\nBye<|end|>\n<|assistant|>\n");
  CHECK(detect_chat_template("{{ bos_token }}{% if m['role'] == 'user' %}[INST] ") ==
        ChatTemplate::llama2);
  CHECK(detect_chat_template("<start_of_turn>{{ role }}\n") == ChatTemplate::gemma);
  CHECK(detect_chat_template("{{'<|user|>' + '\n' + message['content'] + '<|end|>'}}") ==
        ChatTemplate::phi3);
  CHECK_FALSE(detect_chat_template("USER: {{ content }} ASSISTANT:").has_value());
  CHECK(chat_template_from_name("gemma") == ChatTemplate::gemma);
  CHECK_FALSE(chat_template_from_name("vicuna").has_value());
}

TEST_CASE("generations decoded together in one batch equal the same generations one at a time") {
  if (!have_fixtures()) return;
  std::vector<Request> reqs = {completion("The quick brown fox", 12),
                               completion("Once upon a time", 7), completion("1, 2, 3,", 12),
                               completion("Hello", 3)};
  reqs[2].params.stop = {"5"};
  reqs[3].params.temperature = 0.8;
  reqs[3].params.seed = 11;
  auto single = backend({{"batch", 1}});
  CHECK(single->max_in_flight() == 1);
  std::vector<Response> want;
  for (const auto& r : reqs) want.push_back(run(*single, r));

  auto batched = backend({{"batch", 4}});
  CHECK(batched->max_in_flight() == 4);
  for (size_t i = 0; i < reqs.size(); ++i) batched->submit(100 + i, reqs[i]);
  std::map<uint64_t, Response> got;
  for (int round = 0; round < 100 && got.size() < reqs.size(); ++round)
    for (auto& c : batched->poll(60000)) got[c.ticket] = c.response;
  REQUIRE(got.size() == reqs.size());
  for (size_t i = 0; i < reqs.size(); ++i) {
    INFO("request " << i);
    const Response& g = got.at(100 + i);
    REQUIRE(g.ok());
    CHECK(g.text == want[i].text);
    CHECK(g.completion_tokens == want[i].completion_tokens);
    CHECK(g.finish_reason == want[i].finish_reason);
  }
}
