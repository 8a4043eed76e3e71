// Log-likelihood replies in the shapes real servers send (legacy OpenAI/vLLM and the newer
// logprobs.content[] of llama-server), both loglik modes, the capability errors that stop a run,
// and replies nested too deep to parse. A small cpp-httplib server answers with canned bodies
// written from the servers' documented formats (and one captured from llama-server, see
// docs/backends-remote.md).
#include <httplib.h>

#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

#include "backends/remote/remote.h"
#include "tests/backends/remote/drive.h"

using namespace ys;

namespace {

// Serves POST /v1/completions and /v1/chat/completions with a fixed body; records request bodies.
class CannedServer {
 public:
  explicit CannedServer(std::string body, std::string type = "application/json")
      : body_(std::move(body)), type_(std::move(type)) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(Json::parse(req.body, nullptr, false));
      }
      res.set_content(body_, type_.c_str());
    };
    server_.Post("/v1/completions", handler);
    server_.Post("/v1/chat/completions", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    // bind_to_any_port also listens: connections queue until the accept loop starts.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~CannedServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<Json> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  httplib::Server server_;
  std::string body_, type_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Json> requests_;
};

std::unique_ptr<Backend> compat(const CannedServer& server, Json options = Json::object()) {
  ModelSpec spec{"m", "openai-compat", server.url() + "#tiny", std::move(options), {}};
  auto b = make_openai_backend(spec, {});
  REQUIRE(b.ok());
  return std::move(*b);
}

Request letters_request(std::vector<std::string> continuations = {" A", " B", " C"}) {
  Request r;
  r.kind = RequestKind::loglik;
  r.prompt = "Question: 1+1?\nAnswer:";
  r.continuations = std::move(continuations);
  return r;
}

Json content_entry(const std::string& token, double logprob, Json tops = Json::array()) {
  Json bytes = Json::array();
  for (unsigned char c : token) bytes.push_back(c);
  return {
      {"id", 1}, {"token", token}, {"bytes", bytes}, {"logprob", logprob}, {"top_logprobs", tops}};
}

Json completion_with(Json logprobs) {
  return {{"choices",
           {{{"text", "x"}, {"index", 0}, {"logprobs", logprobs}, {"finish_reason", "length"}}}},
          {"usage", {{"prompt_tokens", 9}, {"completion_tokens", 1}}}};
}

// llama-server's reply to max_tokens 1, logprobs 20 (shape as captured from the real server):
// the first generated token " A" with its alternatives; " B" is not among them.
std::string llama_server_first_token_reply() {
  Json tops = {content_entry(" A", -0.5), content_entry(" C", -2.0), content_entry("\n", -3.0)};
  return completion_with({{"content", {content_entry(" A", -0.5, tops)}}}).dump();
}

}  // namespace

TEST_CASE("top-logprobs mode reads llama-server's content[] shape in one call per question") {
  CannedServer server(llama_server_first_token_reply());
  auto backend = compat(server, {{"loglik", "top-logprobs"}});
  CHECK(backend->identity() == "openai-compat|" + server.url() + "|tiny|loglik=top-logprobs");
  auto c = test::drive_completion(*backend, letters_request());
  REQUIRE(c.has_value());
  CHECK_FALSE(c->stops_run);
  const Response& r = c->response;
  REQUIRE(r.ok());
  REQUIRE(r.logliks.size() == 3);
  CHECK(r.logliks[0] == LoglikResult{-0.5, true, 1});
  CHECK(r.logliks[1] == LoglikResult{-3.0, false, 0});  // absent: the lowest listed, unmeasured
  CHECK(r.logliks[2] == LoglikResult{-2.0, false, 1});
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0]["prompt"] == "Question: 1+1?\nAnswer:");
  CHECK(requests[0]["max_tokens"] == 1);
  CHECK(requests[0]["logprobs"] == 20);
  CHECK_FALSE(requests[0].contains("echo"));
}

TEST_CASE("top-logprobs mode reads the legacy top_logprobs object too") {
  Json legacy = {{"tokens", {" B"}},
                 {"token_logprobs", {-0.25}},
                 {"top_logprobs", {{{" B", -0.25}, {" A", -1.5}}}},
                 {"text_offset", {22}}};
  CannedServer server(completion_with(legacy).dump());
  auto backend = compat(server, {{"loglik", "top-logprobs"}});
  Response r = test::drive_one(*backend, letters_request({" A", " B"}));
  REQUIRE(r.ok());
  CHECK(r.logliks == std::vector<LoglikResult>{{-1.5, false, 1}, {-0.25, true, 1}});
}

