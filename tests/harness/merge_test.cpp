#include "harness/store/merge.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/store/store.h"
#include "tests/harness/temp_dir.h"

using namespace ys;

namespace {

RunRecord run_record(const std::string& id, const std::string& fingerprint, const char* status) {
  RunRecord r;
  r.run_id = id;
  r.model_name = "m";
  r.model_identity = "fake|m";
  r.backend_kind = "fake";
  r.suite_name = "custom:t";
  r.protocol_version = "custom-1";
  r.dataset_fingerprint = fingerprint;
  r.harness_version = "0";
  r.harness_commit = "x";
  r.n_items = 2;
  r.status = status;
  return r;
}

SampleLink link(const std::string& id, int64_t ordinal) {
  SampleLink l;
  l.item_id = id;
  l.ordinal = ordinal;
  l.request_key = "key-" + id;
  l.request.messages = {{"user", "question " + id}};
  l.reference = "ref";
  return l;
}

// A "shard": run r1 with the given items answered with `text` and scored `value`.
void write_shard(const std::string& path, const std::vector<std::string>& items,
                 const std::string& text, double value, const char* status = "complete") {
  auto store = std::move(Store::open(path).value());
  REQUIRE(store->put_run(run_record("r1", "fp", status)).ok());
  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> rows;
  std::vector<std::pair<std::string, Score>> scores;
  for (const auto& id : items) {
    links.push_back(link(id, std::stoi(id) - 1));  // the item's place in the whole plan
    Response r;
    r.text = text;
    if (text.empty()) {
      r.error_kind = ErrorKind::server;
      r.error = "HTTP 500";
    }
    rows.push_back({"key-" + id, "fake|m", links.back().request, r, {}});
    Score s;
    s.value = value;
    s.status = text.empty() ? ScoreStatus::error : ScoreStatus::ok;
    scores.emplace_back(id, s);
  }
  REQUIRE(store->put_samples("r1", links).ok());
  REQUIRE(store->put_responses(rows).ok());
  REQUIRE(store->put_scores("r1", scores).ok());
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("merging shards gives the union of their samples, answers and scores") {
  test::TempDir dir;
  write_shard(dir.file("a.db"), {"1", "2"}, "A", 1.0);
  write_shard(dir.file("b.db"), {"3"}, "B", 0.0, "interrupted");
  auto stats = merge_stores({dir.file("a.db"), dir.file("b.db")}, dir.file("all.db"), false);
  REQUIRE(stats.ok());
  CHECK(stats->n_inputs == 2);
  CHECK(stats->runs == 1);
  CHECK(stats->samples == 3);
  CHECK(stats->responses == 3);
  CHECK(stats->scores == 3);
  CHECK(stats->response_conflicts == 0);

  auto merged = std::move(Store::open(dir.file("all.db")).value());
  auto run = merged->run("r1");
  REQUIRE(run.ok());
  REQUIRE(run->has_value());
  CHECK((*run)->n_items == 3);
  CHECK((*run)->status == "interrupted");  // complete only when every shard is
  auto samples = merged->samples("r1");
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 3);
  CHECK((*samples)[2].response->text == "B");
  CHECK((*samples)[0].score->value == 1.0);
}

TEST_CASE("an errored answer is replaced by another store's success; differing successes count") {
  test::TempDir dir;
  write_shard(dir.file("a.db"), {"1", "2"}, "", 0.0);  // both errored
  write_shard(dir.file("b.db"), {"1"}, "fine", 1.0);
  write_shard(dir.file("c.db"), {"1"}, "other", 0.0);
  auto stats = merge_stores({dir.file("a.db"), dir.file("b.db"), dir.file("c.db")},
                            dir.file("all.db"), false);
  REQUIRE(stats.ok());
  CHECK(stats->errors_replaced == 1);
  CHECK(stats->response_conflicts == 1);  // "other" vs "fine"
  CHECK(stats->score_conflicts == 1);     // 0 vs 1, both not errors
  auto merged = std::move(Store::open(dir.file("all.db")).value());
  auto samples = merged->samples("r1");
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 2);
  CHECK((*samples)[0].response->text == "fine");  // the first success is kept
  CHECK((*samples)[0].score->status == ScoreStatus::ok);
  CHECK((*samples)[0].score->value == 1.0);
  CHECK((*samples)[1].response->error_kind == ErrorKind::server);
}

TEST_CASE("merge never modifies its inputs and refuses to overwrite without force") {
  test::TempDir dir;
  write_shard(dir.file("a.db"), {"1"}, "A", 1.0);
  const std::string before = file_bytes(dir.file("a.db"));
  const bool had_wal = std::filesystem::exists(dir.file("a.db-wal"));
  REQUIRE(merge_stores({dir.file("a.db")}, dir.file("all.db"), false).ok());
  CHECK(file_bytes(dir.file("a.db")) == before);
  CHECK(std::filesystem::exists(dir.file("a.db-wal")) == had_wal);
  auto again = merge_stores({dir.file("a.db")}, dir.file("all.db"), false);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("--force") != std::string::npos);
  CHECK(merge_stores({dir.file("a.db")}, dir.file("all.db"), true).ok());
  CHECK_FALSE(merge_stores({dir.file("a.db")}, dir.file("a.db"), true).ok());
}

TEST_CASE("mismatched runs, missing files and foreign databases are refused, leaving no output") {
  test::TempDir dir;
  write_shard(dir.file("a.db"), {"1"}, "A", 1.0);
  {
    auto store = std::move(Store::open(dir.file("b.db")).value());
    REQUIRE(store->put_run(run_record("r2", "other-fingerprint", "complete")).ok());
  }
  auto mismatch = merge_stores({dir.file("a.db"), dir.file("b.db")}, dir.file("all.db"), false);
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().message.find("b.db") != std::string::npos);
  CHECK(mismatch.error().message.find("dataset") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("all.db")));

  auto missing = merge_stores({dir.file("nope.db")}, dir.file("all.db"), false);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("nope.db") != std::string::npos);

  dir.write("text.db", "not a database at all, just text that is long enough to look like one");
  auto foreign = merge_stores({dir.file("text.db")}, dir.file("all.db"), false);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.error().message.find("text.db") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("all.db")));
  CHECK_FALSE(merge_stores({}, dir.file("all.db"), false).ok());
}
