#include "reports/json_report.h"

#include <catch2/catch.hpp>

#include "tests/reports/report_fixture.h"

TEST_CASE("the JSON report parses back with its schema version and all rows", "[json]") {
  const ys::ReportData data = ys::testing::report_fixture();
  const ys::Json j = ys::Json::parse(ys::render_json_report(data, {}));
  CHECK(j.at("schema_version") == 1);
  CHECK(j.at("runs").size() == 4);
  CHECK(j.at("samples").size() == 16);
  CHECK(j.at("notes").size() == 2);
  CHECK(j.at("samples").at(3).at("status") == "error");
  CHECK(j.at("samples").at(3).at("error_kind") == "timeout");
  CHECK(j.at("runs").at(0).at("n_errors") == 1);
  CHECK(j.at("runs").at(0).at("by_category").at(0).at("category") == "law");
}

TEST_CASE("the JSON report replaces invalid UTF-8 instead of failing", "[json]") {
  const ys::ReportData data = ys::testing::report_fixture();
  const ys::Json j = ys::Json::parse(ys::render_json_report(data, {}));
  CHECK(j.at("samples").at(8).at("response_text") ==
        "colour \x1b[31mred\x1b[0m and bad byte \xEF\xBF\xBD here");
}
