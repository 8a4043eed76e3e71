// Sharded runs (harness/run/shard.h, `run --shard I/N`) merged back with `yardstick merge`: the
// union of the shards is the unsharded run, to the byte in the leaderboard, also after a shard is
// killed with -9 and re-run; re-running a finished shard sends nothing.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "harness/core/hash.h"
#include "harness/run/shard.h"
#include "tests/harness/arith_suite.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;

namespace {

constexpr int kItems = 400;

// Items "What is i+i?" in two categories; the fake model answers 2i except for multiples of 3,
// so the scores are neither 0 nor 1 and differ between categories.
std::string write_suite(const test::TempDir& dir) {
  return test::write_arith_suite(dir, kItems, true);
}

test::FakeScript solver(int delay_ms) {
  return [delay_ms](const FakeRequest& req) {
    const int i = std::stoi(test::fake_prompt_of(req.body).substr(8));
    FakeReply r;
    r.text = std::to_string(i % 3 == 0 ? 2 * i + 1 : 2 * i);
    r.delay_ms = delay_ms;
    return r;
  };
}

std::vector<std::string> run_args(const std::string& db, const std::string& suite,
                                  const std::string& model, const std::string& shard) {
  std::vector<std::string> a = {"--db", db,   "--quiet",         "run", "-j",
                                "4",    "-s", "custom:" + suite, "-m",  model};
  if (!shard.empty()) a.insert(a.end(), {"--shard", shard});
  return a;
}

// The leaderboard with its one measured column (median latency, wall-clock) blanked: scores,
// CIs, counts and tokens must be equal to the byte.
std::string leaderboard(const test::TempDir& dir, const std::string& db) {
  auto r = test::run_cli(dir, {"--db", db, "leaderboard", "--by-category", "--ascii"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return std::regex_replace(r.output, std::regex("[0-9.]+ (ms|s) \\|"), "- |");
}

}  // namespace

TEST_CASE("shard specs are INDEX/COUNT with the index from 0") {
  CHECK(parse_shard("3/16").value().index == 3);
  CHECK(parse_shard("3/16").value().count == 16);
  CHECK(parse_shard("0/1").ok());
  for (const char* bad : {"16/16", "-1/4", "1/0", "1", "a/4", "1/4x", "", "/4", "1/2000000"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad).ok());
  }
  CHECK(to_string(Shard{3, 16}) == "3/16");
}

TEST_CASE("every request key lands in exactly one shard, and shards are balanced") {
  constexpr int kKeys = 16000, kShards = 16;
  std::vector<int> sizes(kShards, 0);
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = sha256_hex("request " + std::to_string(i));
    int owners = 0;
    for (int s = 0; s < kShards; ++s) {
      if (!in_shard(key, Shard{s, kShards})) continue;
      ++owners;
      ++sizes[s];
    }
    REQUIRE(owners == 1);
    // The rule itself, computed another way: the key's first 8 bytes as a number, modulo 16, is
    // its last hex digit of those 16.
    const int digit = std::stoi(key.substr(15, 1), nullptr, 16);
    REQUIRE(in_shard(key, Shard{digit, kShards}));
  }
  for (int s = 0; s < kShards; ++s) {
    INFO("shard " << s);
    CHECK(sizes[s] > kKeys / kShards * 8 / 10);  // within 20% of an even split (expected ~2.5%)
    CHECK(sizes[s] < kKeys / kShards * 12 / 10);
  }
}

TEST_CASE("four shards merged give the unsharded leaderboard; a re-run shard sends nothing") {
  test::TempDir dir;
  const std::string suite = write_suite(dir);
  FakeServer server(solver(0));
  const std::string model = "m=openai-compat:" + server.base_url() + "#solver";

  auto whole = test::run_cli(dir, run_args(dir.file("whole.db"), suite, model, ""));
  INFO(whole.output);
  REQUIRE(whole.exit_code == 0);
  REQUIRE(server.request_count() == kItems);

  std::vector<std::string> merge_args = {"merge"};
  for (int s = 0; s < 4; ++s) {
    const std::string db = dir.file("shard-" + std::to_string(s) + ".db");
    auto r = test::run_cli(dir, run_args(db, suite, model, std::to_string(s) + "/4"));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    merge_args.push_back(db);
  }
  CHECK(server.request_count() == 2 * kItems);  // each item sent by exactly one shard
  const int before = server.request_count();
  auto again = test::run_cli(dir, run_args(dir.file("shard-2.db"), suite, model, "2/4"));
  CHECK(again.exit_code == 0);
  CHECK(server.request_count() == before);

  merge_args.insert(merge_args.end(), {"--out", dir.file("all.db")});
  auto merged = test::run_cli(dir, merge_args);
  INFO(merged.output);
  REQUIRE(merged.exit_code == 0);
  const std::string expected = leaderboard(dir, dir.file("whole.db"));
  CHECK(expected.find("66.5") != std::string::npos);  // 134 multiples of 3 in 0..399 wrong
  CHECK(leaderboard(dir, dir.file("all.db")) == expected);
}

TEST_CASE("a shard killed with -9 and re-run still merges to the unsharded leaderboard") {
  test::TempDir dir;
  const std::string suite = write_suite(dir);
  FakeServer server(solver(5));
  const std::string model = "m=openai-compat:" + server.base_url() + "#solver";
  auto whole = test::run_cli(dir, run_args(dir.file("whole.db"), suite, model, ""));
  REQUIRE(whole.exit_code == 0);

  std::vector<std::string> merge_args = {"merge"};
  for (int s = 0; s < 4; ++s) {
    const std::string db = dir.file("shard-" + std::to_string(s) + ".db");
    merge_args.push_back(db);
    const auto args = run_args(db, suite, model, std::to_string(s) + "/4");
    if (s == 1) {
      const int start = server.request_count();
      const pid_t pid = test::spawn_cli(args, dir.file("killed.log"));
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (server.request_count() < start + 30 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
      REQUIRE(WIFSIGNALED(status));
      REQUIRE(server.request_count() - start < kItems / 4);  // it really was cut short
    }
    auto r = test::run_cli(dir, args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  merge_args.insert(merge_args.end(), {"--out", dir.file("all.db")});
  auto merged = test::run_cli(dir, merge_args);
  INFO(merged.output);
  REQUIRE(merged.exit_code == 0);
  CHECK(leaderboard(dir, dir.file("all.db")) == leaderboard(dir, dir.file("whole.db")));
}
