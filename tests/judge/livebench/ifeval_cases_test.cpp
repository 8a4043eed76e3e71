// The IFEval checkers as data: every line of ifeval_cases.jsonl (written by ifeval_reference.py,
// which computes the expected result with Python's own re/str/json under LiveBench's rules, or
// by hand for sentence counts) is {name, id, kwargs, response, followed, by}.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>

#include "judge/livebench/ifeval_checker.h"
#include "judge/livebench/instruction_following.h"
#include "judge/livebench/punkt.h"
#include "judge/livebench/question.h"
#include "tests/support/case_file.h"

namespace lb = ys::livebench;
using ys::Json;

TEST_CASE("every IFEval checker case gives the result Python gives") {
  std::set<std::string> ids;
  const int n = ys::test::for_each_case(
      "tests/judge/livebench/ifeval_cases.jsonl", [&](const Json& c, const std::string&) {
        INFO("case: " << c.at("name").get<std::string>());
        const lb::IfevalChecker* checker = lb::find_ifeval_checker(c.at("id").get<std::string>());
        REQUIRE(checker != nullptr);
        ids.insert(c.at("id").get<std::string>());
        const auto got = checker->check(c.at("kwargs"), c.at("response").get<std::string>());
        REQUIRE(got.ok());
        CHECK(*got == c.at("followed").get<bool>());
      });
  CHECK(ids.size() == lb::ifeval_checkers().size());  // every checker has cases
  CHECK(n >= 60);
}

TEST_CASE("a missing or mistyped kwarg is an error that names it") {
  const auto* words = lb::find_ifeval_checker("length_constraints:number_words");
  REQUIRE(words);
  auto r = words->check(Json{{"num_words", 3}}, "a b c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("relation") != std::string::npos);
  r = words->check(Json{{"num_words", "3"}, {"relation", "at least"}}, "a b c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("num_words") != std::string::npos);
  r = words->check(Json{{"num_words", 3}, {"relation", "at most"}}, "a b c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("at most") != std::string::npos);
}

TEST_CASE("the score is (all followed + share followed) / 2 and a blank answer follows nothing") {
  const auto q = lb::question_from_json(Json::parse(
      R"({"question_id":"q","category":"instruction_following","task":"simplify","turns":["p"],)"
      R"("instruction_id_list":["startend:quotation","keywords:existence","detectable_format:title"],)"
      R"("kwargs":[{"keywords":null},{"keywords":["sun"]},{}]})"));
  REQUIRE(q.ok());
  CHECK(lb::score_instruction_following(*q, "\"<<T>> sun\"", {}).value == 1.0);
  CHECK(lb::score_instruction_following(*q, "\"<<T>> moon\"", {}).value ==
        Approx((0.0 + 2.0 / 3.0) / 2.0));
  const auto blank = lb::score_instruction_following(*q, " \n ", {});
  CHECK(blank.value == 0.0);
  CHECK(blank.detail.at("follow_instruction_list") == Json::array({false, false, false}));
}

TEST_CASE("an unknown instruction or malformed kwargs score as an error with the reason") {
  auto q = lb::question_from_json(Json::parse(
      R"({"question_id":"q","category":"instruction_following","task":"simplify","turns":["p"],)"
      R"("instruction_id_list":["language:response_language"],"kwargs":[{"language":"fr"}]})"));
  REQUIRE(q.ok());
  auto s = lb::score_instruction_following(*q, "bonjour", {});
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.detail.at("reason").get<std::string>().find("response_language") != std::string::npos);
  q->record["kwargs"] = Json::array();
  s = lb::score_instruction_following(*q, "bonjour", {});
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.detail.at("reason").get<std::string>().find("kwargs") != std::string::npos);
}

TEST_CASE("the answer is stripped before the instructions are checked, as LiveBench does") {
  const auto q = lb::question_from_json(Json::parse(
      R"({"question_id":"q","category":"instruction_following","task":"simplify","turns":["p"],)"
      R"("instruction_id_list":["length_constraints:nth_paragraph_first_word"],)"
      R"("kwargs":[{"num_paragraphs":2,"nth_paragraph":1,"first_word":"one"}]})"));
  REQUIRE(q.ok());
  // Unstripped, the first "\n\n" piece would be blank and paragraph 1 would have no first word.
  CHECK(lb::score_instruction_following(*q, "\n\nOne a.\n\nTwo b.\n", {}).value == 1.0);
}

TEST_CASE("degenerate answers (long punctuation runs, no spaces) are counted quickly") {
  const std::string bangs = "Stop" + std::string(200000, '!') + " Now.";
  const std::string dots = "Wait" + std::string(200000, '.') + " then";
  const std::string glued(300000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK(lb::punkt_count_sentences(bangs) >= 2);
  CHECK(lb::punkt_count_sentences(dots) == 1);
  CHECK(lb::punkt_count_sentences(glued) == 1);
  CHECK(lb::ifeval_count_words(glued) == 1);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(s < 2.0);
}

TEST_CASE("format checkers stay linear on long blank or bracket-filled answers") {
  const std::string blank_lines = std::string(200000, '\n') + "* item";
  std::string brackets;
  for (int i = 0; i < 100000; ++i) brackets += "<<";
  brackets += "x>>";
  const auto start = std::chrono::steady_clock::now();
  const auto bullets = lb::find_ifeval_checker("detectable_format:number_bullet_lists");
  CHECK(*bullets->check(Json{{"num_bullets", 1}}, blank_lines));
  CHECK(*lb::find_ifeval_checker("detectable_format:title")->check(Json::object(), brackets));
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(s < 2.0);
}
