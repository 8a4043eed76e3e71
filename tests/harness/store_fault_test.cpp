// Fault injection on the store (label `fault`): a write lock held by another connection past the
// busy timeout, a full disk, a read-only file. Each run must end in bounded time with one clear
// message and exit 3, keep what was committed, mark its run interrupted, and finish on a re-run.
// A hang fails the test (the child is killed at its deadline) instead of holding the suite.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/harness/arith_suite.h"
#include "tests/harness/fault_support.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using namespace ys;
using namespace std::chrono_literals;
using test::FakeReply;
using test::FakeRequest;
using test::FakeServer;

namespace {

std::string write_suite(const test::TempDir& dir, const std::string& name, int n) {
  return test::write_arith_suite(dir, n, false, name);
}

// Answers `text` (default: echo) after delay_ms.
test::FakeScript answering(int delay_ms, std::string text = "") {
  return [delay_ms, text](const FakeRequest& req) {
    FakeReply r = test::default_reply(req);
    if (!text.empty()) r.text = text;
    r.delay_ms = delay_ms;
    return r;
  };
}

std::vector<std::string> run_args(const std::string& db, const std::string& suite,
                                  const FakeServer& server, int concurrency) {
  return {"--db", db,
          "-q",   "run",
          "-j",   std::to_string(concurrency),
          "-s",   "custom:" + suite,
          "-m",   "m=openai-compat:" + server.base_url() + "#m"};
}

int64_t responses_in(const std::string& db) {
  return test::query_int(db, "SELECT COUNT(*) FROM responses");
}

std::string run_status(const std::string& db) {
  return test::query_text(db, "SELECT status FROM runs");
}

// Waits until `server` has taken no request for `quiet` (the run stopped sending), at most `limit`.
void wait_until_quiet(const FakeServer& server, std::chrono::milliseconds quiet,
                      std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  int last = server.request_count();
  auto last_change = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(20ms);
    int now = server.request_count();
    if (now != last) {
      last = now;
      last_change = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - last_change >= quiet) {
      return;
    }
  }
}

}  // namespace

TEST_CASE(
    "a write lock held past the busy timeout stops the run with exit 3, and a re-run "
    "finishes it") {
  test::TempDir dir;
  const int n = 4000;
  std::string suite = write_suite(dir, "suite.jsonl", n);
  std::string db = dir.file("y.db");
  FakeServer server(answering(10));
  const std::vector<std::string> env = {"YARDSTICK_BUSY_TIMEOUT_MS=1000"};
  auto args = run_args(db, suite, server, 16);
  pid_t pid = test::spawn_cli(args, dir.file("locked.log"), env);

  // Once answers are being committed, take the write lock and keep it until the run has stopped
  // sending: long past the busy timeout, while hundreds of answers wait to be written.
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (responses_in(db) <= 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(5ms);
  auto locker = sql::Db::open(db, 10000);
  REQUIRE(locker.ok());
  REQUIRE(locker->exec("BEGIN IMMEDIATE").ok());
  const int64_t committed = responses_in(db);
  wait_until_quiet(server, 400ms, 20s);
  // The run stops sending either when a write fails or, between two batches, while it waits for
  // the lock to claim the next (harness/store/lease.h): hold the lock past the busy timeout
  // (1 s) from then on, so that the wait fails too.
  std::this_thread::sleep_for(1500ms);
  REQUIRE(locker->exec("ROLLBACK").ok());

  test::Finished f = test::wait_with_deadline(pid, 20s);
  std::string out = test::slurp(dir.file("locked.log"));
  INFO(out);
  REQUIRE_FALSE(f.hung);
  CHECK(f.exit_code == 3);
  CHECK(test::occurrences(out, "error:") == 1);
  CHECK(out.find("database is locked") != std::string::npos);
  CHECK(out.find("run the same command again") != std::string::npos);
  CHECK(run_status(db) == "interrupted");
  const int64_t kept = responses_in(db);
  CHECK(kept >= committed);
  CHECK(kept < n);

  const int sent_before = server.request_count();
  test::CliResult again = test::run_cli(dir, args, env);
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(run_status(db) == "complete");
  CHECK(responses_in(db) == n);
  CHECK(test::query_int(db, "SELECT COUNT(*) FROM scores") == n);
  CHECK(server.request_count() - sent_before == n - kept);  // only what was not stored
}

TEST_CASE(
    "a full disk stops the run with exit 3, keeps what was committed, and a re-run with "
    "room finishes it") {
  test::TempDir dir;
  test::SmallTmpfs fs(dir, "small", 2 << 20);
  if (!fs.mounted()) {
    WARN("SKIPPED: needs root and the right to mount a tmpfs (CI has both)");
    return;
  }
  const int n = 1500;
  std::string suite = write_suite(dir, "suite.jsonl", n);
  std::string db = fs.file("y.db");
  FakeServer server(answering(0, std::string(2000, 'a')));
  auto args = run_args(db, suite, server, 16);

  auto [f, out] = test::run_cli_bounded(dir, args, {}, 60s);
  INFO(out);
  REQUIRE_FALSE(f.hung);
  CHECK(f.exit_code == 3);
  CHECK(test::occurrences(out, "error:") == 1);
  CHECK(out.find("full") != std::string::npos);
  CHECK(run_status(db) == "interrupted");
  // How much fits before the disk is full depends on how the answers were batched (the first
  // batch may already not fit); what was kept is checked by the re-run sending only the rest.
  const int64_t kept = responses_in(db);
  CHECK(kept < n);

  REQUIRE(fs.resize(64 << 20));
  const int sent_before = server.request_count();
  test::CliResult again = test::run_cli(dir, args);
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(run_status(db) == "complete");
  CHECK(responses_in(db) == n);
  CHECK(server.request_count() - sent_before == n - kept);
}

TEST_CASE(
    "a read-only store is refused in bounded time with one message, and reports still read "
    "it") {
  test::TempDir dir;
  test::SmallTmpfs fs(dir, "ro", 8 << 20);
  std::string first = write_suite(dir, "first.jsonl", 5);
  std::string second = write_suite(dir, "second.jsonl", 5);
  FakeServer server(answering(0));
  const std::string db = fs.mounted() ? fs.file("y.db") : dir.file("ro/y.db");
  REQUIRE(test::run_cli(dir, run_args(db, first, server, 2)).exit_code == 0);
  if (fs.mounted()) {
    REQUIRE(fs.set_read_only(true));
  } else {
    // Not root: permissions do the same (root would ignore them).
    std::filesystem::permissions(db, std::filesystem::perms::owner_read);
    std::filesystem::permissions(
        dir.file("ro"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  }
  const int sent_before = server.request_count();
  auto [f, out] = test::run_cli_bounded(dir, run_args(db, second, server, 2), {}, 30s);
  INFO(out);
  REQUIRE_FALSE(f.hung);
  CHECK(f.exit_code == 3);
  CHECK(test::occurrences(out, "error:") == 1);
  CHECK(out.find("readonly") != std::string::npos);
  CHECK(server.request_count() == sent_before);

  test::CliResult board = test::run_cli(dir, {"--db", db, "leaderboard", "--ascii"});
  INFO(board.output);
  CHECK(board.exit_code == 0);
  CHECK(board.output.find("custom:first") != std::string::npos);
  if (fs.mounted()) REQUIRE(fs.set_read_only(false));
  if (!fs.mounted())
    std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_all);
}
