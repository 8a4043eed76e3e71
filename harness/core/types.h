// Value types that flow through the harness: requests a suite plans, responses a backend returns,
// and scores a scorer assigns. Plain data, no behaviour beyond (de)serialisation; safe to copy.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ys {

using Json = nlohmann::json;

struct Message {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
  bool operator==(const Message&) const = default;
};

// Sampling parameters. Unset optionals mean "the backend's default" and are left out of requests.
struct GenParams {
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int> top_k;
  std::optional<int> max_tokens;
  std::vector<std::string> stop;
  std::optional<int64_t> seed;
  std::string reasoning_effort;  // "" = not sent; "low" | "medium" | "high"
  // OpenAI-style penalties (openai/openai-compat only; other backends ignore them).
  std::optional<double> frequency_penalty;
  std::optional<double> presence_penalty;
  // Leave <think> blocks in Response::text instead of moving them to Response::reasoning (remote
  // backends move them by default). Not sent to the model; part of the cache key.
  bool keep_think_blocks = false;
  bool operator==(const GenParams&) const = default;
};

enum class RequestKind {
  chat,        // messages -> assistant text
  completion,  // raw prompt -> continuation text (no chat template)
  loglik,      // prompt as context + continuations -> log-probability of each continuation
};

struct Request {
  RequestKind kind = RequestKind::chat;
  std::vector<Message> messages;           // chat
  std::string prompt;                      // completion, loglik (the shared context)
  std::vector<std::string> continuations;  // loglik
  GenParams params;
  bool operator==(const Request&) const = default;
};

// Why a request failed. Failures are data: they are stored per sample and shown in reports.
enum class ErrorKind {
  none,
  network,       // connection refused/reset, DNS, TLS
  timeout,       // per-request timeout elapsed
  rate_limited,  // HTTP 429
  server,        // HTTP 5xx, 408, 409
  bad_response,  // unparsable body, wrong content type, stream cut off
  client,        // HTTP 400/404 and other non-retryable refusals
  auth,          // HTTP 401/403: stops the run
  cancelled,     // the run was interrupted before an answer arrived
  engine,        // local engine failure (e.g. prompt longer than the context)
  too_large,     // the reply passed the per-response byte limit (max_response_bytes); not retried
  retry_wait_too_long,  // Retry-After asked for a longer wait than --max-retry-wait allows
};

struct LoglikResult {
  double logprob = 0.0;    // sum of natural-log probabilities of the continuation's tokens
  bool is_greedy = false;  // every continuation token was the argmax
  int n_tokens = 0;
  bool operator==(const LoglikResult&) const = default;
};

struct Response {
  std::string text;
  std::string reasoning;  // reasoning_content or <think> blocks, kept apart from text
  std::string finish_reason;
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t reasoning_tokens = 0;
  double latency_ms = 0.0;
  std::optional<double> ttft_ms;  // time to first token, streaming only
  int attempts = 0;
  std::vector<LoglikResult> logliks;  // loglik requests, one per continuation
  ErrorKind error_kind = ErrorKind::none;
  std::string error;  // human-readable; never contains credentials
  // Hints for the scheduler; not persisted.
  bool retryable = false;
  std::optional<double> retry_after_ms;

  bool ok() const { return error_kind == ErrorKind::none; }
};

// A scorer's verdict on one response.
enum class ScoreStatus {
  ok,        // value is meaningful
  unparsed,  // no answer could be extracted; value is what the scoring rule gives (usually 0)
  error,     // the request itself failed; value is 0 and does not reflect the model's skill
};

struct Score {
  double value = 0.0;  // in [0, 1] for accuracy-type scores
  ScoreStatus status = ScoreStatus::ok;
  std::string extracted;         // the answer as extracted from the response
  std::string method;            // how it was extracted (e.g. "regex-1", "last-letter")
  Json detail = Json::object();  // scorer-specific extras (second score variants, etc.)
};

// One unit of a suite: the request to send and what the scorer needs to judge the answer.
struct Item {
  std::string id;        // unique within the suite
  std::string category;  // "" when the suite has none
  Request request;
  Json reference;  // expected answer, scorer-specific shape
  Json meta = Json::object();
};

std::string to_string(RequestKind kind);
std::optional<RequestKind> request_kind_from_string(const std::string& s);
std::string to_string(ErrorKind kind);
std::optional<ErrorKind> error_kind_from_string(const std::string& s);
std::string to_string(ScoreStatus status);
std::optional<ScoreStatus> score_status_from_string(const std::string& s);

// Canonical JSON forms. canonical_json(request), equal to to_json(request).dump(), is what the
// cache key hashes, so both must stay stable: changing them invalidates every stored answer (bump
// the store schema version if you do).
Json to_json(const GenParams& p);
GenParams gen_params_from_json(const Json& j);  // throws std::runtime_error on a bad field
Json to_json(const Request& r);
// Exactly to_json(r).dump(), written without building the JSON tree (several times faster; a run
// hashes every request before its first one goes out). Throws as dump() does on invalid UTF-8.
std::string canonical_json(const Request& r);
Request request_from_json(const Json& j);  // throws std::runtime_error on a bad field
Json to_json(const Response& r);
// A Response's logliks as a JSON array of {logprob, is_greedy, n_tokens}, and back; anything but an
// array reads as none, and a missing field as its default.
Json logliks_to_json(const std::vector<LoglikResult>& logliks);
std::vector<LoglikResult> logliks_from_json(const Json& j);

// Fills the unset fields of `params` from `defaults` (explicit values win).
GenParams merge_params(const GenParams& params, const GenParams& defaults);

}  // namespace ys
