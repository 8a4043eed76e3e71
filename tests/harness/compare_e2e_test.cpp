// End-to-end tests of `yardstick compare` and `gate --baseline` on stores written with known
// scores. Expected values: the hand-computed delta and McNemar p (2 * (1 + 5) / 2^5 = 0.375) and
// the bootstrap interval from tests/judge/stats/paired_reference.py (same items, rounds and seed).
#include <catch2/catch.hpp>

#include "harness/store/store.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"

using namespace ys;
using ys::test::run_cli;
using Cli = ys::test::CliResult;

namespace {

void put_model(Store& store, const std::string& model, const std::vector<int>& correct,
               const std::string& fingerprint = "fp") {
  RunRecord run;
  run.run_id = "run-" + model;
  run.model_name = model;
  run.model_identity = "fake|" + model;
  run.backend_kind = "fake";
  run.suite_name = "custom:known";
  run.protocol_version = "1";
  run.dataset_fingerprint = fingerprint;
  run.n_items = static_cast<int64_t>(correct.size());
  run.status = "complete";
  REQUIRE(store.put_run(run).ok());
  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> responses;
  std::vector<std::pair<std::string, Score>> scores;
  for (size_t i = 0; i < correct.size(); ++i) {
    SampleLink link;
    link.item_id = "q" + std::to_string(i);
    link.ordinal = static_cast<int64_t>(i);
    link.category = i % 2 ? "odd" : "even";
    link.request_key = model + "-" + link.item_id;
    link.request.messages = {{"user", "question " + link.item_id}};
    links.push_back(link);
    Response response;
    response.text = correct[i] ? "right" : "wrong";
    responses.push_back({link.request_key, run.model_identity, link.request, response, {}});
    Score score;
    score.value = correct[i];
    scores.emplace_back(link.item_id, score);
  }
  REQUIRE(store.put_samples(run.run_id, links).ok());
  REQUIRE(store.put_responses(responses).ok());
  REQUIRE(store.put_scores(run.run_id, scores).ok());
}

// 1,000 items, 700 right for the baseline; the candidate loses `lost` of them and wins `won`.
std::vector<int> shifted(const std::vector<int>& base, int lost, int won) {
  std::vector<int> out = base;
  for (size_t i = 0; i < out.size() && (lost > 0 || won > 0); ++i) {
    if (out[i] == 1 && lost > 0 && i % 3 == 0)
      out[i] = 0, --lost;
    else if (out[i] == 0 && won > 0)
      out[i] = 1, --won;
  }
  REQUIRE(lost == 0);
  REQUIRE(won == 0);
  return out;
}

std::vector<int> thousand() {
  std::vector<int> base(1000);
  for (size_t i = 0; i < base.size(); ++i) base[i] = i % 10 < 7;
  return base;
}

}  // namespace

TEST_CASE("compare prints the hand-computed delta, McNemar p and the reference bootstrap CI") {
  test::TempDir dir;
  const std::string db = dir.file("y.db");
  {
    auto store = std::move(Store::open(db).value());
    put_model(*store, "cand", {1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0});
    put_model(*store, "base", {0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0});
  }
  Cli c = run_cli(dir, {"--db", db, "compare", "base", "cand", "--rounds", "2000", "--seed", "7"});
  INFO(c.output);
  REQUIRE(c.exit_code == 0);
  CHECK(c.output.find("A = base, B = cand") != std::string::npos);
  // suite row: A 5/12 = 41.7, B 8/12 = 66.7, delta +25.0, CI [-8.3, +58.3], 4 won / 1 lost / 7
  // tied, p 0.375.
  CHECK(c.output.find("41.7  66.7  +25.0") != std::string::npos);
  CHECK(c.output.find("[-8.3, +58.3]") != std::string::npos);
  CHECK(c.output.find("4/1/7") != std::string::npos);
  CHECK(c.output.find("0.375") != std::string::npos);
  CHECK(c.output.find("mcnemar-exact") != std::string::npos);
  // category "even" (items 0, 2, ..., 10): cand 1,1,1,1,0,1 vs base 0,0,1,0,0,1: 3 vs 0
  // discordant, p = 2 / 8; Holm with the "odd" row (1 vs 1, p = 1): 2 * 0.25.
  CHECK(c.output.find("0.250  0.500") != std::string::npos);

  Cli missing = run_cli(dir, {"--db", db, "compare", "base", "nobody"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("no stored runs of model 'nobody'") != std::string::npos);
}

TEST_CASE("gate on identical runs passes with no significant change") {
  test::TempDir dir;
  const std::string db = dir.file("y.db");
  {
    auto store = std::move(Store::open(db).value());
    put_model(*store, "base", thousand());
    put_model(*store, "cand", thousand());
  }
  Cli g = run_cli(
      dir, {"--db", db, "gate", "--baseline", "base", "--candidate", "cand", "--max-drop", "0"});
  INFO(g.output);
  CHECK(g.exit_code == 0);
  CHECK(g.output.find("[rule: no-significant-change]") != std::string::npos);
  CHECK(g.output.find("gate: passed") != std::string::npos);
}

TEST_CASE("gate fails on a planted 5-point drop over 1,000 items and writes JUnit") {
  test::TempDir dir;
  const std::string db = dir.file("y.db");
  {
    auto store = std::move(Store::open(db).value());
    put_model(*store, "base", thousand());
    put_model(*store, "cand", shifted(thousand(), 60, 10));  // 70.0 -> 65.0
  }
  const std::string junit = dir.file("gate.xml");
  Cli g = run_cli(dir, {"--db", db, "gate", "--baseline", "base", "--candidate", "cand",
                        "--max-drop", "1", "--alpha", "0.05", "--junit", junit});
  INFO(g.output);
  CHECK(g.exit_code == 1);
  CHECK(g.output.find("-5.00 points") != std::string::npos);
  CHECK(g.output.find("[rule: significant-drop]") != std::string::npos);
  CHECK(g.output.find("gate: FAILED") != std::string::npos);
  const std::string xml = test::slurp(junit);
  CHECK(xml.find("<failure type=\"significant-drop\"") != std::string::npos);
  CHECK(xml.find("name=\"cand vs base on custom:known\"") != std::string::npos);

  // The same drop passes when it is within --max-drop, and says so.
  Cli within = run_cli(
      dir, {"--db", db, "gate", "--baseline", "base", "--candidate", "cand", "--max-drop", "6"});
  CHECK(within.exit_code == 0);
  CHECK(within.output.find("[rule: drop-within-max-drop]") != std::string::npos);
}

TEST_CASE("gate passes a planted 0.5-point drop as not significant") {
  test::TempDir dir;
  const std::string db = dir.file("y.db");
  {
    auto store = std::move(Store::open(db).value());
    put_model(*store, "base", thousand());
    put_model(*store, "cand", shifted(thousand(), 20, 15));  // 70.0 -> 69.5; McNemar(15, 20)
  }
  Cli g = run_cli(dir, {"--db", db, "gate", "--baseline", "base", "--candidate", "cand",
                        "--max-drop", "0", "--min-score", "0.6"});
  INFO(g.output);
  CHECK(g.exit_code == 0);
  CHECK(g.output.find("-0.50 points") != std::string::npos);
  CHECK(g.output.find("no significant change [rule: no-significant-change]") != std::string::npos);
  CHECK(g.output.find("PASS cand on custom:known: score 0.695") != std::string::npos);
  Cli none = run_cli(dir, {"--db", db, "gate"});
  CHECK(none.exit_code == 2);
}
