#include "suites/livebench/answer_text.h"

#include <catch2/catch.hpp>

TEST_CASE("closed think blocks are removed, shortest match, across lines") {
  CHECK(ys::livebench::remove_think_blocks("<think>a\nb</think>The answer is 4") ==
        "The answer is 4");
  CHECK(ys::livebench::remove_think_blocks("x<think>1</think>y<think>2</think>z") == "xyz");
  // Non-greedy: the text between two blocks stays.
  CHECK(ys::livebench::remove_think_blocks("<think>1</think> keep </think>") == " keep </think>");
  // An unclosed block is left as it is, as LiveBench's regex leaves it.
  CHECK(ys::livebench::remove_think_blocks("<think>still thinking") == "<think>still thinking");
  CHECK(ys::livebench::remove_think_blocks("") == "");
}

TEST_CASE("instruction following answers are also stripped of surrounding whitespace") {
  CHECK(ys::livebench::livebench_scored_text("<think>x</think>\n  Hello \n",
                                             "instruction_following") == "Hello");
  CHECK(ys::livebench::livebench_scored_text("<think>x</think>\n  Hello \n", "math") ==
        "\n  Hello \n");
  CHECK(ys::livebench::livebench_scored_text(" \n\t", "instruction_following").empty());
}
