// The Anthropic Messages backend against the fake server: request shape, plain and streamed
// replies, errors in Anthropic's format.
#include <catch2/catch.hpp>

#include "backends/remote/remote.h"
#include "tests/backends/remote/drive.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;

namespace {

const std::string kSecret = "sk-ant-TEST-SECRET-77";

std::unique_ptr<Backend> anthropic(const FakeServer& server, Json options = Json::object()) {
  options["base_url"] = server.base_url();
  ModelSpec spec{"claude", "anthropic", "claude-fake", std::move(options), {}};
  BackendContext ctx;
  ctx.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "ANTHROPIC_API_KEY") return kSecret;
    return std::nullopt;
  };
  auto b = make_anthropic_backend(spec, ctx);
  REQUIRE(b.ok());
  return std::move(*b);
}

FakeReply thoughtful_reply() {
  FakeReply r;
  r.text = "Paris is the capital.";
  r.reasoning = "recall geography";
  r.prompt_tokens = 11;
  r.completion_tokens = 5;
  return r;
}

}  // namespace

TEST_CASE("an Anthropic request has a top-level system prompt and the API headers", "[anthropic]") {
  FakeServer server;
  auto backend = anthropic(server, {{"headers", {{"X-Team", "evals"}}}});
  Request request = test::chat_request("Capital of France?", "Answer briefly.");
  request.params.stop = {"###"};
  request.params.temperature = 0.0;
  Response r = test::drive_one(*backend, request);
  REQUIRE(r.ok());
  CHECK(r.text == "echo: Capital of France?");
  auto req = server.requests().at(0);
  CHECK(req.path == "/v1/messages");
  CHECK(req.body["system"] == "Answer briefly.");
  CHECK(req.body["messages"].size() == 1);
  CHECK(req.body["messages"][0]["role"] == "user");
  CHECK(req.body["max_tokens"] == 4096);
  CHECK(req.body["stop_sequences"] == Json::array({"###"}));
  CHECK(req.body["temperature"] == 0.0);
  CHECK(req.headers.at("x-api-key") == kSecret);
  CHECK(req.headers.at("anthropic-version") == "2023-06-01");
  CHECK(req.headers.at("x-team") == "evals");
  CHECK(backend->identity() == "anthropic|" + server.base_url() + "|claude-fake");
}

TEST_CASE("a plain Anthropic reply gives text, thinking and usage", "[anthropic]") {
  FakeServer server([](const FakeRequest&) { return thoughtful_reply(); });
  auto backend = anthropic(server);
  Response r = test::drive_one(*backend, test::chat_request("q"));
  REQUIRE(r.ok());
  CHECK(r.text == "Paris is the capital.");
  CHECK(r.reasoning == "recall geography");
  CHECK(r.finish_reason == "end_turn");
  CHECK(r.prompt_tokens == 11);
  CHECK(r.completion_tokens == 5);
}

TEST_CASE("a streamed Anthropic reply is assembled with a time to first token", "[anthropic]") {
  FakeServer server([](const FakeRequest&) { return thoughtful_reply(); });
  auto backend = anthropic(server, {{"stream", true}});
  Response r = test::drive_one(*backend, test::chat_request("q"));
  REQUIRE(r.ok());
  CHECK(r.text == "Paris is the capital.");
  CHECK(r.reasoning == "recall geography");
  CHECK(r.finish_reason == "end_turn");
  CHECK(r.prompt_tokens == 11);
  CHECK(r.completion_tokens == 5);
  CHECK(r.ttft_ms.has_value());
  CHECK(server.requests().at(0).body["stream"] == true);
}

TEST_CASE("a cut Anthropic stream is a bad response", "[anthropic]") {
  FakeServer server([](const FakeRequest&) {
    FakeReply r = thoughtful_reply();
    r.kind = FakeReply::Kind::sse_cut;
    return r;
  });
  auto backend = anthropic(server, {{"stream", true}});
  Response r = test::drive_one(*backend, test::chat_request("q"));
  CHECK(r.error_kind == ErrorKind::bad_response);
}

TEST_CASE("Anthropic errors name ANTHROPIC_API_KEY and keep the key out", "[anthropic]") {
  FakeServer server([](const FakeRequest& req) {
    return test::status_reply(401, "bad x-api-key " + req.headers.at("x-api-key"));
  });
  auto backend = anthropic(server);
  Response r = test::drive_one(*backend, test::chat_request("q"));
  CHECK(r.error_kind == ErrorKind::auth);
  CHECK_THAT(r.error, Catch::Contains("check ANTHROPIC_API_KEY"));
  CHECK(r.error.find(kSecret) == std::string::npos);
}

TEST_CASE("the Anthropic backend refuses log-likelihood requests up front", "[anthropic]") {
  FakeServer server;
  auto backend = anthropic(server);
  CHECK_FALSE(backend->supports(RequestKind::loglik));
  Request request;
  request.kind = RequestKind::loglik;
  request.prompt = "x";
  request.continuations = {"y"};
  Response r = test::drive_one(*backend, request);
  CHECK(r.error_kind == ErrorKind::client);
  CHECK(server.request_count() == 0);
}

TEST_CASE("reasoning_effort becomes an extended-thinking budget below max_tokens", "[anthropic]") {
  FakeServer server;
  auto backend = anthropic(server);
  Request request = test::chat_request("q");
  request.params.reasoning_effort = "medium";
  request.params.max_tokens = 1000;
  REQUIRE(test::drive_one(*backend, request).ok());
  Json body = server.requests().at(0).body;
  CHECK(body["thinking"]["budget_tokens"] == 4096);
  CHECK(body["max_tokens"].get<int>() > 4096);
}
