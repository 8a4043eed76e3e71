// The loglik protocol's scorer, run over the hand-computed cases in loglik_score_cases.jsonl
// (fields: name, answer, n_options, logprobs (numbers, or "nan" / "-inf"), [n_tokens: one per
// option, default 1], [error], and the expected status, extracted letter and value).
#include "suites/mmlu_pro/loglik_score.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <limits>
#include <string>

#include "test_files.h"
#include "tests/support/case_file.h"

namespace {

double number(const ys::Json& v) {
  if (v.is_number()) return v.get<double>();
  const std::string s = v.get<std::string>();
  if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (s == "-inf") return -std::numeric_limits<double>::infinity();
  FAIL("bad logprob " << s);
  return 0.0;
}

}  // namespace

TEST_CASE("loglik scoring cases: argmax of the option letters, ties to the first") {
  const int n_cases = ys::test::for_each_case(
      "tests/suites/mmlu_pro/loglik_score_cases.jsonl", [](const ys::Json& c, const std::string&) {
        INFO(c.at("name").get<std::string>());
        ys::Item item;
        item.request.kind = ys::RequestKind::loglik;
        item.reference = {{"answer", c.at("answer")}, {"n_options", c.at("n_options")}};
        ys::Response r;
        if (c.contains("error")) {
          r.error_kind = *ys::error_kind_from_string(c.at("error").get<std::string>());
          r.error = "failed";
        }
        const ys::Json& logprobs = c.at("logprobs");
        for (size_t i = 0; i < logprobs.size(); ++i) {
          const int n_tokens = c.contains("n_tokens") ? c.at("n_tokens")[i].get<int>() : 1;
          r.logliks.push_back({number(logprobs[i]), false, n_tokens});
        }
        const ys::Score s = ys::mmlu_pro::score_mmlu_pro_loglik(item, r);
        CHECK(ys::to_string(s.status) == c.at("status").get<std::string>());
        CHECK(s.extracted == c.at("extracted").get<std::string>());
        CHECK(s.value == c.at("value").get<double>());
        if (s.status == ys::ScoreStatus::ok) CHECK(s.method == "loglik-argmax");
      });
  CHECK(n_cases == 15);
}

TEST_CASE("the loglik score keeps every logprob and whether the chosen letter was greedy") {
  ys::Item item;
  item.reference = {{"answer", "B"}, {"n_options", 3}};
  ys::Response r;
  r.logliks = {
      {-3.0, false, 1}, {-0.25, true, 1}, {-std::numeric_limits<double>::infinity(), false, 1}};
  const ys::Score s = ys::mmlu_pro::score_mmlu_pro_loglik(item, r);
  CHECK(s.value == 1.0);
  CHECK(s.detail.at("logprobs") == ys::Json::array({-3.0, -0.25, "-inf"}));
  CHECK(s.detail.at("is_greedy") == true);
}
