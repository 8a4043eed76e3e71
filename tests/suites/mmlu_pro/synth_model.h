// A random-weight tiny q8_0 model with the Qwen2 vocabulary of the shared fixtures, written by
// `yardstick engine make-model`, for the MMLU-Pro tests that run on the local engine.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

namespace ys::testing {

// The model's path in dir, or "" (the test returns) when the vocabulary fixture is absent outside
// CI (tests/support/paths.h). env is passed to the yardstick process. Fails the test when
// make-model fails.
inline std::string make_synth_model(const ys::test::TempDir& dir,
                                    const std::vector<std::string>& env) {
  const std::string vocab = ys::test::fixture_path("tokenizer/ggml-vocab-qwen2.gguf");
  if (!ys::test::have_fixture(vocab)) return "";
  const std::string model = dir.file("synth.gguf");
  auto made = ys::test::run_cli(
      dir,
      {"engine", "make-model", "--shape", "tiny", "--type", "q8_0", "--vocab", vocab, "-o", model},
      env);
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  return model;
}

}  // namespace ys::testing
