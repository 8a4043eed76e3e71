// End-to-end checks of what the CLI refuses before anything is written (exit 2), and of readers
// that meet a poisoned row: non-finite and out-of-range numbers, unknown suite options, a directory
// as a suite, a foreign or unusable --db, one model given twice, and header values kept out of the
// store.
#include <catch2/catch.hpp>
#include <filesystem>

#include "harness/store/sqlite.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeServer;
using ys::test::run_cli;
using Cli = ys::test::CliResult;

namespace {

std::string write_suite(const test::TempDir& dir, int n = 3) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += "{\"id\": \"q" + std::to_string(i) + "\", \"prompt\": \"What is " + std::to_string(i) +
            "?\", \"reference\": \"" + std::to_string(i) + "\", \"scorer\": \"exact\"}\n";
  return dir.write("suite.jsonl", text);
}

// Recorded answers for write_suite's prompts (all correct).
std::string write_replay(const test::TempDir& dir, int n = 3) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += "{\"prompt\": \"What is " + std::to_string(i) + "?\", \"response\": \"" +
            std::to_string(i) + "\"}\n";
  return dir.write("answers.jsonl", text);
}

std::string query_text(const std::string& db_path, const std::string& sql) {
  auto db = sql::Db::open(db_path);
  REQUIRE(db.ok());
  auto stmt = db->prepare(sql);
  REQUIRE(stmt.ok());
  REQUIRE(stmt->step());
  return stmt->text(0);
}

}  // namespace

TEST_CASE("non-finite and out-of-range numbers on the command line exit 2 and write nothing") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string db = dir.file("never.db");
  const std::vector<std::string> base = {
      "--db", db, "run", "-s", "custom:" + suite, "-m", "r=replay:" + write_replay(dir)};
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"--temperature", "nan"}, {"--temperature", "inf"},  {"--temperature", "1e400"},
      {"--temperature", "-1"},  {"--top-p", "nan"},        {"--top-p", "0"},
      {"--top-p", "1.5"},       {"--fail-under", "2"},     {"--fail-under", "-0.5"},
      {"--fail-under", "nan"},  {"--max-retry-wait", "-1"}};
  for (const auto& [flag, value] : bad) {
    std::vector<std::string> args = base;
    args.push_back(flag);
    args.push_back(value);
    Cli c = run_cli(dir, args);
    INFO(flag << " " << value << ": " << c.output);
    CHECK(c.exit_code == 2);
    CHECK(c.output.find(flag) != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("gate thresholds outside 0..1 exit 2") {
  test::TempDir dir;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"gate", "--min-score", "5"},
           {"gate", "--min-score", "nan"},
           {"gate", "--min-score", "0.5", "--max-error-rate", "1.5"}}) {
    std::vector<std::string> full = {"--db", dir.file("none.db")};
    full.insert(full.end(), args.begin(), args.end());
    Cli c = run_cli(dir, full);
    INFO(c.output);
    CHECK(c.exit_code == 2);
  }
}

TEST_CASE("an unknown --suite-opt and a directory as a suite are refused") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string db = dir.file("never.db");
  SECTION("unknown option of the custom suite") {
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + suite, "-m",
                          "r=replay:" + write_replay(dir), "--suite-opt", "limit=3"});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("custom suite: unknown option 'limit' (known: name)") != std::string::npos);
  }
  SECTION("a directory") {
    Cli c = run_cli(dir, {"--db", db, "run", "-s", "custom:" + dir.path(), "-m",
                          "r=replay:" + write_replay(dir)});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("is a directory") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("a --db that is not a yardstick store exits 2 from every command, untouched") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string other = dir.file("other.db");
  {
    auto db = sql::Db::open(other);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE contacts (name TEXT)").ok());
  }
  std::string junk = dir.write("junk.db", std::string(4096, 'x'));
  for (const std::string& db : {other, junk, dir.path()}) {
    for (const auto& cmd : std::vector<std::vector<std::string>>{
             {"run", "-s", "custom:" + suite, "-m", "r=replay:" + write_replay(dir)},
             {"report", "-f", "json"},
             {"leaderboard"},
             {"runs"},
             {"gate", "--min-score", "0.5"}}) {
      std::vector<std::string> args = {"--db", db};
      args.insert(args.end(), cmd.begin(), cmd.end());
      Cli c = run_cli(dir, args);
      INFO(db << " " << cmd[0] << ": " << c.output);
      CHECK(c.exit_code == 2);
      CHECK(c.output.find(db) != std::string::npos);
    }
  }
  CHECK(query_text(other, "SELECT group_concat(name) FROM sqlite_master") == "contacts");
}

