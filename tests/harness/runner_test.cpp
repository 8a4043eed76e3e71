#include "harness/run/runner.h"

#include <catch2/catch.hpp>

#include "harness/core/hash.h"
#include "harness/store/sqlite.h"
#include "suites/custom/custom_suite.h"
#include "tests/harness/arith_suite.h"
#include "tests/harness/fake_backend.h"
#include "tests/harness/temp_dir.h"

using namespace ys;
using ys::test::FakeBackend;
using ys::test::FakeClock;

namespace {

// A custom suite of n items "What is i+i?" with exact references.
std::unique_ptr<Suite> arithmetic_suite(const test::TempDir& dir, int n) {
  auto suite = make_custom_suite({"custom", test::write_arith_suite(dir, n, true), Json::object()});
  REQUIRE(suite.ok());
  return std::move(*suite);
}

// Answers correctly: parses "What is a+b?".
Response solve(const Request& r) {
  const std::string& q = r.messages.back().content;
  int a = std::stoi(q.substr(8));
  return test::answer(std::to_string(2 * a));
}

ModelSpec fake_model() {
  ModelSpec m;
  m.name = "fake";
  m.kind = "fake";
  m.target = "test";
  return m;
}

struct Scores {
  std::map<std::string, double> by_item;
  int answered = 0;
};

Scores stored_scores(Store& store, const std::string& run_id) {
  Scores s;
  auto samples = store.samples(run_id);
  REQUIRE(samples.ok());
  for (const auto& x : *samples) {
    if (x.response) ++s.answered;
    if (x.score) s.by_item[x.link.item_id] = x.score->value;
  }
  return s;
}

}  // namespace

TEST_CASE("re-running the same run sends zero requests and keeps the same run id") {
  test::TempDir dir;
  auto suite = arithmetic_suite(dir, 20);
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  FakeBackend backend(clock, [](const Request& r, int) { return solve(r); });
  RunSettings settings;
  auto first = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(first.ok());
  CHECK(first->n_sent == 20);
  CHECK(backend.submitted == 20);
  auto second = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(second.ok());
  CHECK(second->run_id == first->run_id);
  CHECK(second->n_sent == 0);
  CHECK(second->n_cached == 20);
  CHECK(backend.submitted == 20);
  CHECK(store->runs()->size() == 1);
  auto scores = stored_scores(*store, first->run_id);
  CHECK(scores.by_item.size() == 20);
  for (auto& [id, v] : scores.by_item) CHECK(v == 1.0);
}

TEST_CASE("an interrupted run finishes on re-run with results equal to an uninterrupted run") {
  test::TempDir dir;
  auto suite = arithmetic_suite(dir, 40);
  // Reference: one uninterrupted run in its own store.
  auto ref_store = std::move(Store::open(dir.file("ref.db")).value());
  FakeClock clock;
  FakeBackend ref_backend(clock, [](const Request& r, int) { return solve(r); });
  RunSettings settings;
  settings.scheduler.concurrency = 4;
  auto ref =
      run_suite(*ref_store, ref_backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(ref.ok());

  auto store = std::move(Store::open(dir.file("y.db")).value());
  std::atomic<bool> cancel{false};
  int calls = 0;
  FakeBackend backend(clock, [&](const Request& r, int) {
    if (++calls == 15) cancel = true;
    return solve(r);
  });
  backend.per_poll = 1;
  auto partial =
      run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, &cancel);
  REQUIRE(partial.ok());
  CHECK(partial->interrupted);
  CHECK_FALSE(partial->fatal);
  CHECK(store->run(partial->run_id)->value().status == "interrupted");
  int before = stored_scores(*store, partial->run_id).answered;
  CHECK(before > 0);
  CHECK(before < 40);

  cancel = false;
  int sent_before = backend.submitted;
  auto resumed =
      run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, &cancel);
  REQUIRE(resumed.ok());
  CHECK_FALSE(resumed->interrupted);
  CHECK(resumed->n_cached == before);
  CHECK(backend.submitted - sent_before == 40 - before);
  CHECK(store->run(resumed->run_id)->value().status == "complete");
  auto got = stored_scores(*store, resumed->run_id);
  auto want = stored_scores(*ref_store, ref->run_id);
  CHECK(got.answered == 40);
  CHECK(got.by_item == want.by_item);
}

TEST_CASE("errored samples are retried on re-run unless retry_errors is off") {
  test::TempDir dir;
  auto suite = arithmetic_suite(dir, 6);
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  bool broken = true;
  FakeBackend backend(clock, [&](const Request& r, int) {
    if (broken && r.messages.back().content.find("What is 3+") == 0)
      return test::failure(ErrorKind::client, false);
    return solve(r);
  });
  RunSettings settings;
  auto first = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(first.ok());
  CHECK(first->n_errors == 1);
  auto samples = store->samples(first->run_id);
  auto errored = std::find_if(samples->begin(), samples->end(),
                              [](const StoredSample& s) { return s.link.item_id == "q3"; });
  REQUIRE(errored->score.has_value());
  CHECK(errored->score->status == ScoreStatus::error);

  RunSettings keep = settings;
  keep.retry_errors = false;
  auto kept = run_suite(*store, backend, fake_model(), *suite, keep, nullptr, clock, nullptr);
  REQUIRE(kept.ok());
  CHECK(kept->n_sent == 0);
  CHECK(kept->n_errors == 1);

  broken = false;
  auto retried =
      run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(retried.ok());
  CHECK(retried->n_sent == 1);
  CHECK(retried->n_errors == 0);
  CHECK(stored_scores(*store, retried->run_id).by_item.at("q3") == 1.0);
}

