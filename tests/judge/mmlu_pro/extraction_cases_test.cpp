// Runs every case of extraction_cases.jsonl through the full scoring pipeline (think stripping,
// "**" removal for the chat rendering, the extraction chain). Expected letters and methods were
// written by hand and checked against Python's `re` running the official TIGER-Lab functions.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "judge/mmlu_pro/score.h"
#include "tests/support/case_file.h"

namespace {

std::string build_input(const ys::Json& c) {
  std::string text;
  const std::string unit = c.at("input").get<std::string>();
  const int repeat = c.value("repeat", 1);
  text.reserve(unit.size() * repeat + 32);
  for (int i = 0; i < repeat; ++i) text += unit;
  return text + c.value("suffix", std::string());
}

// Runs every case of a case file; returns how many ran.
int run_cases(const std::string& file) {
  return ys::test::for_each_case("tests/judge/mmlu_pro/" + file, [](const ys::Json& c,
                                                                    const std::string&) {
    ys::Item item;
    item.reference = {{"answer", "A"}, {"n_options", 10}, {"question_id", 1}};
    item.meta["rendering"] = c.value("rendering", std::string("raw"));
    ys::Response response;
    response.text = build_input(c);
    ys::mmlu_pro::MmluProScoring scoring;
    scoring.strip_think = c.value("strip_think", false);

    const ys::Score s = ys::mmlu_pro::score_mmlu_pro(item, response, scoring);
    INFO("case: " << c.at("name").get<std::string>());
    const std::string expected = c.at("letter").is_null() ? "" : c.at("letter").get<std::string>();
    CHECK(s.extracted == expected);
    CHECK(s.method == c.at("method").get<std::string>());
    CHECK((s.status == ys::ScoreStatus::unparsed) == expected.empty());
  });
}

}  // namespace

TEST_CASE("every extraction case gives the letter and method Python's re gives") {
  CHECK(run_cases("extraction_cases.jsonl") >= 60);
}

// random_cases.jsonl: 600 seeded random texts from rule-stressing fragments, expected values from
// Python's re running the official chain (gen_random_cases.py).
TEST_CASE("random fragment soups extract exactly as Python's re does") {
  CHECK(run_cases("random_cases.jsonl") == 600);
}
