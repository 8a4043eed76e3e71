#include "suites/arena_hard/arena_suite.h"

#include <catch2/catch.hpp>

#include "test_paths.h"

using namespace ys;
using namespace ys::arena;

TEST_CASE("the arena-hard suite plans one chat item per question with category metadata") {
  auto suite =
      make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), Json::object()});
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  REQUIRE(items.ok());
  REQUIRE(items->size() == 6);
  const Item& it = (*items)[2];
  CHECK(it.id == "q-math-1");
  CHECK(it.category == "hard_prompt");
  CHECK(it.meta["subcategory"] == "math");
  REQUIRE(it.request.messages.size() == 1);
  CHECK(it.request.messages[0].role == "user");
  CHECK((*suite)->info().protocol_version == kArenaHardProtocol);
  CHECK((*suite)->info().dataset_fingerprint.size() == 64);
}

TEST_CASE("the category option filters questions and params reach the requests") {
  Json opts = {{"category", "creative_writing"}, {"max_tokens", 2048}, {"temperature", 0.7}};
  auto suite = make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), opts});
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  REQUIRE(items.ok());
  REQUIRE(items->size() == 2);
  CHECK((*items)[0].request.params.max_tokens == 2048);
  CHECK((*items)[0].request.params.temperature == 0.7);
}

TEST_CASE("bad arena-hard options and files are errors") {
  CHECK_FALSE(make_arena_hard_suite({"arena-hard", "missing.jsonl", Json::object()}).ok());
  Json bad = {{"max_tokens", "lots"}};
  CHECK_FALSE(
      make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), bad}).ok());
  Json typo = {{"max_token", 5}};
  auto t = make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), typo});
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.find("max_token") != std::string::npos);
  Json none = {{"category", "no-such-category"}};
  CHECK_FALSE(
      make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), none}).ok());
}

TEST_CASE("score says arena scores come from judging") {
  auto suite =
      make_arena_hard_suite({"arena-hard", arena_test::sample("question.jsonl"), Json::object()});
  REQUIRE(suite.ok());
  Response r;
  r.text = "anything";
  Score s = (*suite)->score(Item{}, r);
  CHECK(s.status == ScoreStatus::ok);
  CHECK(s.value == 0.0);
  CHECK(s.detail.contains("note"));
}
