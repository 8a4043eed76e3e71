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

namespace lb = ys::livebench;
namespace fs = std::filesystem;

namespace {

fs::path cases_dir() {
  const char* src = std::getenv("YS_SOURCE_DIR");
  return fs::path(src ? src : ".") / "tests" / "judge" / "livebench" / "cases";
}

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
  const fs::path path = cases_dir() / name;
  std::ifstream in(path);
  INFO("case file " << path.string());
  REQUIRE(in.good());
  std::string line;
  int line_no = 0, n = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + ":" + std::to_string(line_no);
    INFO(where << ": " << line);
    const ys::Json c = ys::Json::parse(line);
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
    ++n;
  }
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
