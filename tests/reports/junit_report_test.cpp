// Pass/fail counts worked out by hand from the fixture: mmlu alpha fails q2 (wrong), q3
// (unparsed), q4 (error); mmlu beta fails q4; arena alpha scores 0.75/0.5/0.25 (all > 0); arena
// beta scores 1/0/0.25/0.5 (one 0). 16 samples, 5 failures.
#include "reports/junit_report.h"

#include <catch2/catch.hpp>

#include "tests/reports/report_fixture.h"

TEST_CASE("JUnit counts every sample as a testcase and every failed one as a failure", "[junit]") {
  const std::string xml = ys::render_junit_report(ys::testing::report_fixture(), {});
  CHECK(xml.find("<testsuites name=\"yardstick\" tests=\"16\" failures=\"5\"") !=
        std::string::npos);
  CHECK(xml.find("type=\"error:timeout\"") != std::string::npos);
  CHECK(xml.find("type=\"unparsed\"") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"mmlu-mini/alpha-7b\" tests=\"5\" failures=\"3\"") !=
        std::string::npos);
}

TEST_CASE("JUnit applies a configured pass score to fractional scores", "[junit]") {
  ys::ReportOptions options;
  options.junit_pass_score = 0.6;
  const std::string xml = ys::render_junit_report(ys::testing::report_fixture(), options);
  // arena alpha: 0.5 and 0.25 fail; arena beta: 0, 0.25, 0.5 fail; mmlu unchanged (4).
  CHECK(xml.find("<testsuites name=\"yardstick\" tests=\"16\" failures=\"9\"") !=
        std::string::npos);
}

TEST_CASE("JUnit output holds no markup, control bytes or invalid UTF-8 from the data", "[junit]") {
  const std::string xml = ys::render_junit_report(ys::testing::report_fixture(), {});
  CHECK(xml.find("<script") == std::string::npos);
  CHECK(xml.find("name=\"x&quot; onmouseover=&quot;alert(1)\"") != std::string::npos);
  CHECK(xml.find('\x1b') == std::string::npos);
  CHECK(xml.find('\xff') == std::string::npos);
}
