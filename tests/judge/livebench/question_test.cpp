#include "judge/livebench/question.h"

#include <catch2/catch.hpp>

#include "tests/judge/livebench/livebench_fixture.h"

namespace lb = ys::livebench;

TEST_CASE("a LiveBench record gives its common fields and keeps the rest") {
  const auto q = lb::question_from_json(ys::Json::parse(
      R"({"question_id":"q1","category":"math","task":"AMPS_Hard","subtask":null,)"
      R"("turns":["t"],"ground_truth":"4 i \\sqrt{5}","livebench_release_date":"2024-08-31",)"
      R"("hardness":null})"));
  REQUIRE(q.ok());
  CHECK(q.value().question_id == "q1");
  CHECK(q.value().subtask.empty());
  CHECK(q.value().release_date == "2024-08-31");
  CHECK(q.value().ground_truth == "4 i \\sqrt{5}");
  CHECK(q.value().record.contains("hardness"));
}

TEST_CASE("a LiveBench record with a missing or mistyped field names the field") {
  auto q = lb::question_from_json(ys::Json::parse(R"({"category":"math","task":"x"})"));
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().message.find("question_id") != std::string::npos);
  q = lb::question_from_json(
      ys::Json::parse(R"({"question_id":"a","category":"m","task":"x","turns":"t"})"));
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().message.find("turns") != std::string::npos);
  CHECK_FALSE(lb::question_from_json(ys::Json::array()).ok());
}

TEST_CASE("every question of the real LiveBench slice parses, and answered ones are found") {
  if (!lb::testing::have_slice()) return;
  const auto tasks = lb::testing::tasks_with_questions();
  CHECK(tasks.size() == 13);
  size_t answered = 0;
  for (const auto& [category, task] : tasks)
    answered += lb::testing::load_cases(category, task).size();
  CHECK(answered > 100);
}
