// Golden tests: every report format rendered from the fixed fixture and compared byte for byte
// with tests/reports/golden/. YS_UPDATE_GOLDEN=1 rewrites the files instead (review them by eye
// before committing: they are the expected values).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reports/report_format.h"
#include "tests/reports/report_fixture.h"

namespace {

std::string golden_dir() {
  const char* env = std::getenv("YS_SOURCE_DIR");
  return std::string(env != nullptr ? env : YS_TEST_SOURCE_DIR) + "/tests/reports/golden/";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first line where the two texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "texts differ only in line ends";
    if (la != lb || more_a != more_b) {
      return "line " + std::to_string(line) + "\n  golden: " + (more_a ? la : "<end>") +
             "\n  actual: " + (more_b ? lb : "<end>");
    }
  }
}

void check_golden(const std::string& format, const ys::ReportOptions& options,
                  const std::string& file) {
  const ys::ReportData data = ys::testing::report_fixture();
  const auto rendered = ys::render_report(format, data, options);
  REQUIRE(rendered.ok());
  const std::string actual = ys::testing::normalise_volatile(*rendered, data);
  const std::string path = golden_dir() + file;
  const char* update = std::getenv("YS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
    return;
  }
  const std::string expected = read_file(path);
  REQUIRE_FALSE(expected.empty());
  INFO("golden " << path << " differs at " << first_difference(expected, actual)
                 << "\n(run with YS_UPDATE_GOLDEN=1 to rewrite, then review the diff)");
  CHECK(actual == expected);
}

ys::ReportOptions plain() {
  return ys::ReportOptions{};
}

}  // namespace

TEST_CASE("the terminal table matches its golden file", "[golden]") {
  check_golden("table", plain(), "table.txt");
}

TEST_CASE("the terminal table with categories matches its golden file", "[golden]") {
  ys::ReportOptions options;
  options.by_category = true;
  check_golden("table", options, "table_categories.txt");
}

TEST_CASE("the narrow ASCII terminal table matches its golden file", "[golden]") {
  ys::ReportOptions options;
  options.unicode = false;
  options.width = 60;
  options.by_category = true;
  check_golden("table", options, "table_ascii_60.txt");
}

TEST_CASE("the coloured terminal table matches its golden file", "[golden]") {
  ys::ReportOptions options;
  options.color = true;
  check_golden("table", options, "table_color.txt");
}

TEST_CASE("the leaderboard CSV matches its golden file", "[golden]") {
  check_golden("csv", plain(), "leaderboard.csv");
}

TEST_CASE("the categories CSV matches its golden file", "[golden]") {
  check_golden("categories-csv", plain(), "categories.csv");
}

TEST_CASE("the samples CSV matches its golden file", "[golden]") {
  check_golden("samples-csv", plain(), "samples.csv");
}

TEST_CASE("the JSON report matches its golden file", "[golden]") {
  check_golden("json", plain(), "report.json");
}

TEST_CASE("the JUnit XML report matches its golden file", "[golden]") {
  check_golden("junit", plain(), "junit.xml");
}

TEST_CASE("the HTML report matches its golden file", "[golden]") {
  ys::ReportOptions options;
  options.max_samples_per_run = 3;  // so the cap note is part of the golden
  check_golden("html", options, "report.html");
}

TEST_CASE("the Arena-Hard CSV matches its golden file", "[golden]") {
  check_golden("arena-csv", plain(), "arena.csv");
}

TEST_CASE("every report format has a golden test", "[golden]") {
  // livebench-csv: its golden test is in livebench_report_test.cpp.
  const std::string covered[] = {"table", "csv",  "categories-csv", "samples-csv",   "json",
                                 "junit", "html", "arena-csv",      "livebench-csv", "markdown"};
  for (const ys::ReportFormat& format : ys::report_formats()) {
    INFO(format.name);
    CHECK(std::find(std::begin(covered), std::end(covered), format.name) != std::end(covered));
  }
}

TEST_CASE("the Markdown summary matches its golden file", "[golden]") {
  check_golden("markdown", plain(), "summary.md");
}
