// `yardstick engine bench` end to end: a random-weight model written with --make, or a given GGUF,
// measured with tiny settings (-p 8 -n 4 -r 1); the table, the reference ratios, the time split,
// the memory ceiling and the usage errors. Figures are not checked, only that they are printed.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

using ys::test::run_cli;

TEST_CASE("engine bench --make measures a temporary random-weight model and deletes it") {
  ys::test::TempDir dir;
  auto r = run_cli(dir, {"engine", "bench", "--make", "q8_0", "--shape", "tiny", "-p", "8", "-n",
                         "4", "-r", "1", "-t", "1", "--ref-pp", "100", "--ref-tg", "50"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("random weights") != std::string::npos);
  CHECK(r.output.find("1 threads, 1 repetitions") != std::string::npos);
  CHECK(r.output.find("pp8 ") != std::string::npos);
  CHECK(r.output.find("tg4 ") != std::string::npos);
  CHECK(r.output.find("pp8 ratio to reference 100.00 tok/s: ") != std::string::npos);
  CHECK(r.output.find("tg4 ratio to reference 50.00 tok/s: ") != std::string::npos);
  CHECK(r.output.find("pp8 time: weight matmuls ") != std::string::npos);
  CHECK(r.output.find("tg4 time: weight matmuls ") != std::string::npos);
  CHECK(r.output.find("tg memory ceiling: a token reads ") != std::string::npos);
  CHECK(r.output.find("pp8 compute: ") != std::string::npos);
  const size_t at = r.output.find("ys-bench-");
  REQUIRE(at != std::string::npos);
  const std::string name = r.output.substr(at, r.output.find(".gguf", at) + 5 - at);
  CHECK_FALSE(std::filesystem::exists(std::filesystem::temp_directory_path() / name));
}

TEST_CASE("engine bench measures a given GGUF, and -n 0 skips generation") {
  const std::string model = ys::test::fixture_path("models/tiny-qwen2-q8_0.gguf");
  if (!ys::test::have_fixture(model)) return;
  ys::test::TempDir dir;
  auto r = run_cli(dir, {"engine", "bench", "-m", model, "-p", "8", "-n", "0", "-r", "2", "-t", "1",
                         "--ref-tg", "5"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("model: " + model) != std::string::npos);
  CHECK(r.output.find("pp8 ") != std::string::npos);
  CHECK(r.output.find("\ntg") == std::string::npos);  // no tg row, no tg ratio
}

TEST_CASE("engine bench needs one model source, something to measure and sane numbers") {
  ys::test::TempDir dir;
  auto none = run_cli(dir, {"engine", "bench"});
  CHECK(none.exit_code == 2);
  CHECK(none.output.find("give either -m MODEL.gguf or --make TYPE") != std::string::npos);
  auto both = run_cli(dir, {"engine", "bench", "-m", "x.gguf", "--make", "q8_0"});
  CHECK(both.exit_code == 2);
  auto nothing = run_cli(dir, {"engine", "bench", "--make", "q8_0", "-p", "0", "-n", "0"});
  CHECK(nothing.exit_code == 2);
  auto bad_type = run_cli(dir, {"engine", "bench", "--make", "q4_k_m", "--shape", "tiny"});
  CHECK(bad_type.exit_code == 2);
  CHECK(bad_type.output.find("bench writes f32, f16, bf16, q8_0, q4_0") != std::string::npos);
  auto bad_shape = run_cli(dir, {"engine", "bench", "--make", "q4_k", "--shape", "tiny"});
  CHECK(bad_shape.exit_code == 2);
  CHECK(bad_shape.output.find("block size 256") != std::string::npos);
  auto zero = run_cli(dir, {"engine", "bench", "--make", "q8_0", "--panel-min-tokens", "0"});
  CHECK(zero.exit_code == 2);
  CHECK(zero.output.find("--panel-min-tokens: must be more than 0, got 0") != std::string::npos);
  auto negative = run_cli(dir, {"engine", "bench", "--make", "q8_0", "-p", "-1"});
  CHECK(negative.exit_code == 2);
  CHECK(negative.output.find("must be 0 or more, got -1") != std::string::npos);
  auto missing = run_cli(dir, {"engine", "bench", "-m", dir.file("nope.gguf")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("nope.gguf") != std::string::npos);
}
