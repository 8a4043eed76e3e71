// Our ground-truth scorers against LiveBench's own judgments of the fixture's answers.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

#include "tests/judge/livebench/livebench_fixture.h"

namespace lbt = ys::livebench::testing;

namespace {

void check_task(const std::string& category, const std::string& task) {
  const lbt::Agreement a = lbt::agreement(category, task);
  std::printf("%-14s %-16s n=%3d equal=%3d share=%.3f ours=%.2f livebench=%.2f\n", category.c_str(),
              task.c_str(), a.n, a.equal, a.share(), a.ours_mean, a.theirs_mean);
  for (const auto& d : a.disagreements) WARN(task << " " << d);
  CHECK(a.n > 0);
  CHECK(a.share() >= 0.99);
}

}  // namespace

TEST_CASE("math_comp scores agree with LiveBench's judgments") {
  check_task("math", "math_comp");
}
TEST_CASE("olympiad scores agree with LiveBench's judgments") {
  check_task("math", "olympiad");
}
TEST_CASE("spatial scores agree with LiveBench's judgments") {
  check_task("reasoning", "spatial");
}
TEST_CASE("web_of_lies_v2 scores agree with LiveBench's judgments") {
  check_task("reasoning", "web_of_lies_v2");
}
TEST_CASE("zebra_puzzle scores agree with LiveBench's judgments") {
  check_task("reasoning", "zebra_puzzle");
}
TEST_CASE("cta scores agree with LiveBench's judgments") {
  check_task("data_analysis", "cta");
}
TEST_CASE("tablejoin scores agree with LiveBench's judgments") {
  check_task("data_analysis", "tablejoin");
}
TEST_CASE("AMPS_Hard scores agree with LiveBench's judgments") {
  check_task("math", "AMPS_Hard");
}
TEST_CASE("tablereformat scores agree with LiveBench's judgments") {
  check_task("data_analysis", "tablereformat");
}
