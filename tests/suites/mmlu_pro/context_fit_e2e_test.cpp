// Exemplar dropping end to end: the local engine reports its context size and counts tokens with
// the GGUF's tokenizer, and the MMLU-Pro suite drops examples until each prompt fits, as
// evaluate_from_local.py does. The loglik prompts of the sample data have 561-1,425 bytes with 5
// examples and 81-266 bytes with none, so a 112-token context holds no 5-shot prompt and every
// 0-shot one; without the fitting every request would fail with "does not fit the context".
// Random weights: the accuracy means nothing and is not checked.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "harness/store/store.h"
#include "synth_model.h"
#include "test_files.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"

using ys::test::run_cli;

namespace {

// The samples of the only run in `db`.
std::vector<ys::StoredSample> samples_of(const std::string& db) {
  auto store = ys::Store::open(db);
  REQUIRE(store.ok());
  auto runs = (*store)->runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  auto samples = (*store)->samples(runs->front().run_id);
  REQUIRE(samples.ok());
  return *samples;
}

std::string config(const std::string& model, int n_ctx) {
  return "models:\n  - name: synth\n    backend: local\n    path: " + model +
         "\n    n_ctx: " + std::to_string(n_ctx) +
         "\nsuites:\n  - kind: mmlu-pro\n    path: " + ys::testing::sample_test() +
         "\n    protocol: loglik\n";
}

}  // namespace

TEST_CASE("examples are dropped until each prompt fits the local model's context") {
  ys::test::TempDir dir;
  const std::vector<std::string> env = {"XDG_CACHE_HOME=" + dir.file("cache")};
  const std::string model = ys::testing::make_synth_model(dir, env);
  if (model.empty()) return;

  const std::string small_db = dir.file("small.db");
  auto small = run_cli(
      dir, {"--db", small_db, "run", "-c", dir.write("small.yaml", config(model, 112))}, env);
  INFO(small.output);
  REQUIRE(small.exit_code == 0);
  CHECK(small.output.find("28 items, 0 already stored, 28 sent, 0 errors") != std::string::npos);
  int with_examples = 0;
  for (const auto& s : samples_of(small_db)) {
    INFO(s.link.item_id);
    CHECK(s.link.meta.at("k").get<int>() < 5);
    with_examples += s.link.meta.at("k").get<int>() > 0;
    CHECK_FALSE(s.link.meta.contains("prompt_overflow"));
    REQUIRE(s.response.has_value());
    CHECK(s.response->ok());
  }
  CHECK(with_examples > 0);  // examples are dropped one at a time, not all at once

  // The same questions with the default context keep all five examples.
  const std::string big_db = dir.file("big.db");
  auto big =
      run_cli(dir, {"--db", big_db, "run", "-c", dir.write("big.yaml", config(model, 4096))}, env);
  INFO(big.output);
  REQUIRE(big.exit_code == 0);
  for (const auto& s : samples_of(big_db)) CHECK(s.link.meta.at("k") == 5);
}
