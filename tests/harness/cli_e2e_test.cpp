// End-to-end tests of the yardstick binary against the fake server: resume after kill -9, bad
// input, credentials never stored, auth errors stopping the run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "harness/store/store.h"
#include "tests/harness/arith_suite.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"
#include "tests/support/paths.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using ys::test::run_cli;
using ys::test::slurp;
using ys::test::spawn_cli;
using Cli = ys::test::CliResult;

namespace {

// 30 items "What is i+i?" with exact references.
std::string write_suite(const test::TempDir& dir, int n = 30) {
  return test::write_arith_suite(dir, n);
}

// Answers correctly for even i, wrongly for odd i, after delay_ms.
test::FakeScript solver(int delay_ms) {
  return [delay_ms](const FakeRequest& req) {
    std::string q = test::fake_prompt_of(req.body);
    int i = std::stoi(q.substr(8));
    FakeReply r;
    r.text = std::to_string(i % 2 ? 2 * i + 1 : 2 * i);
    r.delay_ms = delay_ms;
    return r;
  };
}

struct DbCounts {
  int64_t samples = 0, responses = 0, scores = 0;
  std::map<std::string, double> scores_by_item;
};

DbCounts counts(const std::string& db) {
  auto store = std::move(Store::open(db).value());
  DbCounts c;
  auto runs = store->runs();
  REQUIRE(runs.ok());
  for (const auto& run : *runs) {
    auto samples = store->samples(run.run_id);
    REQUIRE(samples.ok());
    for (const auto& s : *samples) {
      ++c.samples;
      if (s.response) ++c.responses;
      if (s.score) {
        ++c.scores;
        c.scores_by_item[s.link.item_id] = s.score->value;
      }
    }
  }
  return c;
}

}  // namespace

TEST_CASE("a run against the fake server is scored, and re-running it sends zero requests") {
  test::TempDir dir;
  FakeServer server(solver(0));
  std::string suite = write_suite(dir);
  std::vector<std::string> args = {"--db",
                                   dir.file("y.db"),
                                   "run",
                                   "-s",
                                   "custom:" + suite,
                                   "-m",
                                   "m=openai-compat:" + server.base_url() + "#solver"};
  Cli first = run_cli(dir, args);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(server.request_count() == 30);
  CHECK(first.output.find("50.0") != std::string::npos);  // 15 of 30 right
  Cli second = run_cli(dir, args);
  REQUIRE(second.exit_code == 0);
  CHECK(server.request_count() == 30);
  CHECK(second.output.find("30 already stored, 0 sent") != std::string::npos);
}

