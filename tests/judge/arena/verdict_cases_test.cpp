// Verdict parsing as data: every line of verdict_cases.jsonl is one case
// {name, rule, text, label (null = no verdict), ask_again}.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "harness/core/types.h"
#include "judge/arena/verdict.h"
#include "tests/support/case_file.h"

using namespace ys;
using namespace ys::arena;

TEST_CASE("every verdict case in the data file parses to its expected label") {
  const int n = test::for_each_case(
      "tests/judge/arena/verdict_cases.jsonl", [](const Json& c, const std::string&) {
        auto rule = verdict_rule_from_string(c.at("rule").get<std::string>());
        REQUIRE(rule.has_value());
        Verdict v = parse_verdict(c.at("text").get<std::string>(), *rule);
        INFO("case: " << c.at("name").get<std::string>() << " (" << c.at("rule").get<std::string>()
                      << ")");
        if (c.at("label").is_null()) {
          CHECK_FALSE(v.label.has_value());
        } else {
          REQUIRE(v.label.has_value());
          CHECK(*v.label == c.at("label").get<std::string>());
        }
        CHECK(v.ask_again == c.value("ask_again", false));
      });
  CHECK(n >= 40);
}

TEST_CASE("labels map to the published A-scores and weights") {
  CHECK(label_outcome("A>>B")->a_score == 1.0);
  CHECK(label_outcome("A>>B")->weight == 3);
  CHECK(label_outcome("B<<A")->a_score == 1.0);
  CHECK(label_outcome("B<<A")->weight == 3);
  CHECK(label_outcome("A<B")->a_score == 0.0);
  CHECK(label_outcome("B=A")->a_score == 0.5);
  CHECK(label_outcome("B>A")->weight == 1);
  CHECK_FALSE(label_outcome("A>=B").has_value());
}

TEST_CASE("a very long hostile judge text parses without trouble") {
  std::string text(200000, '[');
  text += "A>B]]";
  Verdict v = parse_verdict(text, VerdictRule::v2_0);
  REQUIRE(v.label.has_value());
  CHECK(*v.label == "A>B");
  CHECK_FALSE(parse_verdict(std::string(100000, ']'), VerdictRule::v0_1).label.has_value());
}
