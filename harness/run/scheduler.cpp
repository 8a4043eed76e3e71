#include "harness/run/scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <queue>
#include <random>
#include <unordered_map>

namespace ys {

double retry_delay_ms(const SchedulerOptions& options, int attempt, double jitter01,
                      std::optional<double> retry_after_ms) {
  double nominal = options.backoff_base_ms * std::pow(2.0, std::max(0, attempt - 2));
  nominal = std::min(nominal, options.backoff_max_ms);
  double delay = nominal * (0.5 + 0.5 * jitter01);
  if (retry_after_ms) delay = std::max(delay, *retry_after_ms);
  return delay;
}

namespace {

// Sliding one-minute windows for the optional request and token limits.
class RateLimiter {
 public:
  explicit RateLimiter(const SchedulerOptions& o)
      : rpm_(o.requests_per_minute), tpm_(o.tokens_per_minute) {}

  bool may_send(double now_ms) {
    expire(now_ms);
    if (rpm_ > 0 && static_cast<double>(sends_.size()) >= rpm_) return false;
    if (tpm_ > 0 && tokens_in_window_ >= tpm_) return false;
    return true;
  }
  void on_send(double now_ms) {
    if (rpm_ > 0) sends_.push_back(now_ms);
  }
  void on_tokens(double now_ms, int64_t n) {
    if (tpm_ <= 0 || n <= 0) return;
    tokens_.push_back({now_ms, n});
    tokens_in_window_ += static_cast<double>(n);
  }

 private:
  void expire(double now_ms) {
    while (!sends_.empty() && now_ms - sends_.front() >= 60000.0) sends_.pop_front();
    while (!tokens_.empty() && now_ms - tokens_.front().first >= 60000.0) {
      tokens_in_window_ -= static_cast<double>(tokens_.front().second);
      tokens_.pop_front();
    }
  }
  double rpm_, tpm_;
  std::deque<double> sends_;
  std::deque<std::pair<double, int64_t>> tokens_;
  double tokens_in_window_ = 0;
};

struct Attempt {
  size_t job = 0;
  int attempt = 1;
  double started_ms = 0;
};

struct Retry {
  double at_ms;
  size_t job;
  int attempt;
  bool operator>(const Retry& o) const { return at_ms > o.at_ms; }
};

class Loop {
 public:
  Loop(Backend& backend, const std::vector<Job>& jobs, const SchedulerOptions& options,
       ResultSink& sink, ProgressListener* progress, const Clock& clock,
       const std::atomic<bool>* cancel)
      : backend_(backend),
        jobs_(jobs),
        opt_(options),
        sink_(sink),
        progress_(progress),
        clock_(clock),
        cancel_(cancel),
        limiter_(options),
        rng_(options.jitter_seed) {
    concurrency_ = std::max(1, options.concurrency);
    if (backend.max_in_flight() > 0) concurrency_ = std::min(concurrency_, backend.max_in_flight());
    result_.progress.total = static_cast<int64_t>(jobs.size());
  }

  SchedulerResult run() {
    start_ms_ = clock_.now_ms();
    last_flush_ms_ = last_progress_ms_ = start_ms_;
    while (!finished()) {
      if (cancel_ && cancel_->load()) {
        abort("interrupted");
        break;
      }
      fill();
      auto completions = backend_.poll(opt_.poll_interval_ms);
      for (auto& c : completions) {
        if (!handle(std::move(c))) break;
      }
      if (result_.aborted) break;
      if (completions.empty() && in_flight_.empty()) idle_wait();
      tick();
    }
    if (result_.aborted) backend_.cancel_all();
    if (auto st = sink_.flush(); !st && !result_.aborted)
      abort("saving results: " + st.error().message);
    report(true);
    return result_;
  }

 private:
  bool finished() const {
    return result_.aborted || (next_ >= jobs_.size() && retries_.empty() && in_flight_.empty());
  }

  void fill() {
    double now = clock_.now_ms();
    while (static_cast<int>(in_flight_.size()) < concurrency_ && limiter_.may_send(now)) {
      if (!retries_.empty() && retries_.top().at_ms <= now) {
        Retry r = retries_.top();
        retries_.pop();
        send(r.job, r.attempt, now);
      } else if (next_ < jobs_.size()) {
        send(next_++, 1, now);
      } else {
        break;
      }
    }
  }

