// MMLU-Pro protocol=loglik end to end through the yardstick binary on a random-weight make-model
// GGUF (tokenizer from the shared fixtures): every question gets one stored loglik response with
// one log-likelihood per option and a score, and a re-run sends nothing. The weights are random,
// so the accuracy itself means nothing and is not checked.
#include <catch2/catch.hpp>
#include <filesystem>

#include "harness/store/store.h"
#include "synth_model.h"
#include "test_files.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"

using ys::test::run_cli;

TEST_CASE("mmlu-pro protocol=loglik runs on the local engine, and a re-run sends nothing") {
  ys::test::TempDir dir;
  const std::vector<std::string> env = {"XDG_CACHE_HOME=" + dir.file("cache")};
  const std::string model = ys::testing::make_synth_model(dir, env);
  if (model.empty()) return;

  const std::string db = dir.file("y.db");
  const std::vector<std::string> args = {"--db",
                                         db,
                                         "run",
                                         "-s",
                                         "mmlu-pro:" + ys::testing::sample_test(),
                                         "-m",
                                         "synth=local:" + model,
                                         "--suite-opt",
                                         "protocol=loglik"};
  auto first = run_cli(dir, args, env);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(first.output.find("28 items, 0 already stored, 28 sent, 0 errors") != std::string::npos);
  CHECK(std::filesystem::exists(dir.file("cache/yardstick/gguf-hashes.json")));

  auto store = ys::Store::open(db);
  REQUIRE(store.ok());
  auto runs = (*store)->runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  const ys::RunRecord& run = runs->front();
  CHECK(run.protocol_version == "loglik-1");
  CHECK(run.suite_config.at("protocol") == "loglik");
  auto samples = (*store)->samples(run.run_id);
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 28);
  for (const auto& s : *samples) {
    INFO(s.link.item_id);
    const size_t n_options = s.link.reference.at("n_options").get<size_t>();
    CHECK(s.link.request.kind == ys::RequestKind::loglik);
    CHECK(s.link.request.continuations.size() == n_options);
    REQUIRE(s.response.has_value());
    CHECK(s.response->ok());
    REQUIRE(s.response->logliks.size() == n_options);
    for (const auto& ll : s.response->logliks) {
      CHECK(ll.n_tokens == 1);  // " A" .. " J" are single tokens in the Qwen2 vocabulary
      CHECK(ll.logprob < 0.0);
    }
    REQUIRE(s.score.has_value());
    CHECK(s.score->status == ys::ScoreStatus::ok);
    CHECK(s.score->method == "loglik-argmax");
    CHECK(s.score->extracted.size() == 1);
  }

  auto second = run_cli(dir, args, env);
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  CHECK(second.output.find("28 items, 28 already stored, 0 sent") != std::string::npos);
}
