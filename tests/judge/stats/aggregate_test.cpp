// Expected values are worked out by hand from the rows below; interval bounds were computed
// independently with python3 (Wilson formula with statistics.NormalDist; t from published tables).
#include "judge/stats/aggregate.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using ys::ScoreStatus;

namespace {

ys::SampleRow row(const std::string& id, const std::string& category, double score,
                  ScoreStatus status, double latency_ms, ys::Json metrics = ys::Json::object()) {
  ys::SampleRow r;
  r.run_id = "r1";
  r.model = "m";
  r.suite = "s";
  r.item_id = id;
  r.category = category;
  r.score = score;
  r.status = status;
  r.latency_ms = latency_ms;
  r.prompt_tokens = 10;
  r.completion_tokens = 5;
  r.metrics = std::move(metrics);
  return r;
}

std::vector<ys::SampleRow> four_rows() {
  return {
      row("a", "math", 1, ScoreStatus::ok, 100, {{"official", 1}, {"strict", true}}),
      row("b", "math", 0, ScoreStatus::unparsed, 200, {{"official", 0.5}}),
      // A failed request whose stored score is (wrongly) 1 must still count as 0.
      row("c", "law", 1, ScoreStatus::error, 9999),
      row("d", "law", 1, ScoreStatus::ok, 400, {{"official", "n/a"}, {"strict", false}}),
  };
}

ys::RunSummary header() {
  ys::RunSummary h;
  h.run_id = "r1";
  h.model = "m";
  h.suite = "s";
  h.dataset_fingerprint = "fp";
  return h;
}

}  // namespace

TEST_CASE("summarize_run counts done, errors and unparsed samples", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), four_rows());
  CHECK(run.n_done == 4);
  CHECK(run.n_items == 4);
  CHECK(run.n_errors == 1);
  CHECK(run.n_unparsed == 1);
  CHECK(run.dataset_fingerprint == "fp");
}

TEST_CASE("summarize_run counts an errored sample as 0 in the score", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), four_rows());
  CHECK(run.score.mean == Approx(0.5));
  CHECK(run.score.n == 4);
  CHECK(run.score.ci_low == Approx(0.15003898915214958).margin(1e-9));
  CHECK(run.score.ci_high == Approx(0.8499610108478504).margin(1e-9));
}

TEST_CASE("summarize_run groups scores by category in name order", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), four_rows());
  REQUIRE(run.by_category.size() == 2);
  CHECK(run.by_category[0].first == "law");
  CHECK(run.by_category[0].second.mean == Approx(0.5));
  CHECK(run.by_category[0].second.n == 2);
  CHECK(run.by_category[0].second.ci_low == Approx(0.09453120573423074).margin(1e-9));
  CHECK(run.by_category[1].first == "math");
  CHECK(run.by_category[1].second.n == 2);
}

TEST_CASE("summarize_run summarises each numeric metric key", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), four_rows());
  REQUIRE(run.metrics.size() == 2);
  // official: 1, 0.5, error -> 0; "n/a" is not a number and is skipped.
  CHECK(run.metrics[0].name == "official");
  CHECK(run.metrics[0].n == 3);
  CHECK(run.metrics[0].mean == Approx(0.5));
  // The t interval [-0.742, 1.742] is clipped to [0, 1] because every value lies in [0, 1].
  CHECK(run.metrics[0].ci_low == 0.0);
  CHECK(run.metrics[0].ci_high == 1.0);
  // strict: true, error -> 0, false.
  CHECK(run.metrics[1].name == "strict");
  CHECK(run.metrics[1].n == 3);
  CHECK(run.metrics[1].mean == Approx(1.0 / 3.0));
  CHECK(run.metrics[1].ci_low == Approx(0.06149194472039632).margin(1e-9));
}

TEST_CASE("summarize_run sums tokens and takes latency from successful requests", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), four_rows());
  CHECK(run.prompt_tokens == 40);
  CHECK(run.completion_tokens == 20);
  CHECK(run.mean_latency_ms == Approx(700.0 / 3.0));
  CHECK(run.p50_latency_ms == Approx(200));
  CHECK(run.p95_latency_ms == Approx(380));
}

TEST_CASE("summarize_run ignores rows of other runs and keeps the planned size", "[stats]") {
  auto rows = four_rows();
  rows[0].run_id = "other";
  ys::RunSummary h = header();
  h.n_items = 10;
  const ys::RunSummary run = ys::summarize_run(h, rows);
  CHECK(run.n_done == 3);
  CHECK(run.n_items == 10);
  CHECK(run.score.mean == Approx(1.0 / 3.0));
}

TEST_CASE("summarize_run of no rows is all zeros", "[stats]") {
  const ys::RunSummary run = ys::summarize_run(header(), {});
  CHECK(run.n_done == 0);
  CHECK(run.score.mean == 0.0);
  CHECK(run.score.ci_high == 0.0);
  CHECK(run.by_category.empty());
  CHECK(run.p95_latency_ms == 0.0);
}

TEST_CASE("comparability_notes names runs of one suite with different fingerprints", "[stats]") {
  ys::RunSummary a = header();
  ys::RunSummary b = header();
  b.run_id = "r2";
  b.model = "other-model";
  b.dataset_fingerprint = "fp2";
  ys::RunSummary c = header();
  c.run_id = "r3";
  c.suite = "different-suite";
  c.dataset_fingerprint = "fp3";
  const auto notes = ys::comparability_notes({a, b, c});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] ==
        "suite s: runs differ in dataset fingerprint and are not comparable: r1 (m) | "
        "r2 (other-model) (see `yardstick runs`)");
}

TEST_CASE("comparability_notes flags protocol versions and incomplete runs", "[stats]") {
  ys::RunSummary a = header();
  a.protocol_version = "1";
  a.n_items = 5;
  a.n_done = 5;
  ys::RunSummary b = a;
  b.run_id = "r2";
  b.protocol_version = "";
  b.n_done = 3;
  const auto notes = ys::comparability_notes({a, b});
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] ==
        "suite s: runs differ in protocol version and are not comparable: r1 (m) | r2 (m) (see "
        "`yardstick runs`)");
  CHECK(notes[1] == "run r2 (m) on suite s is incomplete: 3 of 5 items done");
}

TEST_CASE("comparability_notes is silent for consistent complete runs", "[stats]") {
  ys::RunSummary a = header();
  ys::RunSummary b = header();
  b.run_id = "r2";
  CHECK(ys::comparability_notes({a, b}).empty());
}

TEST_CASE("summarize_run ignores metrics that are not an object of numbers", "[stats]") {
  auto rows = four_rows();
  rows[0].metrics = ys::Json::array({1, 2});
  rows[1].metrics = nullptr;
  rows[3].metrics = {{"nested", {{"x", 1}}}, {"label", "text"}};
  const ys::RunSummary run = ys::summarize_run(header(), rows);
  CHECK(run.metrics.empty());
  CHECK(run.score.mean == Approx(0.5));
}

TEST_CASE("summarize_run counts a non-finite score as 0 and skips non-finite latencies",
          "[stats]") {
  auto rows = four_rows();
  rows[0].score = std::nan("");
  rows[1].latency_ms = std::numeric_limits<double>::infinity();
  const ys::RunSummary run = ys::summarize_run(header(), rows);
  CHECK(run.score.mean == Approx(0.25));      // 0 (NaN), 0, 0 (error), 1
  CHECK(run.mean_latency_ms == Approx(250));  // 100 and 400
}