  // Nothing in flight: only retry timers or rate limits are pending. Some backends return from
  // poll() at once when idle, so wait here rather than spin.
  void idle_wait() {
    double wait = opt_.poll_interval_ms;
    if (!retries_.empty()) wait = std::min(wait, retries_.top().at_ms - clock_.now_ms());
    clock_.sleep_ms(std::max(1.0, wait));
  }

  void send(size_t job, int attempt, double now) {
    uint64_t ticket = next_ticket_++;
    in_flight_[ticket] = {job, attempt, now};
    limiter_.on_send(now);
    backend_.submit(ticket, *jobs_[job].request);
  }

  bool handle(Completion c) {
    auto it = in_flight_.find(c.ticket);
    if (it == in_flight_.end()) return true;  // abandoned attempt
    Attempt a = it->second;
    in_flight_.erase(it);
    Response& r = c.response;
    r.attempts = a.attempt;
    double now = clock_.now_ms();
    limiter_.on_tokens(now, r.prompt_tokens + r.completion_tokens);
    if (r.error_kind == ErrorKind::auth || c.stops_run) {
      abort(r.error);
      return false;
    }
    if (!r.ok() && r.retryable && r.retry_after_ms && *r.retry_after_ms > opt_.max_retry_wait_ms)
      refuse_long_wait(r);
    if (!r.ok() && r.retryable && a.attempt < opt_.max_attempts) {
      double delay = retry_delay_ms(opt_, a.attempt + 1, jitter_(rng_), r.retry_after_ms);
      retries_.push({now + delay, a.job, a.attempt + 1});
      ++result_.progress.retries;
      return true;
    }
    ++result_.progress.done;
    if (!r.ok()) ++result_.progress.errors;
    result_.progress.tokens += r.prompt_tokens + r.completion_tokens;
    if (auto st = sink_.on_result(jobs_[a.job], r); !st) {
      abort("saving results: " + st.error().message);
      return false;
    }
    return true;
  }

  // The server asked for a wait longer than we allow: a final error of its own kind.
  void refuse_long_wait(Response& r) const {
    r.error_kind = ErrorKind::retry_wait_too_long;
    r.retryable = false;
    r.error = "the server asked to retry after " + seconds(*r.retry_after_ms) +
              ", longer than the longest wait allowed (" + seconds(opt_.max_retry_wait_ms) +
              ", --max-retry-wait): " + r.error;
  }
  static std::string seconds(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f s", ms / 1000.0);
    return buf;
  }

  void tick() {
    double now = clock_.now_ms();
    if (now - last_flush_ms_ >= 250) {
      last_flush_ms_ = now;
      if (auto st = sink_.flush(); !st) abort("saving results: " + st.error().message);
    }
    if (now - last_progress_ms_ >= 100) {
      last_progress_ms_ = now;
      report(false);
    }
  }

  void report(bool final) {
    if (!progress_) return;
    result_.progress.in_flight = static_cast<int64_t>(in_flight_.size());
    result_.progress.waiting = static_cast<int64_t>(retries_.size());
    result_.progress.wait_left_ms =
        retries_.empty() ? 0.0 : std::max(0.0, retries_.top().at_ms - clock_.now_ms());
    result_.progress.elapsed_ms = clock_.now_ms() - start_ms_;
    progress_->update(result_.progress, final);
  }

  void abort(std::string reason) {
    if (result_.aborted) return;
    result_.aborted = true;
    result_.abort_reason = std::move(reason);
  }

  Backend& backend_;
  const std::vector<Job>& jobs_;
  const SchedulerOptions& opt_;
  ResultSink& sink_;
  ProgressListener* progress_;
  const Clock& clock_;
  const std::atomic<bool>* cancel_;
  RateLimiter limiter_;
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> jitter_{0.0, 1.0};
  int concurrency_ = 1;
  size_t next_ = 0;
  uint64_t next_ticket_ = 1;
  std::unordered_map<uint64_t, Attempt> in_flight_;
  std::priority_queue<Retry, std::vector<Retry>, std::greater<Retry>> retries_;
  double start_ms_ = 0, last_flush_ms_ = 0, last_progress_ms_ = 0;
  SchedulerResult result_;
};

}  // namespace

SchedulerResult run_jobs(Backend& backend, const std::vector<Job>& jobs,
                         const SchedulerOptions& options, ResultSink& sink,
                         ProgressListener* progress, const Clock& clock,
                         const std::atomic<bool>* cancel) {
  return Loop(backend, jobs, options, sink, progress, clock, cancel).run();
}

}  // namespace ys
