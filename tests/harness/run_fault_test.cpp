// Fault injection on a whole run (label `fault`): a server whose replies are oversized, cut short,
// malformed, slow, rate-limited for a day or cut mid-stream. The run ends in bounded time with
// exit 0, stores each failure as an error of its own kind, and keeps its memory bounded.
#include <catch2/catch.hpp>
#include <chrono>
#include <map>

#include "tests/harness/fault_support.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using namespace ys;
using namespace std::chrono_literals;
using test::FakeReply;
using test::FakeRequest;
using test::FakeServer;

namespace {

std::string write_suite(const test::TempDir& dir, int n) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += "{\"id\": \"q" + std::to_string(i) + "\", \"prompt\": \"item " + std::to_string(i) +
            "\", \"reference\": \"x\", \"scorer\": \"exact\"}\n";
  return dir.write("suite.jsonl", text);
}

int item_of(const FakeRequest& req) {
  return std::stoi(test::fake_prompt_of(req.body).substr(5));
}

FakeReply of_kind(FakeReply::Kind kind) {
  FakeReply r;
  r.kind = kind;
  r.text = "partial answer";
  return r;
}

// Item i gets the i-th fault; items past the list get a normal answer.
FakeReply faulty(const FakeRequest& req) {
  using Kind = FakeReply::Kind;
  switch (item_of(req)) {
    case 0: {
      FakeReply r = of_kind(Kind::oversized);
      r.size_bytes = size_t{1} << 30;
      return r;
    }
    case 1:
      return of_kind(Kind::truncated);
    case 2:
      return of_kind(Kind::malformed_json);
    case 3: {
      FakeReply r = test::default_reply(req);
      r.delay_ms = 10000;
      return r;
    }
    case 4: {
      FakeReply r = test::status_reply(429, "quota exhausted until tomorrow");
      r.retry_after_s = 99999;
      return r;
    }
    case 5:
      return of_kind(Kind::sse_cut);
    default:
      return test::default_reply(req);
  }
}

std::map<std::string, std::string> error_kinds(const std::string& db) {
  std::map<std::string, std::string> out;
  auto conn = sql::Db::open(db);
  REQUIRE(conn.ok());
  auto stmt = conn->prepare(
      "SELECT s.item_id, r.error_kind FROM samples s JOIN responses r USING (request_key)");
  REQUIRE(stmt.ok());
  while (stmt->step()) out[stmt->text(0)] = stmt->text(1);
  return out;
}

}  // namespace

TEST_CASE(
    "a server sending oversized, cut, malformed, slow and rate-limited replies gives a "
    "complete run with each error of its own kind") {
  test::TempDir dir;
  std::string suite = write_suite(dir, 8);
  FakeServer server(faulty);
  std::string db = dir.file("y.db");
  auto [f, out] = test::run_cli_bounded(
      dir,
      {"--db", db, "-q", "run", "-j", "8", "--max-attempts", "2", "--timeout-ms", "500",
       "--max-retry-wait", "60", "-s", "custom:" + suite, "-m",
       "m=openai-compat:" + server.base_url() + "#m"},
      {}, 60s);
  INFO(out);
  REQUIRE_FALSE(f.hung);
  CHECK(f.exit_code == 0);
  CHECK(f.seconds < 20);
  CHECK(test::query_text(db, "SELECT status FROM runs") == "complete");
  std::map<std::string, std::string> want = {{"q0", "too_large"},
                                             {"q1", "bad_response"},
                                             {"q2", "bad_response"},
                                             {"q3", "timeout"},
                                             {"q4", "retry_wait_too_long"},
                                             {"q5", "bad_response"},
                                             {"q6", ""},
                                             {"q7", ""}};
  CHECK(error_kinds(db) == want);
  // The 429 asking for 27 hours was not waited for, nor retried.
  int asked_for_q4 = 0;
  for (const auto& req : server.requests()) asked_for_q4 += item_of(req) == 4;
  CHECK(asked_for_q4 == 1);
}

TEST_CASE("twenty 1 GiB answers keep the run's memory bounded by the response limit") {
  test::TempDir dir;
  std::string suite = write_suite(dir, 20);
  FakeServer server([](const FakeRequest&) {
    FakeReply r;
    r.kind = FakeReply::Kind::oversized;
    r.size_bytes = size_t{1} << 30;
    return r;
  });
  std::string db = dir.file("y.db");
  auto [f, out] =
      test::run_cli_bounded(dir,
                            {"--db", db, "-q", "run", "-j", "4", "-s", "custom:" + suite, "-m",
                             "m=openai-compat:" + server.base_url() + "#m"},
                            {}, 60s);
  INFO(out);
  REQUIRE_FALSE(f.hung);
  CHECK(f.exit_code == 0);
  // Unbounded, this would be 20 GiB; with 4 in flight and 8 MiB each it stays near 100 MB.
  CHECK(f.peak_rss_kb < 200 * 1024);
  CHECK(test::query_int(db, "SELECT COUNT(*) FROM responses WHERE error_kind = 'too_large'") == 20);
  // The store keeps a 200-byte excerpt of each, not the bodies.
  CHECK(test::query_int(db, "SELECT MAX(LENGTH(error)) FROM responses") < 2000);
}
