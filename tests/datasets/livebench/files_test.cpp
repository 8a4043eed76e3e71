// LiveBench question, answer and judgment files: the real slice, and bad or quirky records written
// here (errors name file:line and the field; accepted quirks are counted).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "datasets/livebench/answers.h"
#include "datasets/livebench/judgments.h"
#include "datasets/livebench/questions.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

namespace lb = ys::livebench;

namespace {

std::string fixture() {
  return ys::test::fixture_path("livebench");
}

std::string question(const std::string& id) {
  return R"({"question_id":")" + id +
         R"(","category":"math","task":"math_comp","turns":["q"],"ground_truth":"1",)"
         R"("livebench_release_date":"2024-06-24","livebench_removal_date":""})" +
         "\n";
}

}  // namespace

TEST_CASE("real answer and judgment files load with LiveBench's fields") {
  auto answers =
      lb::load_answer_file(fixture() + "/math/AMPS_Hard/model_answer/zft-community-8b-bs4.jsonl");
  REQUIRE(answers.ok());
  CHECK(answers->answers.size() == 100);
  CHECK(answers->stats.n_duplicate_ids == 0);
  const lb::ModelAnswer& a = answers->answers.front();
  CHECK(a.question_id == "0036922c19213c53a71203a1c4f9b42892eaf0a545e85899771a98142732d7bc");
  CHECK(a.answer_id == "49TPfdvNZkX3Y6CwpPnvdA");
  CHECK(a.total_output_tokens == 481);
  CHECK(a.text.rfind("The characteristic polynomial", 0) == 0);
  auto judgments = lb::load_judgment_file(
      fixture() + "/math/AMPS_Hard/model_judgment/ground_truth_judgment.jsonl");
  REQUIRE(judgments.ok());
  CHECK(judgments->judgments.size() == 100);
  CHECK(judgments->judgments.front().model == "zft-community-8b-bs4");
}

TEST_CASE("bad question records name file:line and the field") {
  ys::test::TempDir dir;
  auto expect_error = [&](const std::string& second_line, const std::string& what) {
    const std::string path = dir.write("question.jsonl", question("a") + second_line + "\n");
    auto file = lb::load_question_file(path, "math", "math_comp");
    REQUIRE_FALSE(file.ok());
    INFO(file.error().message);
    CHECK(file.error().message.find("question.jsonl:2") != std::string::npos);
    CHECK(file.error().message.find(what) != std::string::npos);
  };
  expect_error("{\"question_id\": 5,", "not valid JSON");
  expect_error(R"({"category":"math","task":"t","turns":["q"]})", "question_id");
  expect_error(
      R"({"question_id":"b","category":"math","task":"t","turns":[],"livebench_release_date":"2024-06-24"})",
      "turns");
  expect_error(R"({"question_id":"b","category":"math","task":"t","turns":["q"]})",
               "livebench_release_date");
  expect_error(
      R"({"question_id":"b","category":"math","task":"t","turns":["q"],"livebench_release_date":"June 2024"})",
      "livebench_release_date");
  expect_error(
      R"({"question_id":"b","category":"math","task":"t","turns":["q"],"livebench_release_date":"2024-06-24","livebench_removal_date":"soon"})",
      "livebench_removal_date");
}

TEST_CASE("quirks LiveBench accepts in question files are accepted and counted") {
  ys::test::TempDir dir;
  const std::string path = dir.write(
      "question.jsonl",
      question("a") + "\n" + question("a") +
          R"({"question_id":"b","category":"math","task":"other","turns":["q"],"livebench_release_date":"2024-06-24"})"
          "\n");
  auto file = lb::load_question_file(path, "math", "math_comp");
  REQUIRE(file.ok());
  CHECK(file->questions.size() == 2);
  CHECK(file->stats.n_records == 3);
  CHECK(file->stats.n_duplicate_ids == 1);
  CHECK(file->stats.n_missing_removal_date == 1);
  CHECK(file->stats.n_task_differs_from_folder == 1);
  CHECK(lb::removal_date_of(file->questions[1]).empty());
}

TEST_CASE("the release rule: released on or before, removed after or never") {
  lb::Question q;
  q.release_date = "2024-08-31";
  q.record = {{"livebench_removal_date", "2024-11-25"}};
  CHECK_FALSE(lb::in_release(q, "2024-07-26"));
  CHECK(lb::in_release(q, "2024-08-31"));
  CHECK(lb::in_release(q, "2024-11-24"));
  CHECK_FALSE(lb::in_release(q, "2024-11-25"));  // removed in that release
  CHECK(lb::in_release(q, ""));
  q.record = {{"livebench_removal_date", ""}};
  CHECK(lb::in_release(q, "2030-01-01"));
}

TEST_CASE("answer files: last record wins, $ERROR$ is counted, bad records are named") {
  ys::test::TempDir dir;
  const std::string path = dir.write(
      "m.jsonl",
      R"({"question_id":"a","answer_id":"x1","choices":[{"index":0,"turns":["first"]}]})"
      "\n"
      R"({"question_id":"b","choices":[{"index":0,"turns":["$ERROR$"]}],"total_output_tokens":0})"
      "\n"
      R"({"question_id":"a","answer_id":"x2","choices":[{"index":0,"turns":["t1","second"]}]})"
      "\n");
  auto file = lb::load_answer_file(path);
  REQUIRE(file.ok());
  REQUIRE(file->answers.size() == 2);
  CHECK(file->answers[0].answer_id == "x2");
  CHECK(file->answers[0].text == "second");
  CHECK(file->answers[0].n_turns == 2);
  CHECK(file->stats.n_duplicate_ids == 1);
  CHECK(file->answers[1].api_error);
  CHECK(file->stats.n_api_errors == 1);

  const std::string bad =
      dir.write("bad.jsonl", R"({"question_id":"a","choices":[{"index":0,"turns":["ok"]}]})"
                             "\n"
                             R"({"question_id":"b","choices":[{"index":0,"turns":[3]}]})"
                             "\n");
  auto err = lb::load_answer_file(bad);
  REQUIRE_FALSE(err.ok());
  CHECK(err.error().message.find("bad.jsonl:2: field 'choices[0].turns'") != std::string::npos);
  const std::string nochoice = dir.write("n.jsonl", R"({"question_id":"a"})"
                                                    "\n");
  auto err2 = lb::load_answer_file(nochoice);
  REQUIRE_FALSE(err2.ok());
  CHECK(err2.error().message.find("n.jsonl:1: field 'choices'") != std::string::npos);
}

TEST_CASE("judgment files: a score of -1 is kept and counted, a missing score is an error") {
  ys::test::TempDir dir;
  auto file = lb::load_judgment_file(
      dir.write("j.jsonl", R"({"question_id":"a","model":"m","score":1,"task":"t","category":"c"})"
                           "\n"
                           R"({"question_id":"b","model":"m","score":-1})"
                           "\n"));
  REQUIRE(file.ok());
  CHECK(file->n_dropped == 1);
  auto bad = lb::load_judgment_file(dir.write("k.jsonl", R"({"question_id":"a","model":"m"})"
                                                         "\n"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("k.jsonl:1: field 'score'") != std::string::npos);
}