TEST_CASE("two names for the same model and params are refused; different params are two runs") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string db = dir.file("y.db");
  Cli same = run_cli(dir, {"--db", db, "run", "-s", "custom:" + suite, "-m",
                           "a=replay:" + write_replay(dir), "-m", "b=replay:" + write_replay(dir)});
  CHECK(same.exit_code == 2);
  CHECK(same.output.find("models 'a' and 'b' are the same model") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(db));

  std::string cfg = dir.write("lb.yaml",
                              "models:\n"
                              "  - {name: cold, backend: replay, path: " +
                                  write_replay(dir) +
                                  ", params: {temperature: 0}}\n"
                                  "  - {name: warm, backend: replay, path: " +
                                  write_replay(dir) + ", params: {temperature: 1}}\n");
  Cli two = run_cli(dir, {"--db", db, "run", "-c", cfg, "-s", "custom:" + suite});
  INFO(two.output);
  REQUIRE(two.exit_code == 0);
  Cli board = run_cli(dir, {"--db", db, "leaderboard", "--ascii"});
  CHECK(board.output.find("cold") != std::string::npos);
  CHECK(board.output.find("warm") != std::string::npos);
}

TEST_CASE("header values come from the environment, reach the server, and never the store") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string db = dir.file("y.db");
  FakeServer server;
  const std::string secret = "azure-SECRET-value-1234";
  std::string cfg = dir.write(
      "lb.yaml",
      "models:\n  - name: az\n    backend: openai-compat\n    model: " + server.base_url() +
          "#m\n    headers: {api-key: \"${TEST_AZURE_KEY}\", X-Plain: plain-literal}\n");
  SECTION("set") {
    Cli c = run_cli(dir, {"--db", db, "run", "-c", cfg, "-s", "custom:" + suite},
                    {"TEST_AZURE_KEY=" + secret});
    INFO(c.output);
    REQUIRE(c.exit_code == 0);
    auto requests = server.requests();
    REQUIRE_FALSE(requests.empty());
    CHECK(requests[0].headers["api-key"] == secret);
    CHECK(requests[0].headers["x-plain"] == "plain-literal");
    std::string stored = test::slurp(db);
    for (const char* f : {"-wal"}) stored += test::slurp(db + f);
    CHECK(stored.find(secret) == std::string::npos);
    CHECK(stored.find("plain-literal") == std::string::npos);
    CHECK(query_text(db, "SELECT json_extract(config, '$.config.models[0].headers') FROM runs") ==
          "[\"X-Plain\",\"api-key\"]");
  }
  SECTION("unset") {
    Cli c = run_cli(dir, {"--db", db, "run", "-c", cfg, "-s", "custom:" + suite});
    CHECK(c.exit_code == 2);
    CHECK(c.output.find("environment variable TEST_AZURE_KEY is not set") != std::string::npos);
    CHECK(server.request_count() == 0);
  }
}

TEST_CASE("a stored sample that cannot be read is left out with a warning; reports still work") {
  test::TempDir dir;
  std::string suite = write_suite(dir);
  std::string db = dir.file("y.db");
  REQUIRE(run_cli(dir, {"--db", db, "run", "-s", "custom:" + suite, "-m",
                        "r=replay:" + write_replay(dir)})
              .exit_code == 0);
  {
    // What an older yardstick stored for --temperature nan: a null temperature.
    auto conn = sql::Db::open(db);
    REQUIRE(conn.ok());
    REQUIRE(conn->exec("UPDATE samples SET request = json_set(request, '$.params.temperature', "
                       "json('null')) WHERE item_id = 'q1'")
                .ok());
  }
  for (const auto& cmd : std::vector<std::vector<std::string>>{
           {"leaderboard", "--ascii"}, {"report", "-f", "json"}, {"gate", "--min-score", "0"}}) {
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), cmd.begin(), cmd.end());
    Cli c = run_cli(dir, args);
    INFO(cmd[0] << ": " << c.output);
    CHECK(c.exit_code != 3);
    CHECK(c.output.find("1 stored sample(s) could not be read and are left out") !=
          std::string::npos);
  }
}
