#include "reports/terminal_table.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "reports/text_escape.h"
#include "tests/reports/report_fixture.h"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("the terminal table fits the given width by dropping columns", "[table]") {
  ys::ReportOptions options;
  options.width = 60;
  options.unicode = false;
  options.by_category = true;
  const std::string table = ys::render_terminal_table(ys::testing::report_fixture(), options);
  for (const std::string& line : lines_of(table)) {  // notes are word-wrapped too
    INFO(line);
    CHECK(ys::display_width(line) <= 60);
  }
  const std::string runs = table.substr(0, table.find("Arena-Hard"));  // the Arena table follows
  CHECK(runs.find("tokens") == std::string::npos);
  CHECK(runs.find("latency") == std::string::npos);
  CHECK(runs.find("score %") != std::string::npos);
  CHECK(table.find("Arena-Hard  category: hard_prompt") != std::string::npos);
}

TEST_CASE("the terminal table keeps every column when there is room", "[table]") {
  ys::ReportOptions options;
  options.width = 200;
  const std::string table = ys::render_terminal_table(ys::testing::report_fixture(), options);
  for (const char* title :
       {"model", "suite", "score %", "95% CI", "n", "errors", "unparsed", "tokens", "latency"}) {
    CHECK(table.find(title) != std::string::npos);
  }
}

TEST_CASE("the terminal table never lets an escape sequence from the data through", "[table]") {
  ys::ReportData data = ys::testing::report_fixture();
  data.runs[0].model = "evil\x1b]0;pwned\x07\x1b[2J";
  data.notes.push_back("note with \x1b[31m colour");
  ys::ReportOptions options;
  options.color = false;
  const std::string table = ys::render_terminal_table(data, options);
  CHECK(table.find('\x1b') == std::string::npos);
  CHECK(table.find('\x07') == std::string::npos);
  CHECK(table.find("evil?]0;pwned??[2J") != std::string::npos);
}

TEST_CASE("the terminal table uses colour codes only when asked", "[table]") {
  ys::ReportOptions options;
  options.color = true;
  CHECK(ys::render_terminal_table(ys::testing::report_fixture(), options).find("\x1b[1;32m") !=
        std::string::npos);
  options.color = false;
  CHECK(ys::render_terminal_table(ys::testing::report_fixture(), options).find('\x1b') ==
        std::string::npos);
}

TEST_CASE("the terminal table groups runs by suite and sorts them by score", "[table]") {
  ys::ReportOptions options;
  options.unicode = false;
  const auto lines = lines_of(ys::render_terminal_table(ys::testing::report_fixture(), options));
  // rule, header, rule, arena x2, separator, mmlu x2, rule, notes...
  REQUIRE(lines.size() >= 9);
  CHECK(lines[3].find("alpha-7b") != std::string::npos);
  CHECK(lines[3].find("arena-lite") != std::string::npos);
  CHECK(lines[4].find("<script>") != std::string::npos);
  CHECK(lines[5].rfind("+-", 0) == 0);
  CHECK(lines[6].find("<script>") != std::string::npos);
  CHECK(lines[6].find("mmlu-mini") != std::string::npos);
  CHECK(lines[7].find("alpha-7b") != std::string::npos);
  CHECK(lines[7].find("5") != std::string::npos);
}

TEST_CASE("an incomplete run shows done over planned items", "[table]") {
  const std::string table = ys::render_terminal_table(ys::testing::report_fixture(), {});
  CHECK(table.find("3/4") != std::string::npos);
}

TEST_CASE("an empty report says there is nothing to show", "[table]") {
  CHECK(ys::render_terminal_table(ys::ReportData{}, {}) == "no runs to report\n");
}
