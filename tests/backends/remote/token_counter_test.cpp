// Context size and token counts of remote backends (Backend::context_tokens / count_tokens): only
// with a user-given max_model_len; exact from an openai-compat server's POST /tokenize, else the
// documented estimate (ceil(bytes / 3)). Also: penalties are sent as the API names them, and
// keep_think_blocks leaves <think> blocks in the text.
#include "backends/remote/token_counter.h"

#include <catch2/catch.hpp>

#include "backends/remote/remote.h"
#include "tests/backends/remote/drive.h"
#include "tests/support/fake_render.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;

namespace {

std::unique_ptr<Backend> make(const std::string& kind, const FakeServer& server,
                              Json options = Json::object()) {
  std::string target = "fake-model";
  if (kind == "openai-compat") {
    target = server.base_url() + "#fake-model";
  } else {
    options["base_url"] = server.base_url();
    options["api_key_env"] = "K";
  }
  BackendContext ctx;
  ctx.getenv = [](const std::string&) -> std::optional<std::string> { return "key"; };
  auto b = make_openai_backend(ModelSpec{"m", kind, target, std::move(options), {}}, ctx);
  REQUIRE(b.ok());
  return std::move(*b);
}

}  // namespace

TEST_CASE("without max_model_len a remote backend knows neither context nor counts") {
  FakeServer server;
  auto b = make("openai-compat", server);
  CHECK_FALSE(b->context_tokens().has_value());
  CHECK_FALSE(b->count_tokens("hello world").has_value());
  CHECK(server.request_count() == 0);
}

TEST_CASE("an openai-compat server's /tokenize gives exact counts") {
  FakeServer server;
  auto b = make("openai-compat", server, {{"max_model_len", 4096}});
  CHECK(b->context_tokens() == 4096);
  const std::string text = "Question: what is 2 + 2?\nOptions: A. 3";
  CHECK(b->count_tokens(text) == static_cast<int>(ys::test::fake_tokens(text).size()));
  const auto req = server.requests().back();
  CHECK(req.path == "/tokenize");
  CHECK(req.body["content"] == text);
  CHECK(req.body["prompt"] == text);
  CHECK(req.body["model"] == "fake-model");
}

TEST_CASE("without a tokenizer endpoint the counter estimates, and stops asking") {
  FakeServer server([](const FakeRequest& r) {
    if (r.path == "/tokenize") return ys::test::status_reply(404);
    return ys::test::default_reply(r);
  });
  auto b = make("openai-compat", server, {{"max_model_len", 2048}});
  CHECK(b->count_tokens("") == 0);
  CHECK(b->count_tokens("abcdefg") == 3);  // ceil(7 / 3)
  CHECK(server.request_count() == 1);      // the first failure settles it
  CHECK(remote::estimate_tokens("abcdef") == 2);
}

TEST_CASE("the OpenAI API (no /tokenize) is estimated without a request") {
  FakeServer server;
  auto b = make("openai", server, {{"max_model_len", 128000}});
  CHECK(b->context_tokens() == 128000);
  CHECK(b->count_tokens("abcd") == 2);
  CHECK(server.request_count() == 0);
}

TEST_CASE("a bad max_model_len is refused by name") {
  ModelSpec spec{"m", "openai-compat", "http://127.0.0.1:1/v1#m", {{"max_model_len", 0}}, {}};
  auto b = make_openai_backend(spec, {});
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message == "option 'max_model_len' must be a positive integer (tokens)");
}

TEST_CASE("server_root drops the /v1 suffix only") {
  CHECK(remote::server_root("http://h:8080/v1") == "http://h:8080");
  CHECK(remote::server_root("http://h:8080/api") == "http://h:8080/api");
}

TEST_CASE("penalties are sent, and keep_think_blocks leaves think blocks in the text") {
  FakeServer server([](const FakeRequest&) {
    FakeReply r;
    r.text = "<think>the answer is (A)</think>The answer is (B)";
    return r;
  });
  auto b = make("openai-compat", server);
  Request req = test::chat_request("q");
  req.params.frequency_penalty = 0.0;
  req.params.presence_penalty = 0.0;
  const Response moved = test::drive_one(*b, req);
  CHECK(moved.text == "The answer is (B)");
  CHECK(moved.reasoning == "the answer is (A)");
  const Json body = server.requests().back().body;
  CHECK(body["frequency_penalty"] == 0.0);
  CHECK(body["presence_penalty"] == 0.0);
  CHECK_FALSE(body.contains("keep_think_blocks"));
  req.params.keep_think_blocks = true;
  const Response kept = test::drive_one(*b, req);
  CHECK(kept.text == "<think>the answer is (A)</think>The answer is (B)");
  CHECK(kept.reasoning.empty());
  CHECK_FALSE(server.requests().back().body.contains("keep_think_blocks"));
}
