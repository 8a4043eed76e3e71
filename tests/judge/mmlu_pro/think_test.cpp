#include "judge/mmlu_pro/think.h"

#include <catch2/catch.hpp>

TEST_CASE("a think block is removed and its inner length counted") {
  const auto split = ys::mmlu_pro::strip_think_blocks("<think>abc</think>The answer is (B)");
  CHECK(split.answer == "The answer is (B)");
  CHECK(split.reasoning_chars == 3);
  CHECK_FALSE(split.unterminated);
}

TEST_CASE("several think blocks are all removed") {
  const auto split = ys::mmlu_pro::strip_think_blocks("a<think>xx</think>b<think>yyy</think>c");
  CHECK(split.answer == "abc");
  CHECK(split.reasoning_chars == 5);
}

TEST_CASE("a closing tag with no opening tag ends reasoning that began in the prompt") {
  const auto split = ys::mmlu_pro::strip_think_blocks("hmm A or B</think>\nThe answer is (C)");
  CHECK(split.answer == "\nThe answer is (C)");
  CHECK(split.reasoning_chars == 10);
}

TEST_CASE("an unterminated think block removes the rest of the text") {
  const auto split = ys::mmlu_pro::strip_think_blocks("pre<think>still thinking");
  CHECK(split.answer == "pre");
  CHECK(split.reasoning_chars == 14);
  CHECK(split.unterminated);
}

TEST_CASE("text without think tags passes through unchanged") {
  const auto split = ys::mmlu_pro::strip_think_blocks("The answer is (D)");
  CHECK(split.answer == "The answer is (D)");
  CHECK(split.reasoning_chars == 0);
}

TEST_CASE("reasoning length counts code points, not bytes") {
  // "é" is two bytes, "答" three: 2 code points inside the block.
  const auto split = ys::mmlu_pro::strip_think_blocks("<think>\xc3\xa9\xe7\xad\x94</think>x");
  CHECK(split.reasoning_chars == 2);
  CHECK(split.answer == "x");
}
