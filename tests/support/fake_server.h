// FakeServer: a scripted OpenAI/Anthropic-compatible HTTP server for tests and benchmarks.
//
// It binds 127.0.0.1 on an ephemeral port and serves from one background thread (an epoll loop over
// non-blocking connections, HTTP/1.1 keep-alive) until it is destroyed; the destructor stops at
// once even while replies are waiting or hanging. Routes: POST /v1/chat/completions (JSON or SSE
// when "stream": true), POST /v1/completions (with echo + logprobs), POST /v1/messages (Anthropic,
// JSON or SSE). Every request is counted and recorded, whatever the script answers. The format of
// every reply is written down in docs/fake-server.md.
//
// Thread-safety: the script is called from the server's thread, one request at a time; port(),
// base_url(), request_count() and requests() may be called from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ys::test {

struct FakeRequest {
  std::string path;                            // e.g. "/v1/chat/completions"
  nlohmann::json body;                         // null when the body was not JSON
  std::map<std::string, std::string> headers;  // names lower-cased
  int index = 0;                               // 0-based arrival order over the server's life
};

struct FakeReply {
  enum class Kind {
    answer,
    status,
    hang,
    sse_cut,
    malformed_json,
    wrong_content_type,
    oversized,  // a valid chat answer whose text is size_bytes of 'x', written as the client reads
    truncated,  // Content-Length of the whole answer, half of it sent, then the connection closed
  };
  Kind kind = Kind::answer;
  std::string text;       // answer text (Kind::answer; also the partial text for sse_cut);
                          // Kind::status: the error message ("" = a generic one)
  std::string reasoning;  // sent as reasoning_content (Anthropic: a thinking block) when not empty
  int status = 200;       // Kind::status: 429, 500, 401, 400 ...
  std::optional<int> retry_after_s;  // sets a Retry-After header
  int delay_ms = 0;                  // sleep before replying
  int prompt_tokens = 7, completion_tokens = 3;
  size_t size_bytes = 0;  // Kind::oversized: the answer text's length
};

using FakeScript = std::function<FakeReply(const FakeRequest&)>;

class FakeServer {
 public:
  // Empty script = default_reply; port 0 = ephemeral. Throws std::runtime_error when it cannot
  // bind (the only exception it lets out: this is test support).
  explicit FakeServer(FakeScript script = {}, int port = 0);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  int port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT/v1"
  int request_count() const;
  std::vector<FakeRequest> requests() const;  // in arrival order
  // Whether requests() keeps every request (default true). Long-running servers and benchmarks
  // turn it off so memory stays flat; request_count() keeps counting either way.
  void set_keep_requests(bool keep);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Deterministic default: "echo: <last user message>" for chat and messages, "echo: <prompt>" for
// completions (with max_tokens 0 the completion is empty).
FakeReply default_reply(const FakeRequest& request);

// A Kind::status reply with this HTTP status and error message.
FakeReply status_reply(int status, std::string message = "");

// The prompt text a request is about: the last user message (chat/messages) or the prompt
// (completions); "" when there is none. Used by default_reply and the oracle.
std::string fake_prompt_of(const nlohmann::json& body);

}  // namespace ys::test
