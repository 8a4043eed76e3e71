// LiveBench tables in the report formats, from a board whose numbers are worked out by hand.
#include "reports/livebench_report.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reports/report_format.h"
#include "tests/support/paths.h"

namespace lb = ys::livebench;

namespace {

// A: t1 = 50, t2 = 100 (math 75), t3 = 40 (reasoning 40), average 57.5.
// B: t1 = 100 only, one t1 question missing.
ys::ReportData data() {
  std::vector<lb::BoardSample> s = {
      {"A", "math", "t1", "1", true, false, 1}, {"A", "math", "t1", "2", true, false, 0},
      {"A", "math", "t2", "3", true, false, 1}, {"A", "reasoning", "t3", "4", true, false, 0.4},
      {"B", "math", "t1", "1", true, false, 1}, {"B", "math", "t1", "2", false, false, 0}};
  ys::ReportData d;
  d.livebench.push_back(lb::livebench_board(s, {100, 3}));
  d.livebench.back().release = "2024-11-25";
  return d;
}

// Whether some line of `text` splits on spaces into exactly `tokens`.
bool has_line(const std::string& text, const std::vector<std::string>& tokens) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> got;
    for (std::string w; words >> w;) got.push_back(w);
    if (got == tokens) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the LiveBench text has LiveBench's two tables with its rounding") {
  const std::string text = ys::render_livebench_text(data().livebench[0]);
  CHECK(text.find("LiveBench release 2024-11-25") != std::string::npos);
  CHECK(text.find("########## All Tasks ##########\nmodel ") != std::string::npos);
  CHECK(has_line(text, {"model", "t1", "t2", "t3"}));
  CHECK(has_line(text, {"A", "50.000", "100.000", "40.000"}));
  CHECK(has_line(text, {"B", "*", "100.000", "-", "-"}));
  CHECK(text.find("########## All Groups ##########") != std::string::npos);
  CHECK(has_line(text, {"model", "average", "math", "reasoning"}));
  CHECK(has_line(text, {"B", "*", "100.0", "100.0", "-"}));
  CHECK(has_line(text, {"A", "57.5", "75.0", "40.0"}));
  CHECK(text.find("* B: missing answers for 1 of 2") != std::string::npos);
}

TEST_CASE("LiveBench CSV, JSON and HTML carry the board") {
  const ys::ReportData d = data();
  auto csv = ys::render_report("livebench-csv", d, {});
  REQUIRE(csv.ok());
  CHECK(csv->find("A,overall,,,57.500000,") != std::string::npos);
  CHECK(csv->find("A,category,math,,75.000000,") != std::string::npos);
  CHECK(csv->find("B,task,math,t1,100.000000,") != std::string::npos);
  auto json = ys::render_report("json", d, {});
  REQUIRE(json.ok());
  CHECK(ys::Json::parse(*json)["livebench"][0]["rows"][0]["model"] == "B");  // 100 > 57.5
  auto html = ys::render_report("html", d, {});
  REQUIRE(html.ok());
  CHECK(html->find("<section id=\"livebench\">") != std::string::npos);
  CHECK(html->find("B *") != std::string::npos);
  // Without boards, the JSON report has no livebench key (other reports unchanged).
  auto plain = ys::render_report("json", ys::ReportData{}, {});
  REQUIRE(plain.ok());
  CHECK_FALSE(ys::Json::parse(*plain).contains("livebench"));
}

// Approval test (STYLE: every report format has a golden file): the CSV and the text of the board
// above; YS_UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
TEST_CASE("the LiveBench CSV and text match their golden files", "[golden]") {
  const std::string dir = ys::test::source_path("tests/reports/golden/");
  const ys::ReportData d = data();
  const std::pair<std::string, std::string> cases[] = {
      {"livebench.csv", *ys::render_report("livebench-csv", d, {})},
      {"livebench.txt", ys::render_livebench_text(d.livebench[0])}};
  for (const auto& [file, actual] : cases) {
    INFO(file);
    const char* update = std::getenv("YS_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      std::ofstream(dir + file, std::ios::binary) << actual;
      continue;
    }
    std::ifstream in(dir + file, std::ios::binary);
    const std::string expected((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    REQUIRE_FALSE(expected.empty());
    CHECK(actual == expected);
  }
}
