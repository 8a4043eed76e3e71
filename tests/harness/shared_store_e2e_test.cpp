// End-to-end tests of several `yardstick run` processes on one store (harness/store/lease.h):
// processes running the same model and suite split the requests instead of each sending all of
// them; different models do not wait for each other; a process killed with -9 gives its requests
// back when its leases expire. Nothing is lost, duplicated or reported as an error.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "harness/store/store.h"
#include "tests/harness/arith_suite.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using ys::test::slurp;
using ys::test::spawn_cli;

namespace {

std::string write_suite(const test::TempDir& dir, int n) {
  return test::write_arith_suite(dir, n);
}

test::FakeScript solver(int delay_ms) {
  return [delay_ms](const FakeRequest& req) {
    std::string q = test::fake_prompt_of(req.body);
    FakeReply r;
    r.text = std::to_string(2 * std::stoi(q.substr(8)));
    r.delay_ms = delay_ms;
    return r;
  };
}

struct Child {
  pid_t pid;
  std::string log;
};

int wait_exit(const Child& c) {
  int status = 0;
  waitpid(c.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Rows {
  int64_t samples = 0, responses = 0, scores = 0, errors = 0;
};

Rows rows_of(const std::string& db) {
  auto store = std::move(Store::open(db).value());
  Rows r;
  auto runs = store->runs();
  REQUIRE(runs.ok());
  for (const auto& run : *runs) {
    auto samples = store->samples(run.run_id);
    REQUIRE(samples.ok());
    for (const auto& s : *samples) {
      ++r.samples;
      if (s.response) ++r.responses;
      if (s.response && !s.response->ok()) ++r.errors;
      if (s.score) ++r.scores;
    }
  }
  return r;
}

std::vector<std::string> run_args(const std::string& db, const std::string& suite,
                                  const std::string& model) {
  return {"--db", db, "--quiet", "run", "-j", "8", "-s", "custom:" + suite, "-m", model};
}

}  // namespace

TEST_CASE("two processes running the same model on one store split the requests") {
  constexpr int kItems = 2000;
  test::TempDir dir;
  std::string suite = write_suite(dir, kItems);
  FakeServer server(solver(1));
  server.set_keep_requests(false);
  const std::string model = "m=openai-compat:" + server.base_url() + "#solver";
  const std::string db = dir.file("y.db");
  Child a{spawn_cli(run_args(db, suite, model), dir.file("a.log")), dir.file("a.log")};
  Child b{spawn_cli(run_args(db, suite, model), dir.file("b.log")), dir.file("b.log")};
  const int exit_a = wait_exit(a), exit_b = wait_exit(b);
  INFO(slurp(a.log));
  INFO(slurp(b.log));
  CHECK(exit_a == 0);
  CHECK(exit_b == 0);
  CHECK(server.request_count() == kItems);  // each request sent once, by one of them
  Rows r = rows_of(db);
  CHECK(r.samples == kItems);
  CHECK(r.responses == kItems);
  CHECK(r.scores == kItems);
  CHECK(r.errors == 0);
  CHECK(slurp(a.log).find("100.0") != std::string::npos);  // both print the whole run
  CHECK(slurp(b.log).find("100.0") != std::string::npos);
}

TEST_CASE("two processes running different models on one store each send their own requests") {
  constexpr int kItems = 1000;
  test::TempDir dir;
  std::string suite = write_suite(dir, kItems);
  FakeServer server(solver(1));
  server.set_keep_requests(false);
  const std::string db = dir.file("y.db");
  Child a{spawn_cli(run_args(db, suite, "m1=openai-compat:" + server.base_url() + "#one"),
                    dir.file("a.log")),
          dir.file("a.log")};
  Child b{spawn_cli(run_args(db, suite, "m2=openai-compat:" + server.base_url() + "#two"),
                    dir.file("b.log")),
          dir.file("b.log")};
  const int exit_a = wait_exit(a), exit_b = wait_exit(b);
  INFO(slurp(a.log));
  INFO(slurp(b.log));
  CHECK(exit_a == 0);
  CHECK(exit_b == 0);
  CHECK(server.request_count() == 2 * kItems);
  Rows r = rows_of(db);
  CHECK(r.samples == 2 * kItems);
  CHECK(r.responses == 2 * kItems);
  CHECK(r.scores == 2 * kItems);
}

TEST_CASE("a process killed with -9 gives its requests back when its leases expire") {
  constexpr int kItems = 200;
  test::TempDir dir;
  std::string suite = write_suite(dir, kItems);
  FakeServer server(solver(20));
  const std::string model = "m=openai-compat:" + server.base_url() + "#solver";
  const std::string db = dir.file("y.db");
  const std::vector<std::string> env = {"YARDSTICK_LEASE_MS=1500"};
  Child a{spawn_cli(run_args(db, suite, model), dir.file("a.log"), env), dir.file("a.log")};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server.request_count() < 20 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  Child b{spawn_cli(run_args(db, suite, model), dir.file("b.log"), env), dir.file("b.log")};
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(a.pid, SIGKILL);
  int status = 0;
  waitpid(a.pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  const int exit_b = wait_exit(b);
  INFO(slurp(b.log));
  CHECK(exit_b == 0);
  Rows r = rows_of(db);
  CHECK(r.samples == kItems);
  CHECK(r.responses == kItems);
  CHECK(r.scores == kItems);
  CHECK(r.errors == 0);
  // At most the requests the killed process had claimed but not stored are sent twice.
  CHECK(server.request_count() < kItems + 256);
}