TEST_CASE("after kill -9 mid-run, re-running finishes with the results of an uninterrupted run") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  FakeServer reference_server(solver(0));
  Cli ref = run_cli(dir, {"--db", dir.file("ref.db"), "run", "-s", "custom:" + suite, "-m",
                          "m=openai-compat:" + reference_server.base_url() + "#solver"});
  REQUIRE(ref.exit_code == 0);

  FakeServer server(solver(100));
  std::vector<std::string> args = {"--db",
                                   dir.file("y.db"),
                                   "run",
                                   "-j",
                                   "2",
                                   "-s",
                                   "custom:" + suite,
                                   "-m",
                                   "m=openai-compat:" + server.base_url() + "#solver"};
  pid_t pid = spawn_cli(args, dir.file("killed.log"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server.request_count() < 12 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let a flush happen
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  int sent_before = server.request_count();
  REQUIRE(sent_before < 30);
  int64_t stored_before = counts(dir.file("y.db")).responses;
  CHECK(stored_before > 0);

  Cli resumed = run_cli(dir, args);
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  DbCounts got = counts(dir.file("y.db"));
  DbCounts want = counts(dir.file("ref.db"));
  CHECK(got.samples == 30);
  CHECK(got.responses == 30);
  CHECK(got.scores_by_item == want.scores_by_item);
  // Exactly the samples not stored at the kill are sent again, each once.
  CHECK(server.request_count() - sent_before == 30 - stored_before);
}

TEST_CASE("bad input exits with code 2, names the problem and writes nothing") {
  test::TempDir dir;
  std::string suite = write_suite(dir, 3);
  std::string db = dir.file("never.db");
  SECTION("a bad model spec") {
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + suite, "-m", "nokind"});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("missing backend kind") != std::string::npos);
  }
  SECTION("an unknown backend kind") {
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + suite, "-m", "x=warp:drive"});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("unknown backend kind 'warp'") != std::string::npos);
  }
  SECTION("a malformed suite line") {
    std::string bad = dir.write("bad.jsonl",
                                "{\"id\": \"a\", \"prompt\": \"p\", \"reference\": \"r\", "
                                "\"scorer\": \"exact\"}\n{\"id\": 5,\n");
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + bad, "-m", "r=replay:" + bad});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("bad.jsonl:2: not valid JSON") != std::string::npos);
  }
  SECTION("an unknown scorer") {
    std::string bad = dir.write("bad.jsonl",
                                "{\"id\": \"a\", \"prompt\": \"p\", \"reference\": \"r\", "
                                "\"scorer\": \"vibes\"}\n");
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + bad, "-m", "r=replay:" + bad});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("bad.jsonl:1: field 'scorer'") != std::string::npos);
  }
  SECTION("an unreadable config") {
    std::string cfg = dir.write("lb.yaml", "models:\n  - name: a\n    model: x\n");
    Cli c = run_cli(dir, {"--db", db, "run", "-c", cfg});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("lb.yaml:2") != std::string::npos);
  }
  SECTION("an unknown flag") {
    Cli c = run_cli(dir, {"--db", db, "run", "--temprature", "0"});
    CHECK(c.exit_code == 2);
  }
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("an API key is never written to the store or reports, and a 401 stops the run") {
  test::TempDir dir;
  const std::string key = "sk-VERY-SECRET-4242";
  std::string suite = write_suite(dir, 10);
  SECTION("a successful run") {
    FakeServer server(solver(0));
    std::string cfg = dir.write(
        "lb.yaml",
        "models:\n  - name: m\n    backend: openai-compat\n    model: " + server.base_url() +
            "#solver\n    api_key_env: YS_TEST_KEY\nsuites:\n  - custom:" + suite + "\n");
    Cli c = run_cli(dir, {"--db", dir.file("y.db"), "run", "-c", cfg}, {"YS_TEST_KEY=" + key});
    INFO(c.output);
    REQUIRE(c.exit_code == 0);
    auto reqs = server.requests();
    REQUIRE_FALSE(reqs.empty());
    CHECK(reqs[0].headers["authorization"] == "Bearer " + key);  // it was really sent
    Cli html =
        run_cli(dir, {"--db", dir.file("y.db"), "report", "-f", "html", "-o", dir.file("r.html")});
    REQUIRE(html.exit_code == 0);
    for (const char* f : {"y.db", "y.db-wal", "r.html", "cli.log"})
      CHECK(slurp(dir.file(f)).find(key) == std::string::npos);
  }
  SECTION("a refused key") {
    FakeServer server([&](const FakeRequest& req) {
      // A hostile server echoes the credentials back in its error body.
      return test::status_reply(401, "bad key " + req.headers.at("authorization"));
    });
    std::string cfg = dir.write(
        "lb.yaml",
        "models:\n  - name: m\n    backend: openai-compat\n    model: " + server.base_url() +
            "#solver\n    api_key_env: YS_TEST_KEY\nsuites:\n  - custom:" + suite + "\n");
    Cli c = run_cli(dir, {"--db", dir.file("y.db"), "run", "-j", "1", "-c", cfg},
                    {"YS_TEST_KEY=" + key});
    CHECK(c.exit_code == 3);
    CHECK(c.output.find("YS_TEST_KEY") != std::string::npos);
    CHECK(c.output.find(key) == std::string::npos);
    CHECK(server.request_count() <= 2);
    CHECK(slurp(dir.file("y.db")).find(key) == std::string::npos);
    CHECK(slurp(dir.file("y.db-wal")).find(key) == std::string::npos);
  }
}

TEST_CASE("the gate command passes and fails on thresholds") {
  test::TempDir dir;
  FakeServer server(solver(0));
  std::string suite = write_suite(dir, 10);
  std::string db = dir.file("y.db");
  REQUIRE(run_cli(dir, {"--db", db, "-q", "run", "-s", "custom:" + suite, "-m",
                        "m=openai-compat:" + server.base_url() + "#solver"})
              .exit_code == 0);
  CHECK(run_cli(dir, {"--db", db, "gate", "--min-score", "0.4"}).exit_code == 0);
  CHECK(run_cli(dir, {"--db", db, "gate", "--min-score", "0.6"}).exit_code == 1);
  CHECK(run_cli(dir, {"--db", db, "-q", "run", "-s", "custom:" + suite, "-m",
                      "m=openai-compat:" + server.base_url() + "#solver", "--fail-under", "0.9"})
            .exit_code == 1);
}

TEST_CASE("a make-model GGUF runs a suite on the local engine, and a re-run sends nothing") {
  const std::string vocab = test::fixture_path("tokenizer/ggml-vocab-qwen2.gguf");
  if (!test::have_fixture(vocab)) return;
  test::TempDir dir;
  std::string model = dir.file("synth.gguf");
  Cli made = run_cli(dir, {"engine", "make-model", "--shape", "tiny", "--type", "q8_0", "--vocab",
                           vocab, "-o", model});
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  CHECK(made.output.find("random weights") != std::string::npos);
  std::string suite = write_suite(dir, 5);
  std::vector<std::string> args = {
      "--db", dir.file("y.db"),       "run",          "-s", "custom:" + suite,
      "-m",   "synth=local:" + model, "--max-tokens", "4"};
  Cli first = run_cli(dir, args);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(first.output.find("5 items, 0 already stored, 5 sent, 0 errors") != std::string::npos);
  Cli second = run_cli(dir, args);
  REQUIRE(second.exit_code == 0);
  CHECK(second.output.find("5 items, 5 already stored, 0 sent") != std::string::npos);
  Cli gen = run_cli(dir, {"engine", "generate", "-m", model, "-p", "Hello", "-n", "3"});
  CHECK(gen.exit_code == 0);
  CHECK(gen.output.find("3 generated") != std::string::npos);
}
