// The CSV output is read back with a small RFC 4180 reader written here, independent of the
// writer, so quoting of commas, quotes and newlines is checked end to end.
#include "reports/csv_report.h"

#include <catch2/catch.hpp>

#include "tests/reports/report_fixture.h"

namespace {

using Records = std::vector<std::vector<std::string>>;

// RFC 4180: records end in CRLF; a quoted field may hold commas, CRLF/LF and "" for a quote.
Records parse_csv(const std::string& text) {
  Records records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

size_t column(const Records& records, const std::string& name) {
  const auto& header = records.at(0);
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  FAIL("no column " << name);
  return 0;
}

}  // namespace

TEST_CASE("the samples CSV round-trips commas, quotes and newlines", "[csv]") {
  const ys::ReportData data = ys::testing::report_fixture();
  const Records records = parse_csv(ys::render_samples_csv(data, {}));
  REQUIRE(records.size() == data.samples.size() + 1);
  const size_t response = column(records, "response");
  const size_t category = column(records, "category");
  for (const auto& record : records) REQUIRE(record.size() == records[0].size());
  // q5 of run alpha: "Line one, with a comma\n\"quoted\" line two" in category "physics, applied".
  CHECK(records[5][response] == "Line one, with a comma\n\"quoted\" line two");
  CHECK(records[5][category] == "physics, applied");
  CHECK(records[8][column(records, "item_id")] == "x\" onmouseover=\"alert(1)");
}

TEST_CASE("the samples CSV records errors and unparsed samples as such", "[csv]") {
  const Records records = parse_csv(ys::render_samples_csv(ys::testing::report_fixture(), {}));
  CHECK(records[3][column(records, "status")] == "unparsed");
  CHECK(records[4][column(records, "status")] == "error");
  CHECK(records[4][column(records, "error_kind")] == "timeout");
  CHECK(records[4][column(records, "error")] == "request timed out after 60000 ms");
}

TEST_CASE("CSV records end in CRLF", "[csv]") {
  const std::string csv = ys::render_leaderboard_csv(ys::testing::report_fixture(), {});
  REQUIRE(csv.size() > 2);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  CHECK(csv.find("\r\n") == csv.find('\n') - 1);
}

TEST_CASE("the leaderboard CSV lists runs by suite then score with their counts", "[csv]") {
  const Records records = parse_csv(ys::render_leaderboard_csv(ys::testing::report_fixture(), {}));
  REQUIRE(records.size() == 5);
  const size_t suite = column(records, "suite"), run = column(records, "run_id");
  CHECK(records[1][suite] == "arena-lite");
  CHECK(records[1][run] == "run-alpha-arena");  // mean 0.5 beats 0.4375
  CHECK(records[3][run] == "run-beta-mmlu");    // 3 of 4 right beats 2 of 5
  CHECK(records[4][run] == "run-alpha-mmlu");
  CHECK(records[4][column(records, "n_errors")] == "1");
  CHECK(records[4][column(records, "n_unparsed")] == "1");
  CHECK(records[4][column(records, "score")] == "0.400000");
  CHECK(records[0].back() == "metric:official");
}

TEST_CASE("a price table adds a cost column to the leaderboard CSV", "[csv]") {
  ys::ReportData data = ys::testing::report_fixture();
  CHECK(parse_csv(ys::render_leaderboard_csv(data, {}))[0].back() == "metric:official");
  data.prices["alpha-7b"] = ys::ModelPrice{0.5, 1.5};
  const Records records = parse_csv(ys::render_leaderboard_csv(data, {}));
  REQUIRE(records.size() == 5);
  REQUIRE(records[0].back() == "cost_usd");
  // alpha, arena-lite: 3 samples x (120, 40) tokens = 360 x 0.5/1e6 + 120 x 1.5/1e6 = $0.000360
  CHECK(records[1].back() == "0.000360");
  CHECK(records[2].back().empty());  // beta has no price
  // alpha, mmlu-mini: 4 answered samples (the errored one used none) = $0.000480
  CHECK(records[4].back() == "0.000480");
}
