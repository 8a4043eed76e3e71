#include "harness/run/scheduler.h"

#include <catch2/catch.hpp>
#include <deque>
#include <set>

#include "tests/harness/fake_backend.h"

using namespace ys;
using ys::test::FakeBackend;
using ys::test::FakeClock;

namespace {

struct CollectingSink final : ResultSink {
  std::vector<std::pair<std::string, Response>> results;
  int flushes = 0;
  bool fail_on_result = false;
  Status on_result(const Job& job, const Response& r) override {
    if (fail_on_result) return Error{"disk full"};
    results.emplace_back(job.key, r);
    return ok_status();
  }
  Status flush() override {
    ++flushes;
    return ok_status();
  }
};

// Jobs point into their plan: keep every test's plan alive (a deque never moves its elements).
std::vector<Job> make_jobs(int n) {
  static std::deque<std::pair<std::string, Request>> plans;
  std::vector<Job> jobs;
  for (int i = 0; i < n; ++i) {
    Request r;
    r.messages = {{"user", "q" + std::to_string(i)}};
    plans.emplace_back("k" + std::to_string(i), r);
    jobs.push_back({plans.back().first, &plans.back().second});
  }
  return jobs;
}

}  // namespace

TEST_CASE("every job reaches the sink once and concurrency is never exceeded") {
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) { return test::answer("ok"); });
  backend.per_poll = 3;
  CollectingSink sink;
  SchedulerOptions opt;
  opt.concurrency = 7;
  auto jobs = make_jobs(100);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  CHECK_FALSE(result.aborted);
  CHECK(sink.results.size() == 100);
  CHECK(backend.submitted == 100);
  CHECK(backend.peak_in_flight == 7);
  std::set<std::string> keys;
  for (auto& [k, r] : sink.results) keys.insert(k);
  CHECK(keys.size() == 100);
  CHECK(result.progress.done == 100);
  CHECK(result.progress.tokens == 1500);
}

TEST_CASE("retryable failures are retried until they succeed, counting attempts") {
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int attempt) {
    return attempt < 3 ? test::failure(ErrorKind::server, true) : test::answer("fine");
  });
  CollectingSink sink;
  SchedulerOptions opt;
  auto jobs = make_jobs(5);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  REQUIRE(sink.results.size() == 5);
  for (auto& [k, r] : sink.results) {
    CHECK(r.ok());
    CHECK(r.attempts == 3);
  }
  CHECK(result.progress.retries == 10);
  CHECK(result.progress.errors == 0);
}

TEST_CASE("a request that keeps failing is stored as an error after max_attempts") {
  FakeClock clock;
  FakeBackend backend(
      clock, [](const Request&, int) { return test::failure(ErrorKind::rate_limited, true); });
  CollectingSink sink;
  SchedulerOptions opt;
  opt.max_attempts = 4;
  auto jobs = make_jobs(2);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  REQUIRE(sink.results.size() == 2);
  CHECK(sink.results[0].second.error_kind == ErrorKind::rate_limited);
  CHECK(sink.results[0].second.attempts == 4);
  CHECK(backend.submitted == 8);
  CHECK(result.progress.errors == 2);
}

TEST_CASE("non-retryable failures are not retried") {
  FakeClock clock;
  FakeBackend backend(clock,
                      [](const Request&, int) { return test::failure(ErrorKind::client, false); });
  CollectingSink sink;
  auto jobs = make_jobs(3);
  run_jobs(backend, jobs, SchedulerOptions{}, sink, nullptr, clock, nullptr);
  CHECK(backend.submitted == 3);
  CHECK(sink.results.size() == 3);
}

TEST_CASE("Retry-After is honoured: the retry waits at least as long as the server asked") {
  FakeClock clock;
  std::vector<double> submit_times;
  FakeBackend backend(clock, [&](const Request&, int attempt) {
    submit_times.push_back(clock.now_ms());
    return attempt == 1 ? test::failure(ErrorKind::rate_limited, true, 7000.0) : test::answer("ok");
  });
  CollectingSink sink;
  SchedulerOptions opt;
  opt.backoff_base_ms = 10;
  auto jobs = make_jobs(1);
  run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  REQUIRE(submit_times.size() == 2);
  CHECK(submit_times[1] - submit_times[0] >= 7000.0);
  CHECK(submit_times[1] - submit_times[0] < 7000.0 + 100.0);
}

TEST_CASE("backoff doubles per attempt, with jitter between half and the full nominal delay") {
  SchedulerOptions opt;
  opt.backoff_base_ms = 500;
  opt.backoff_max_ms = 3000;
  CHECK(retry_delay_ms(opt, 2, 1.0, {}) == Approx(500));
  CHECK(retry_delay_ms(opt, 3, 1.0, {}) == Approx(1000));
  CHECK(retry_delay_ms(opt, 4, 0.0, {}) == Approx(1000));   // 2000 nominal, half with jitter 0
  CHECK(retry_delay_ms(opt, 10, 1.0, {}) == Approx(3000));  // capped
  CHECK(retry_delay_ms(opt, 2, 0.0, 9000.0) == Approx(9000));
}