TEST_CASE("echo mode against a server that does not echo stops the run with one clear message") {
  CannedServer server(llama_server_first_token_reply());
  auto backend = compat(server);
  auto c = test::drive_completion(*backend, letters_request());
  REQUIRE(c.has_value());
  CHECK(c->stops_run);
  const Response& r = c->response;
  CHECK(r.error_kind == ErrorKind::client);
  CHECK_FALSE(r.retryable);
  CHECK_THAT(r.error, Catch::Contains("does not echo the prompt"));
  CHECK_THAT(r.error, Catch::Contains("loglik: top-logprobs"));
  CHECK_THAT(r.error, Catch::Contains(server.url() + "/completions"));
}

TEST_CASE("a reply without any logprobs is a missing capability in either mode") {
  CannedServer server(completion_with(nullptr).dump());
  for (const char* mode : {"echo", "top-logprobs"}) {
    auto backend = compat(server, {{"loglik", mode}});
    auto c = test::drive_completion(*backend, letters_request());
    INFO(mode);
    REQUIRE(c.has_value());
    CHECK(c->stops_run);
    CHECK(c->response.error_kind == ErrorKind::client);
    CHECK_THAT(c->response.error, Catch::Contains("logprobs missing"));
  }
}

TEST_CASE("echo mode sums the continuation's tokens in the content[] shape when echoed") {
  // The prompt "Q: x\nA:" + " B" echoed as tokens, then nothing generated (max_tokens 0).
  Json content = {
      content_entry("Q", -9.0),
      content_entry(":", -1.0),
      content_entry(" x", -2.0),
      content_entry("\nA", -1.0),
      content_entry(":", -0.5),
      content_entry(" B", -0.75, {content_entry(" B", -0.75), content_entry(" A", -1)})};
  CannedServer server(completion_with({{"content", content}}).dump());
  auto backend = compat(server);
  Request r = letters_request({" B"});
  r.prompt = "Q: x\nA:";
  Response out = test::drive_one(*backend, r);
  REQUIRE(out.ok());
  CHECK(out.logliks == std::vector<LoglikResult>{{-0.75, true, 1}});
}

TEST_CASE("the legacy echo shape still gives the sum after the context, per continuation") {
  // "Answer:" is 7 code points; " A" starts at 7.
  Json legacy = {{"tokens", {"Answer", ":", " A"}},
                 {"token_logprobs", {nullptr, -1.0, -0.5}},
                 {"top_logprobs", {nullptr, {{":", -1.0}}, {{" A", -0.5}, {" B", -2.0}}}},
                 {"text_offset", {0, 6, 7}}};
  CannedServer server(completion_with(legacy).dump());
  auto backend = compat(server);
  Request r = letters_request({" A"});
  r.prompt = "Answer:";
  Response out = test::drive_one(*backend, r);
  REQUIRE(out.ok());
  CHECK(out.logliks == std::vector<LoglikResult>{{-0.5, true, 1}});
}

TEST_CASE("the loglik option is checked and only offered for openai-compat") {
  ModelSpec bad{"m", "openai-compat", "http://127.0.0.1:1/v1#m", {{"loglik", "guess"}}, {}};
  auto b = make_openai_backend(bad, {});
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message == "option 'loglik' must be echo or top-logprobs");
  ModelSpec openai{"m", "openai", "gpt", {{"loglik", "echo"}, {"api_key_env", "K"}}, {}};
  BackendContext ctx;
  ctx.getenv = [](const std::string&) -> std::optional<std::string> { return "k"; };
  auto o = make_openai_backend(openai, ctx);
  REQUIRE_FALSE(o.ok());
  CHECK_THAT(o.error().message, Catch::Contains("unknown option 'loglik'"));
  ModelSpec echo{"m", "openai-compat", "http://127.0.0.1:1/v1#m", {{"loglik", "echo"}}, {}};
  auto e = make_openai_backend(echo, {});
  REQUIRE(e.ok());
  CHECK((*e)->identity() == "openai-compat|http://127.0.0.1:1/v1|m");  // the default adds nothing
}

TEST_CASE("a reply nested 100,000 levels deep is a bad response, not a crash") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CannedServer server(deep);
  auto backend = compat(server);
  auto c = test::drive_completion(*backend, test::chat_request("q"));
  REQUIRE(c.has_value());
  CHECK_FALSE(c->stops_run);  // a malformed reply is retried, not a missing capability
  CHECK(c->response.error_kind == ErrorKind::bad_response);
  CHECK_THAT(c->response.error, Catch::Contains("nested deeper than 256 levels"));
}

TEST_CASE("a stream event nested 100,000 levels deep is a bad response, not a crash") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CannedServer server("data: " + deep + "\n\ndata: [DONE]\n\n", "text/event-stream");
  auto backend = compat(server, {{"stream", true}});
  Response r = test::drive_one(*backend, test::chat_request("q"));
  CHECK(r.error_kind == ErrorKind::bad_response);
  CHECK_THAT(r.error, Catch::Contains("not JSON"));
}
