// ApiDialect: what differs between HTTP APIs (OpenAI-compatible, Anthropic): how a Request becomes
// HTTP calls, how replies are read. RemoteBackend does the rest (transport, errors, timing).
// Dialects are stateless and never see the API key except to build the auth headers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backends/remote/openai_logprobs.h"
#include "backends/remote/sse.h"
#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::remote {

struct PlannedCall {
  std::string path;  // appended to the base URL, e.g. "/chat/completions"
  Json body;
  bool stream = false;
};

// Accumulates one streamed reply into a Response.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Applies one event; returns "" or what was wrong with it (the stream is then abandoned).
  virtual std::string on_event(const SseEvent& event, Response& out) = 0;
  // True once the API's end-of-stream marker arrived ([DONE], message_stop).
  virtual bool complete() const = 0;
};

class ApiDialect {
 public:
  virtual ~ApiDialect() = default;
  virtual bool supports(RequestKind kind) const = 0;
  virtual std::vector<std::string> auth_headers(const std::string& api_key) const = 0;
  // One call per HTTP request needed (loglik: one per continuation). Error: the request cannot
  // be expressed in this API (reported as a non-retryable client error).
  virtual Expected<std::vector<PlannedCall>> plan(const Request& request, bool stream) const = 0;
  virtual std::unique_ptr<StreamDecoder> stream_decoder(const Request& request) const = 0;
  // Reads the JSON body of call `part` into out (text, tokens, logliks[part], or every logliks
  // entry when the request was planned as one call); the error names the missing or mistyped
  // field. A reply showing that the server lacks a capability the request needs (no logprobs, no
  // echo) is no parse error: parse records it in out as a non-retryable client error and returns
  // ok (the only case where parse sets out's error fields); the backend then stops the run.
  virtual Status parse(const Request& request, size_t part, const Json& body,
                       Response& out) const = 0;
};

std::unique_ptr<ApiDialect> make_openai_dialect(const std::string& model, bool compat,
                                                LoglikMode loglik = LoglikMode::echo);
std::unique_ptr<ApiDialect> make_anthropic_dialect(const std::string& model,
                                                   const std::string& anthropic_version);

}  // namespace ys::remote
