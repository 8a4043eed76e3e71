#include "reports/report_format.h"

#include <catch2/catch.hpp>
#include <set>

#include "tests/reports/report_fixture.h"

TEST_CASE("an unknown report format is an error that lists the known ones", "[reports]") {
  const auto result = ys::render_report("pdf", ys::ReportData{}, ys::ReportOptions{});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("unknown report format 'pdf'") != std::string::npos);
  CHECK(result.error().message.find("html") != std::string::npos);
}

TEST_CASE("the report format table has unique names and a renderer for each", "[reports]") {
  std::set<std::string> names;
  for (const ys::ReportFormat& format : ys::report_formats()) {
    CHECK(format.render != nullptr);
    CHECK(names.insert(format.name).second);
    CHECK(ys::find_report_format(format.name) == &format);
  }
  CHECK(ys::find_report_format("nope") == nullptr);
}

TEST_CASE("every format renders an empty report without failing", "[reports]") {
  for (const ys::ReportFormat& format : ys::report_formats()) {
    INFO(format.name);
    CHECK(ys::render_report(format.name, ys::ReportData{}, ys::ReportOptions{}).ok());
  }
}
