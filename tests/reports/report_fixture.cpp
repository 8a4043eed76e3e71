#include "tests/reports/report_fixture.h"

#include <chrono>
#include <ctime>

#include "judge/stats/aggregate.h"

namespace ys::testing {
namespace {

SampleRow sample(const std::string& run_id, const std::string& model, const std::string& suite,
                 const std::string& item_id, const std::string& category, double score,
                 ScoreStatus status) {
  SampleRow s;
  s.run_id = run_id;
  s.model = model;
  s.suite = suite;
  s.item_id = item_id;
  s.category = category;
  s.score = score;
  s.status = status;
  s.request_text = "Question " + item_id + ": pick one of A, B, C, D.";
  s.finish_reason = status == ScoreStatus::error ? "" : "stop";
  s.method = status == ScoreStatus::ok ? "regex-1" : "";
  s.prompt_tokens = status == ScoreStatus::error ? 0 : 120;
  s.completion_tokens = status == ScoreStatus::error ? 0 : 40;
  s.latency_ms = status == ScoreStatus::error ? 0 : 800 + 100 * static_cast<double>(item_id.size());
  return s;
}

const char* const kHostileModel = "<script>alert(1)</script>";

std::vector<SampleRow> mmlu_samples() {
  std::vector<SampleRow> rows;
  auto add = [&](SampleRow s, std::string response, std::string extracted) {
    s.response_text = std::move(response);
    s.extracted = std::move(extracted);
    rows.push_back(std::move(s));
  };
  const std::string a = "run-alpha-mmlu", suite = "mmlu-mini";
  add(sample(a, "alpha-7b", suite, "q1", "math", 1, ScoreStatus::ok), "The answer is (B).", "B");
  add(sample(a, "alpha-7b", suite, "q2", "math", 0, ScoreStatus::ok), "The answer is (C).", "C");
  add(sample(a, "alpha-7b", suite, "q3", "law", 0, ScoreStatus::unparsed),
      "I cannot decide</td></tr>", "");
  SampleRow err = sample(a, "alpha-7b", suite, "q4", "law", 0, ScoreStatus::error);
  err.error_kind = "timeout";
  err.error = "request timed out after 60000 ms";
  rows.push_back(err);
  add(sample(a, "alpha-7b", suite, "q5", "physics, applied", 1, ScoreStatus::ok),
      "Line one, with a comma\n\"quoted\" line two", "A");

  const std::string b = "run-beta-mmlu";
  add(sample(b, kHostileModel, suite, "q1", "math", 1, ScoreStatus::ok),
      "<script>alert(1)</script> answer: B", "B");
  add(sample(b, kHostileModel, suite, "q2", "math", 1, ScoreStatus::ok), "\"'& is C", "\"'&");
  add(sample(b, kHostileModel, suite, "x\" onmouseover=\"alert(1)", "</td><td>evil", 1,
             ScoreStatus::ok),
      "ok", "D");
  add(sample(b, kHostileModel, suite, "q4", "law", 0, ScoreStatus::ok),
      "colour \x1b[31mred\x1b[0m and bad byte \xff here", "A");
  return rows;
}

std::vector<SampleRow> arena_samples() {
  std::vector<SampleRow> rows;
  const std::string suite = "arena-lite";
  const double alpha[] = {0.75, 0.5, 0.25};
  for (int i = 0; i < 3; ++i) {
    SampleRow s = sample("run-alpha-arena", "alpha-7b", suite, "c" + std::to_string(i + 1), "",
                         alpha[i], ScoreStatus::ok);
    s.response_text = "A long essay, part " + std::to_string(i + 1) + ".";
    s.reasoning = "thinking about part " + std::to_string(i + 1);
    s.metrics = {{"official", i == 0 ? 1 : 0}};
    rows.push_back(s);
  }
  const double beta[] = {1.0, 0.0, 0.25, 0.5};
  for (int i = 0; i < 4; ++i) {
    SampleRow s = sample("run-beta-arena", kHostileModel, suite, "c" + std::to_string(i + 1), "",
                         beta[i], ScoreStatus::ok);
    s.response_text = "Essay " + std::to_string(i + 1);
    s.metrics = {{"official", i == 0 ? 1 : 0}};
    rows.push_back(s);
  }
  return rows;
}

RunSummary header(const std::string& run_id, const std::string& model, const std::string& suite,
                  const std::string& fingerprint, int64_t n_items) {
  RunSummary h;
  h.run_id = run_id;
  h.model = model;
  h.model_identity =
      model == "alpha-7b" ? "openai-compat:http://127.0.0.1:8080/v1#alpha-7b" : "openai:beta";
  h.suite = suite;
  h.protocol_version = "1";
  h.dataset_fingerprint = fingerprint;
  h.harness_version = "0.1.0-test";
  h.created_at = "2026-01-02T03:04:05Z";
  h.params = {{"temperature", 0}, {"max_tokens", 512}};
  h.n_items = n_items;
  return h;
}

std::string now_iso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// An Arena-Hard table as the leaderboard code would fill it (values set by hand: this only
// exercises rendering), with a hostile model name and a judge warning.
arena::Leaderboard arena_board() {
  arena::Leaderboard b;
  b.category = "hard_prompt";
  b.baseline = "base-model";
  b.judges = {"judge-x"};
  b.method = "style-controlled Bradley-Terry";
  b.rounds = 100;
  b.seed = 42;
  b.null_rule = "v2.0";
  b.n_pairs = 8;
  b.rows = {{"alpha-7b", 0.625, 0.5, 0.75, 512.5, 40, false},
            {"base-model", 0.5, 0.5, 0.5, 300.0, 0, true},
            {kHostileModel, 0.25, 0.125, 0.375, std::nullopt, 38, false}};
  b.style = {{"length", 0.25, 0.125, 0.5}, {"headers", 0.0, -0.25, 0.25}};
  b.hygiene.n_pairs_both_valid = 7;
  b.hygiene.n_position_inconsistent = 1;
  b.hygiene.n_games = 16;
  b.hygiene.n_null_games = 2;
  b.hygiene.warnings = {"judge-x judges its own answers"};
  return b;
}

}  // namespace

ReportData report_fixture() {
  ReportData data;
  data.generated_at = now_iso8601();
  data.harness_version = "0.1.0-test";
  for (auto rows : {mmlu_samples(), arena_samples()}) {
    data.samples.insert(data.samples.end(), rows.begin(), rows.end());
  }
  const RunSummary headers[] = {
      header("run-alpha-mmlu", "alpha-7b", "mmlu-mini", "sha256:aaaa", 5),
      header("run-beta-mmlu", kHostileModel, "mmlu-mini", "sha256:bbbb", 4),
      header("run-alpha-arena", "alpha-7b", "arena-lite", "sha256:cccc", 4),
      header("run-beta-arena", kHostileModel, "arena-lite", "sha256:cccc", 4),
  };
  for (const RunSummary& h : headers) data.runs.push_back(summarize_run(h, data.samples));
  data.notes = comparability_notes(data.runs);
  data.arena.push_back(arena_board());
  return data;
}

std::string normalise_volatile(const std::string& text, const ReportData& data) {
  std::string out = text;
  const std::string& needle = data.generated_at;
  if (needle.empty()) return out;
  for (size_t pos = out.find(needle); pos != std::string::npos; pos = out.find(needle, pos)) {
    out.replace(pos, needle.size(), "@GENERATED_AT@");
  }
  return out;
}

}  // namespace ys::testing
