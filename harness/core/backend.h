// The Backend interface: something that answers Requests (a remote API, the local engine,
// recorded answers). The scheduler owns retries, rate limits, persistence and progress; a backend
// only runs single attempts.
//
// Threading: a Backend is driven from one thread (the scheduler's). submit() never blocks for
// long; poll() waits at most timeout_ms. Implementations may use threads internally.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/types.h"

namespace ys {

struct Completion {
  uint64_t ticket = 0;
  Response response;  // error_kind/retryable/retry_after_ms tell the scheduler what to do next
  // The backend can serve none of this run's requests of this kind (the server lacks a capability
  // they need, e.g. prompt logprobs): the scheduler stops the run with response.error, as it does
  // on an auth error, instead of failing every request the same way.
  bool stops_run = false;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Stable identity that goes into every cache key: endpoint + model id for remote APIs, the GGUF
  // file's hash for local models. Two backends with the same identity must give the same answers
  // to the same request. Never contains credentials.
  virtual std::string identity() const = 0;

  virtual bool supports(RequestKind kind) const = 0;

  // How many requests this backend can usefully have in flight; 0 means "no limit of its own".
  virtual int max_in_flight() const { return 0; }

  // The model's context size in tokens (prompt plus generation), when the backend knows it.
  virtual std::optional<int> context_tokens() const { return std::nullopt; }
  // The number of tokens `text` takes as a prompt, when the backend can count them (exactly, or
  // by a documented estimate); nullopt otherwise. Called while planning, before any submit().
  virtual std::optional<int> count_tokens(const std::string& /*text*/) const {
    return std::nullopt;
  }

  // Starts one attempt. The result arrives through poll() with the same ticket. Tickets are
  // unique among in-flight requests.
  virtual void submit(uint64_t ticket, const Request& request) = 0;

  // Makes progress for at most timeout_ms and returns the attempts that finished.
  virtual std::vector<Completion> poll(int timeout_ms) = 0;

  // Abandons all in-flight attempts (e.g. on Ctrl-C). They are never reported by poll().
  virtual void cancel_all() = 0;
};

// What a backend factory may read from the outside world (a seam: tests pass fakes).
struct BackendContext {
  // Environment lookup for API keys; defaults to std::getenv.
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

}  // namespace ys
