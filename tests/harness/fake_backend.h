// An in-memory Backend for harness tests: answers after a scripted number of poll() calls,
// advances a FakeClock instead of sleeping, counts requests, and records the peak in-flight count.
#pragma once

#include <deque>
#include <functional>
#include <map>

#include "harness/core/backend.h"
#include "harness/core/clock.h"

namespace ys::test {

class FakeClock final : public Clock {
 public:
  double now_ms() const override { return now_; }
  void sleep_ms(double ms) const override { now_ += ms; }
  void advance(double ms) { now_ += ms; }

 private:
  mutable double now_ = 1000.0;
};

class FakeBackend final : public Backend {
 public:
  // script(request, attempt_number_for_this_prompt) -> response
  using Script = std::function<Response(const Request&, int)>;

  FakeBackend(FakeClock& clock, Script script, std::string identity = "fake|test")
      : clock_(clock), script_(std::move(script)), identity_(std::move(identity)) {}

  std::string identity() const override { return identity_; }
  bool supports(RequestKind kind) const override { return kind == RequestKind::chat; }

  void submit(uint64_t ticket, const Request& request) override {
    ++submitted;
    const std::string& prompt = request.messages.back().content;
    int attempt = ++attempts_by_prompt[prompt];
    pending_.push_back({ticket, script_(request, attempt)});
    pending_.back().stops_run = stops_run_on_error && !pending_.back().response.ok();
    peak_in_flight = std::max(peak_in_flight, static_cast<int>(pending_.size()));
  }

  // Completes up to `per_poll` requests each call; advances the clock by the timeout when idle.
  std::vector<Completion> poll(int timeout_ms) override {
    std::vector<Completion> out;
    while (!pending_.empty() && static_cast<int>(out.size()) < per_poll) {
      out.push_back(std::move(pending_.front()));
      pending_.pop_front();
    }
    clock_.advance(out.empty() ? timeout_ms : 1.0);
    return out;
  }

  void cancel_all() override { pending_.clear(); }

  int per_poll = 1000;
  bool stops_run_on_error = false;  // failed completions say stops_run (a missing capability)
  int submitted = 0;
  int peak_in_flight = 0;
  std::map<std::string, int> attempts_by_prompt;

 private:
  FakeClock& clock_;
  Script script_;
  std::string identity_;
  std::deque<Completion> pending_;
};

// A response with the given text and a token count.
inline Response answer(std::string text) {
  Response r;
  r.text = std::move(text);
  r.finish_reason = "stop";
  r.prompt_tokens = 10;
  r.completion_tokens = 5;
  return r;
}

inline Response failure(ErrorKind kind, bool retryable, std::optional<double> retry_after_ms = {}) {
  Response r;
  r.error_kind = kind;
  r.error = "scripted " + to_string(kind);
  r.retryable = retryable;
  r.retry_after_ms = retry_after_ms;
  return r;
}

}  // namespace ys::test