TEST_CASE("an auth error stops the run at once instead of failing every sample") {
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) {
    Response r = test::failure(ErrorKind::auth, false);
    r.error = "HTTP 401: check OPENAI_API_KEY";
    return r;
  });
  CollectingSink sink;
  SchedulerOptions opt;
  opt.concurrency = 4;
  auto jobs = make_jobs(1000);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  CHECK(result.aborted);
  CHECK(result.abort_reason.find("OPENAI_API_KEY") != std::string::npos);
  CHECK(sink.results.empty());
  CHECK(backend.submitted <= 4);
}

TEST_CASE("a capability the server lacks stops the run after its first reply, as auth does") {
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) {
    Response r = test::failure(ErrorKind::client, false);
    r.error = "choices[0].logprobs missing: the server does not return logprobs";
    return r;
  });
  backend.stops_run_on_error = true;
  CollectingSink sink;
  SchedulerOptions opt;
  opt.concurrency = 4;
  auto jobs = make_jobs(1000);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  CHECK(result.aborted);
  CHECK(result.abort_reason.find("does not return logprobs") != std::string::npos);
  CHECK(sink.results.empty());
  CHECK(backend.submitted <= 4);
}

TEST_CASE("cancelling stops sending and flushes what arrived") {
  FakeClock clock;
  std::atomic<bool> cancel{false};
  int answered = 0;
  FakeBackend backend(clock, [&](const Request&, int) {
    if (++answered == 10) cancel = true;
    return test::answer("ok");
  });
  backend.per_poll = 1;
  CollectingSink sink;
  SchedulerOptions opt;
  opt.concurrency = 1;
  auto jobs = make_jobs(50);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, &cancel);
  CHECK(result.aborted);
  CHECK(sink.results.size() < 50);
  CHECK(sink.flushes >= 1);
}

TEST_CASE("a sink failure aborts the run with the sink's message") {
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) { return test::answer("ok"); });
  CollectingSink sink;
  sink.fail_on_result = true;
  auto jobs = make_jobs(5);
  auto result = run_jobs(backend, jobs, SchedulerOptions{}, sink, nullptr, clock, nullptr);
  CHECK(result.aborted);
  CHECK(result.abort_reason.find("disk full") != std::string::npos);
}

TEST_CASE("a requests-per-minute limit spreads requests over minutes") {
  FakeClock clock;
  std::vector<double> submit_times;
  FakeBackend backend(clock, [&](const Request&, int) {
    submit_times.push_back(clock.now_ms());
    return test::answer("ok");
  });
  CollectingSink sink;
  SchedulerOptions opt;
  opt.concurrency = 100;
  opt.requests_per_minute = 10;
  auto jobs = make_jobs(25);
  run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  REQUIRE(submit_times.size() == 25);
  // Requests 11..20 wait for the first minute's window to pass, 21..25 for the second.
  CHECK(submit_times[10] - submit_times[0] >= 60000.0);
  CHECK(submit_times[20] - submit_times[0] >= 120000.0);
  CHECK(submit_times[9] - submit_times[0] < 1000.0);
}

TEST_CASE("a Retry-After longer than max_retry_wait_ms fails the request at once, not retried") {
  FakeClock clock;
  FakeBackend backend(clock, [&](const Request&, int) {
    return test::failure(ErrorKind::rate_limited, true, 99999000.0);  // 27.8 hours
  });
  CollectingSink sink;
  SchedulerOptions opt;
  opt.max_retry_wait_ms = 300000;
  auto jobs = make_jobs(1);
  auto result = run_jobs(backend, jobs, opt, sink, nullptr, clock, nullptr);
  CHECK_FALSE(result.aborted);
  CHECK(backend.submitted == 1);
  REQUIRE(sink.results.size() == 1);
  const Response& r = sink.results[0].second;
  CHECK(r.error_kind == ErrorKind::retry_wait_too_long);
  CHECK(r.error.find("99999 s") != std::string::npos);
  CHECK(r.error.find("300 s") != std::string::npos);
  CHECK(clock.now_ms() < 10000.0);  // nothing was waited for (a retry would be 99999 s later)
}

TEST_CASE("a Retry-After up to max_retry_wait_ms is waited for, and progress shows the wait") {
  FakeClock clock;
  FakeBackend backend(clock, [&](const Request&, int attempt) {
    return attempt == 1 ? test::failure(ErrorKind::rate_limited, true, 300000.0)
                        : test::answer("ok");
  });
  struct Seen final : ProgressListener {
    int64_t max_waiting = 0;
    double max_wait_left_ms = 0;
    void update(const ProgressState& s, bool) override {
      max_waiting = std::max(max_waiting, s.waiting);
      max_wait_left_ms = std::max(max_wait_left_ms, s.wait_left_ms);
    }
  } seen;
  CollectingSink sink;
  SchedulerOptions opt;
  opt.max_retry_wait_ms = 300000;
  auto jobs = make_jobs(1);
  run_jobs(backend, jobs, opt, sink, &seen, clock, nullptr);
  REQUIRE(sink.results.size() == 1);
  CHECK(sink.results[0].second.ok());
  CHECK(backend.submitted == 2);
  CHECK(seen.max_waiting == 1);
  CHECK(seen.max_wait_left_ms > 299000.0);
  CHECK(seen.max_wait_left_ms <= 300000.0);
}
