// Data-driven cases for the ground-truth scorers: tests/judge/livebench/cases/<family>.jsonl, one
// JSON object a line: task, ground_truth, answer, score (expected), and optionally extracted,
// method, subtask, release_date, turns, note. Each case was written by hand from LiveBench's rules
// (docs/suites/livebench.md); the plot_unscrambling cases marked so come from
// cases/plot_unscrambling_reference.py, which uses Python's own difflib.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "judge/livebench/difflib_ratio.h"
#include "judge/livebench/question.h"
#include "judge/livebench/task_scorer.h"
#include "tests/support/case_file.h"

namespace lb = ys::livebench;
namespace fs = std::filesystem;

namespace {

ys::Json question_record(const ys::Json& c, const std::string& where) {
  ys::Json q = {{"question_id", where},
                {"category", "test"},
                {"task", c.at("task")},
                {"ground_truth", c.at("ground_truth")},
                {"livebench_release_date", c.value("release_date", "2024-11-25")},
                {"turns", c.value("turns", ys::Json::array({"question"}))}};
  if (c.contains("subtask")) q["subtask"] = c["subtask"];
  return q;
}

void run_case_file(const std::string& name) {
  const int n = ys::test::for_each_case(
      "tests/judge/livebench/cases/" + name, [](const ys::Json& c, const std::string& where) {
        const auto q = lb::question_from_json(question_record(c, where));
        REQUIRE(q.ok());
        const lb::TaskScorer* scorer = lb::find_task_scorer(c.at("task").get<std::string>());
        REQUIRE(scorer != nullptr);
        const lb::TaskScore s = scorer->score(q.value(), c.at("answer").get<std::string>(), {});
        INFO("got " << s.value << " by " << s.method << ", extracted '" << s.extracted << "', "
                    << s.detail.dump());
        CHECK(std::fabs(s.value - c.at("score").get<double>()) < 1e-6);
        if (c.contains("extracted")) CHECK(s.extracted == c["extracted"].get<std::string>());
        if (c.contains("method")) CHECK(s.method == c["method"].get<std::string>());
      });
  CHECK(n > 5);
}

}  // namespace

TEST_CASE("math scorer cases give their expected scores") {
  run_case_file("math.jsonl");
}
TEST_CASE("reasoning scorer cases give their expected scores") {
  run_case_file("reasoning.jsonl");
}
TEST_CASE("data_analysis scorer cases give their expected scores") {
  run_case_file("data_analysis.jsonl");
}
TEST_CASE("language scorer cases give their expected scores") {
  run_case_file("language.jsonl");
}

TEST_CASE("difflib's ratio is reproduced, popular characters of long strings included") {
  // Values printed by Python 3.11: difflib.SequenceMatcher(None, a, b).ratio().
  CHECK(lb::sequence_ratio("abcd", "bcde") == Approx(0.75));
  const std::string a =
      "In the long winter of the northern kingdom the old queen gathered every lord, every "
      "knight, every merchant and every farmer of the realm in the great hall to say her daughter "
      "would inherit the throne";
  const std::string b =
      "In the long winter of the northern kingdom the old queen gathers every lord, every knight, "
      "every merchant and every farmer of the realm in the great hall to announce that her only "
      "daughter will inherit the throne after her";
  CHECK(lb::sequence_ratio(a, b) == Approx(0.7790973871733967).epsilon(1e-12));
}

TEST_CASE("hostile answers score 0 without crashing or hanging") {
  const std::string deep_parens =
      "\\boxed{" + std::string(20000, '(') + "x" + std::string(20000, ')') + "}";
  const std::string deep_list = std::string(20000, '[') + std::string(20000, ']');
  const std::string minus_run = "\\boxed{" + std::string(5000, '-') + "x}";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"AMPS_Hard", deep_parens},
      {"AMPS_Hard", minus_run},
      {"AMPS_Hard", "\\boxed{\\frac{1}{0}}"},
      {"AMPS_Hard", "\\boxed{"},
      {"tablejoin", deep_list},
      {"tablejoin", "{'a': 'x'"},
      {"olympiad", "Answer: 99999999999999999999999, 1"},
      {"tablereformat", "<table><tr><th>a</tr>" + std::string(5000, '<')},
      {"zebra_puzzle", std::string(100000, '*')},
      {"connections", "<solution>" + std::string(50000, ',') + "</solution>"},
      {"plot_unscrambling", std::string(20000, '.')},
  };
  for (const auto& [task, answer] : cases) {
    ys::Json record = {
        {"question_id", "hostile"},
        {"category", "test"},
        {"task", task},
        {"subtask", task == "olympiad" ? "imo" : "amps_hard_integral"},
        {"ground_truth", task == "tablejoin"       ? "{'a': 'x'}"
                         : task == "olympiad"      ? "1,2"
                         : task == "tablereformat" ? "a,b\n1,2"
                                                   : "x"},
        {"livebench_release_date", "2024-11-25"},
        {"turns", {"Please convert the Input Table from TSV format to CSV format."}}};
    if (task != "olympiad" && task != "AMPS_Hard") record.erase("subtask");
    const auto q = lb::question_from_json(record);
    REQUIRE(q.ok());
    INFO(task << " with an answer of " << answer.size() << " bytes");
    const lb::TaskScore s = lb::find_task_scorer(task)->score(q.value(), answer, {});
    CHECK(s.value <= 0.5);
  }
}