TEST_CASE("an interrupted retry still counts the stored error it did not replace") {
  test::TempDir dir;
  auto suite = arithmetic_suite(dir, 2);
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  FakeBackend backend(clock,
                      [](const Request&, int) { return test::failure(ErrorKind::client, false); });
  RunSettings settings;
  auto first = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(first.ok());
  CHECK(first->n_errors == 2);

  // Both requests are due for a retry (nothing is reused), but the run stops before sending.
  std::atomic<bool> cancel{true};
  const int sent_before = backend.submitted;
  auto retry = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, &cancel);
  REQUIRE(retry.ok());
  CHECK(retry->interrupted);
  CHECK(retry->n_cached == 0);
  CHECK(backend.submitted == sent_before);
  CHECK(retry->n_errors == 2);
}

TEST_CASE("two models never share an answer, and different params make different runs") {
  test::TempDir dir;
  auto suite = arithmetic_suite(dir, 5);
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  FakeBackend a(
      clock, [](const Request& r, int) { return solve(r); }, "fake|a");
  FakeBackend b(
      clock, [](const Request&, int) { return test::answer("wrong"); }, "fake|b");
  RunSettings settings;
  auto ra = run_suite(*store, a, fake_model(), *suite, settings, nullptr, clock, nullptr);
  auto rb = run_suite(*store, b, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(ra.ok());
  REQUIRE(rb.ok());
  CHECK(ra->run_id != rb->run_id);
  CHECK(rb->n_sent == 5);
  settings.params.temperature = 0.7;
  auto rc = run_suite(*store, a, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(rc.ok());
  CHECK(rc->run_id != ra->run_id);
  CHECK(rc->n_sent == 5);  // the temperature is part of every request's key
  for (auto& [id, v] : stored_scores(*store, rb->run_id).by_item) CHECK(v == 0.0);
}

TEST_CASE("identical requests within a run are sent once") {
  test::TempDir dir;
  std::string text =
      "{\"id\": \"a\", \"prompt\": \"same\", \"reference\": \"x\", \"scorer\": \"exact\"}\n"
      "{\"id\": \"b\", \"prompt\": \"same\", \"reference\": \"y\", \"scorer\": \"exact\"}\n";
  auto suite = std::move(make_custom_suite({"custom", dir.write("s.jsonl", text), {}}).value());
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) { return test::answer("x"); });
  auto out =
      run_suite(*store, backend, fake_model(), *suite, RunSettings{}, nullptr, clock, nullptr);
  REQUIRE(out.ok());
  CHECK(backend.submitted == 1);
  CHECK(out->n_sent == 1);
  CHECK(out->n_shared == 1);  // the outcome line reports it
  auto scores = stored_scores(*store, out->run_id);
  CHECK(scores.by_item.at("a") == 1.0);
  CHECK(scores.by_item.at("b") == 0.0);
}

TEST_CASE("the plan and the responses store each request as planned, keyed by its canonical JSON") {
  test::TempDir dir;
  std::string text =
      "{\"id\": \"u\", \"prompt\": \"caf\\u00e9 \\\"quoted\\\" tab\\t\", \"reference\": \"x\", "
      "\"scorer\": \"exact\", \"params\": {\"max_tokens\": 7}}\n"
      "{\"id\": \"v\", \"system\": \"be brief\", \"prompt\": \"second\", \"reference\": \"x\", "
      "\"scorer\": \"exact\"}\n";
  auto suite = std::move(make_custom_suite({"custom", dir.write("s.jsonl", text), {}}).value());
  auto store = std::move(Store::open(dir.file("y.db")).value());
  FakeClock clock;
  FakeBackend backend(clock, [](const Request&, int) { return test::answer("x"); });
  RunSettings settings;
  settings.params.temperature = 0.25;
  auto out = run_suite(*store, backend, fake_model(), *suite, settings, nullptr, clock, nullptr);
  REQUIRE(out.ok());
  auto planned = suite->plan({}).value();
  auto samples = store->samples(out->run_id).value();
  REQUIRE(samples.size() == 2);
  auto db = std::move(sql::Db::open(dir.file("y.db")).value());
  for (size_t i = 0; i < 2; ++i) {
    Request expected = planned[i].request;
    expected.params = merge_params(expected.params, settings.params);
    const SampleLink& link = samples[i].link;
    CHECK(link.item_id == planned[i].id);
    CHECK(link.request == expected);
    CHECK(link.request_key == request_key(backend.identity(), expected));
    auto stmt = db.prepare("SELECT request FROM responses WHERE request_key = ?1").value();
    stmt.bind(1, link.request_key);
    REQUIRE(stmt.step());
    CHECK(request_from_json(Json::parse(stmt.text(0))) == expected);
  }
}
