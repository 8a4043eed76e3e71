// The scheduler: sends jobs to a backend with bounded concurrency and optional rate limits,
// retries what may be retried (exponential backoff with jitter, honouring Retry-After), and hands
// every final result to a sink as it arrives. Single-threaded: it drives Backend::poll itself.
//
// Stops early (aborted = true) on an auth error or a Completion that stops_run, on a sink failure,
// or when *cancel becomes true; in-flight attempts are then abandoned and never reach the sink.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/backend.h"
#include "harness/core/clock.h"
#include "harness/core/expected.h"

namespace ys {

// One request to send. Both fields point into the caller's plan, which outlives run_jobs (a run
// of 12,000 items would otherwise copy every request once more, and free it again at the end).
struct Job {
  std::string_view key;      // request_key; also what the sink stores the result under
  const Request* request{};  // never null
};

struct SchedulerOptions {
  int concurrency = 8;             // requests in flight at most
  double requests_per_minute = 0;  // 0 = unlimited
  double tokens_per_minute = 0;    // 0 = unlimited; counts prompt + completion tokens used
  int max_attempts = 5;            // including the first
  double backoff_base_ms = 500;    // first retry waits about this long, doubling each time
  double backoff_max_ms = 60000;
  // A Retry-After longer than this is not waited for: the request fails at once as
  // ErrorKind::retry_wait_too_long (a quota that resets tomorrow would park the run for a day).
  double max_retry_wait_ms = 300000;
  uint64_t jitter_seed = 0x9e3779b97f4a7c15ULL;
  int poll_interval_ms = 20;
};

// Receives final results (success, or failure after the last attempt). Called on the scheduler's
// thread. A failing sink stops the run.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual Status on_result(const Job& job, const Response& response) = 0;
  // Called every few hundred milliseconds and at the end: persist what is buffered.
  virtual Status flush() = 0;
};

struct ProgressState {
  int64_t total = 0, done = 0, errors = 0, in_flight = 0, retries = 0;
  int64_t cached = 0;  // of total/done: answered before this run started (not sent, not timed)
  int64_t tokens = 0;  // prompt + completion tokens of finished requests
  double elapsed_ms = 0;
  int64_t waiting = 0;      // requests waiting to be retried (backoff or Retry-After)
  double wait_left_ms = 0;  // until the next of them is due (0 when none waits)
};

class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void update(const ProgressState& state, bool final) = 0;
};

struct SchedulerResult {
  ProgressState progress;
  bool aborted = false;
  std::string abort_reason;
};

SchedulerResult run_jobs(Backend& backend, const std::vector<Job>& jobs,
                         const SchedulerOptions& options, ResultSink& sink,
                         ProgressListener* progress, const Clock& clock,
                         const std::atomic<bool>* cancel);

// Delay before attempt number `attempt` (2 = first retry): exponential with full jitter in
// [0.5, 1.0] of the nominal value, at least `retry_after_ms` when the server asked for it.
double retry_delay_ms(const SchedulerOptions& options, int attempt, double jitter01,
                      std::optional<double> retry_after_ms);

}  // namespace ys
