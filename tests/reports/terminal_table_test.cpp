#include "reports/terminal_table.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "reports/json_report.h"
#include "reports/markdown_report.h"
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

TEST_CASE("a price table adds a cost column to the terminal table, Markdown and JSON", "[table]") {
  ys::ReportData data = ys::testing::report_fixture();
  ys::ReportOptions options;
  options.unicode = false;
  CHECK(ys::render_terminal_table(data, options).find("cost $") == std::string::npos);
  CHECK(ys::render_markdown_report(data, options).find("Cost ($)") == std::string::npos);
  data.prices["alpha-7b"] = ys::ModelPrice{0.5, 1.5};
  // The same figures as the CSV test computes by hand: alpha on arena-lite 360 prompt and 120
  // completion tokens = $0.000360, rounded to cents here; beta has no price.
  const std::string table = ys::render_terminal_table(data, options);
  CHECK(table.find("cost $") != std::string::npos);
  int alpha_rows = 0, unpriced_rows = 0;
  for (const std::string& line : lines_of(table)) {
    const bool alpha = line.find("alpha-7b") != std::string::npos;
    alpha_rows += alpha && line.size() > 7 && line.ends_with("  0.00 |");
    unpriced_rows += !alpha && line.ends_with("      - |");
  }
  CHECK(alpha_rows == 2);     // its two runs
  CHECK(unpriced_rows == 2);  // the other model's two runs
  const std::string markdown = ys::render_markdown_report(data, options);
  CHECK(markdown.find("| Cost ($) |") != std::string::npos);
  const ys::Json json = ys::Json::parse(ys::render_json_report(data, options));
  bool priced = false, unpriced = false;
  for (const auto& run : json["runs"]) {
    if (run["model"] == "alpha-7b" && run["suite"] == "arena-lite") {
      priced = true;
      CHECK(run["cost_usd"].get<double>() == Approx(0.00036).epsilon(1e-9));
    }
    if (run["model"] != "alpha-7b") {
      unpriced = true;
      CHECK(run["cost_usd"].is_null());
    }
  }
  CHECK(priced);
  CHECK(unpriced);
}
