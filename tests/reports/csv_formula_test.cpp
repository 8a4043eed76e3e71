// CSV formula injection (OWASP "CSV Injection"): text cells that a spreadsheet would run as a
// formula are neutralised in every CSV format, numbers the harness formatted stay numbers, and
// NUL bytes never reach the file. Checked two ways: golden files (reviewed by eye, rewritten with
// YS_UPDATE_GOLDEN=1) and a read-back through an RFC 4180 reader written here.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reports/csv_report.h"

namespace {

using namespace ys;
using Records = std::vector<std::vector<std::string>>;

const std::string kNul("a\0b", 3);

RunSummary run() {
  RunSummary r;
  r.run_id = "@run-1";
  r.model = "=HYPERLINK(\"http://evil.example\",\"click\")";
  r.model_identity = "+identity";
  r.suite = "-suite";
  r.protocol_version = "\t1";
  r.dataset_fingerprint = "\rsha256:ff";
  r.n_items = 2, r.n_done = 2, r.n_errors = 1;
  r.score = {"score", 0.5, 0.25, 0.75, 2};
  r.metrics = {{"delta", -0.25, -0.5, 0.0, 2}, {"=cmd|' /C calc'!A0", 0.5, 0.5, 0.5, 2}};
  r.by_category = {{"-1", {"score", 0.5, 0.25, 0.75, 2}}};
  r.prompt_tokens = 10, r.completion_tokens = 4;
  r.mean_latency_ms = 12.5, r.p50_latency_ms = 12.5, r.p95_latency_ms = 20;
  return r;
}

SampleRow sample(const std::string& item_id) {
  SampleRow s;
  s.run_id = "@run-1";
  s.model = "=HYPERLINK(\"http://evil.example\",\"click\")";
  s.suite = "-suite";
  s.item_id = item_id;
  s.category = "-1";
  s.request_text = "+SUM(A1:A9)";
  s.response_text = "=1+1";
  s.reasoning = "@SUM(1,2)";
  s.finish_reason = "stop";
  s.extracted = "-5";
  s.method = "regex-1";
  s.score = 1;
  s.prompt_tokens = 5, s.completion_tokens = 2;
  s.latency_ms = 12.5;
  s.metrics = {{"delta", -0.25}};
  return s;
}

ReportData fixture() {
  ReportData data;
  data.runs = {run()};
  data.samples = {sample("q" + kNul), sample("\tq2")};
  data.samples[1].status = ScoreStatus::error;
  data.samples[1].error_kind = "server";
  data.samples[1].error = "-HTTP 500";
  arena::Leaderboard board;
  board.category = "=cat";
  board.baseline = "+base";
  board.method = "bt";
  board.judges = {"@judge"};
  // lower above score: ci_minus is negative and must stay a plain number.
  board.rows = {{"-model", 0.25, 0.375, 0.5, 12.5, 4, false}};
  data.arena = {board};
  return data;
}

Records parse_csv(const std::string& text) {
  Records records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      field += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      records.back().emplace_back();
    } else if (!quoted && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

bool starts_formula(const std::string& cell) {
  return !cell.empty() && std::string("=+-@\t\r").find(cell.front()) != std::string::npos;
}

// Numeric columns of each format (docs/reports.md): they may start with '-' and stay numbers.
bool numeric_column(const std::string& name) {
  for (const char* n :
       {"score", "ci_low", "ci_high", "n", "n_items", "n_errors", "n_unparsed", "prompt_tokens",
        "completion_tokens", "mean_latency_ms", "p50_latency_ms", "p95_latency_ms", "latency_ms",
        "ci_minus", "ci_plus", "avg_tokens", "n_rows", "is_baseline"})
    if (name == n) return true;
  return name.rfind("metric:", 0) == 0;
}

std::string golden_path(const std::string& file) {
  const char* env = std::getenv("YS_SOURCE_DIR");
  return std::string(env != nullptr ? env : YS_TEST_SOURCE_DIR) + "/tests/reports/golden/" + file;
}

void check_golden(const std::string& actual, const std::string& file) {
  const char* update = std::getenv("YS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden_path(file), std::ios::binary) << actual;
    WARN("rewrote " << golden_path(file));
    return;
  }
  std::ifstream in(golden_path(file), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE_FALSE(text.str().empty());
  CHECK(actual == text.str());
}

void check_neutralised(const std::string& csv) {
  CHECK(csv.find('\0') == std::string::npos);
  const Records records = parse_csv(csv);
  REQUIRE(records.size() >= 2);
  for (const auto& record : records) {
    REQUIRE(record.size() == records[0].size());
    for (size_t c = 0; c < record.size(); ++c) {
      INFO("column " << records[0][c] << ": " << record[c]);
      if (!numeric_column(records[0][c])) CHECK_FALSE(starts_formula(record[c]));
    }
  }
}

}  // namespace

TEST_CASE("every CSV format neutralises formula cells and keeps numbers as numbers", "[csv]") {
  const ReportData data = fixture();
  const std::pair<std::string, std::string> outputs[] = {
      {render_leaderboard_csv(data, {}), "formula_leaderboard.csv"},
      {render_categories_csv(data, {}), "formula_categories.csv"},
      {render_samples_csv(data, {}), "formula_samples.csv"},
      {render_arena_csv(data, {}), "formula_arena.csv"},
  };
  for (const auto& [csv, file] : outputs) {
    INFO(file);
    check_neutralised(csv);
    check_golden(csv, file);
  }
}

TEST_CASE("a neutralised cell reads back as the text with one leading quote", "[csv]") {
  const Records records = parse_csv(render_samples_csv(fixture(), {}));
  const auto& header = records[0];
  auto at = [&](size_t row, const std::string& name) {
    for (size_t c = 0; c < header.size(); ++c)
      if (header[c] == name) return records[row][c];
    FAIL("no column " << name);
    return std::string();
  };
  CHECK(at(1, "response") == "'=1+1");
  CHECK(at(1, "request") == "'+SUM(A1:A9)");
  CHECK(at(1, "reasoning") == "'@SUM(1,2)");
  CHECK(at(1, "extracted") == "'-5");  // text column: a model's answer, not our number
  CHECK(at(1, "item_id") ==
        "qa\xEF\xBF\xBD"
        "b");
  CHECK(at(2, "item_id") == "'\tq2");
  CHECK(at(2, "error") == "'-HTTP 500");
  CHECK(at(1, "score") == "1.000000");
}

TEST_CASE("negative numbers the harness formatted are written bare", "[csv]") {
  const std::string leaderboard = render_leaderboard_csv(fixture(), {});
  CHECK(leaderboard.find(",-0.250000") != std::string::npos);  // metric:delta, unquoted
  const std::string arena = render_arena_csv(fixture(), {});
  CHECK(arena.find(",-0.125000,") != std::string::npos);  // ci_minus = 0.25 - 0.375
}
