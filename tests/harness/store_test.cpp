#include "harness/store/store.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "harness/store/sqlite.h"
#include "harness/store/tables.h"
#include "tests/harness/temp_dir.h"

using namespace ys;

namespace {

RunRecord sample_run(const std::string& id) {
  RunRecord r;
  r.run_id = id;
  r.model_name = "m";
  r.model_identity = "fake|m";
  r.backend_kind = "fake";
  r.suite_name = "custom:t";
  r.protocol_version = "custom-1";
  r.dataset_fingerprint = "abc";
  r.harness_version = "0";
  r.harness_commit = "x";
  r.n_items = 2;
  r.status = "running";
  return r;
}

SampleLink link(const std::string& id, const std::string& key, int64_t ordinal) {
  SampleLink l;
  l.item_id = id;
  l.ordinal = ordinal;
  l.category = "cat";
  l.request_key = key;
  l.request.messages = {{"user", "question " + id}};
  l.reference = "ref";
  return l;
}

}  // namespace

TEST_CASE("a new store is created with the current schema and reopens cleanly") {
  test::TempDir dir;
  {
    auto store = Store::open(dir.file("a.db"));
    REQUIRE(store.ok());
    REQUIRE((*store)->put_run(sample_run("r1")).ok());
  }
  auto again = Store::open(dir.file("a.db"));
  REQUIRE(again.ok());
  auto runs = (*again)->runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  CHECK((*runs)[0].model_identity == "fake|m");
  CHECK((*runs)[0].status == "running");
}

TEST_CASE("several connections creating the same new store at once all open it") {
  // Two `yardstick run` processes started together on a new --db: one creates the schema while
  // the other checks whether the file is ours and sets WAL mode. Connections of one process
  // take the same file locks as processes do.
  test::TempDir dir;
  for (int round = 0; round < 20; ++round) {
    const std::string path = dir.file("new-" + std::to_string(round) + ".db");
    constexpr int kOpeners = 6;
    std::vector<std::string> errors(kOpeners);
    std::vector<std::thread> threads;
    for (int i = 0; i < kOpeners; ++i) {
      threads.emplace_back([&, i] {
        auto store = Store::open(path);
        if (!store) errors[static_cast<size_t>(i)] = store.error().message;
      });
    }
    for (auto& t : threads) t.join();
    for (const std::string& e : errors) {
      INFO("round " << round);
      CHECK(e == "");
    }
  }
}

TEST_CASE("samples, responses and scores round-trip and join in plan order") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  REQUIRE(store->put_run(sample_run("r1")).ok());
  REQUIRE(store->put_samples("r1", {link("b", "kb", 0), link("a", "ka", 1)}).ok());
  Response r;
  r.text = "hello <script>";
  r.reasoning = "thinking";
  r.prompt_tokens = 3;
  r.completion_tokens = 4;
  r.ttft_ms = 12.5;
  r.logliks = {{-1.5, true, 2}};
  Request req;
  req.messages = {{"user", "question b"}};
  REQUIRE(store->put_responses({{"kb", "fake|m", req, r, {}}}).ok());
  Score s;
  s.value = 1;
  s.extracted = "x";
  s.method = "exact";
  s.detail = {{"metrics", {{"official", 1}}}};
  REQUIRE(store->put_scores("r1", {{"b", s}}).ok());

  auto samples = store->samples("r1");
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 2);
  const auto& first = (*samples)[0];
  CHECK(first.link.item_id == "b");
  REQUIRE(first.response.has_value());
  CHECK(first.response->text == "hello <script>");
  CHECK(first.response->reasoning == "thinking");
  CHECK(first.response->ttft_ms == Approx(12.5));
  REQUIRE(first.response->logliks.size() == 1);
  CHECK(first.response->logliks[0].logprob == Approx(-1.5));
  REQUIRE(first.score.has_value());
  CHECK(first.score->detail["metrics"]["official"] == 1);
  CHECK_FALSE((*samples)[1].response.has_value());
  CHECK_FALSE((*samples)[1].score.has_value());
}

TEST_CASE("a retried response replaces the stored error under the same key") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  Request req;
  Response bad;
  bad.error_kind = ErrorKind::server;
  bad.error = "HTTP 500";
  REQUIRE(store->put_responses({{"k", "fake|m", req, bad, {}}}).ok());
  auto status = store->response_status("fake|m");
  REQUIRE(status.ok());
  CHECK(status->at("k") == ErrorKind::server);
  Response good;
  good.text = "fine";
  REQUIRE(store->put_responses({{"k", "fake|m", req, good, {}}}).ok());
  status = store->response_status("fake|m");
  CHECK(status->size() == 1);
  CHECK(status->at("k") == ErrorKind::none);
  CHECK(store->response_status("other|model")->empty());
}

TEST_CASE("a database from a newer yardstick is refused with a clear message") {
  test::TempDir dir;
  { REQUIRE(Store::open(dir.file("a.db")).ok()); }
  {
    auto store = std::move(Store::open(dir.file("a.db")).value());
    (void)store;
  }
  // Bump the version behind the store's back.
  {
    std::string cmd = "sqlite3 '" + dir.file("a.db") +
                      "' \"UPDATE meta SET value='99' WHERE key='schema_version'\"";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  auto again = Store::open(dir.file("a.db"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("schema version 99") != std::string::npos);
}

TEST_CASE("a file that is not a SQLite database gives an error, not a crash") {
  test::TempDir dir;
  std::string path = dir.write("junk.db", std::string(4096, 'x'));
  auto store = Store::open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message.find("junk.db") != std::string::npos);
}

TEST_CASE("deleting a run keeps cached responses") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  REQUIRE(store->put_run(sample_run("r1")).ok());
  REQUIRE(store->put_samples("r1", {link("a", "ka", 0)}).ok());
  REQUIRE(store->put_responses({{"ka", "fake|m", Request{}, Response{}, {}}}).ok());
  REQUIRE(store->delete_run("r1").ok());
  CHECK(store->runs()->empty());
  CHECK(store->response_status("fake|m")->size() == 1);
}

TEST_CASE("canonical_json writes exactly what nlohmann's dump of to_json writes") {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  controls += "\x7f \"quoted\" back\\slash /slash";
  std::vector<Request> cases;
  Request chat;
  chat.messages = {{"system", "be brief"}, {"user", controls}, {"assistant", ""}};
  cases.push_back(chat);
  Request unicode;
  unicode.messages = {{"user", "caf\xc3\xa9 \xe2\x88\x92 \xf0\x9f\x98\x80 \"q\"\n"}};
  unicode.params.temperature = 0.1;
  unicode.params.top_p = 0.95;
  unicode.params.top_k = 40;
  unicode.params.max_tokens = 2048;
  unicode.params.stop = {"\n\n", "Question:"};
  unicode.params.seed = -3;
  unicode.params.reasoning_effort = "high";
  cases.push_back(unicode);
  Request completion;
  completion.kind = RequestKind::completion;
  completion.prompt = "The answer is\t";
  completion.params.temperature = 1e-7;
  cases.push_back(completion);
  Request loglik;
  loglik.kind = RequestKind::loglik;
  loglik.prompt = "Answer:";
  loglik.continuations = {" A", " B", "\x01", "\xc3\xa9"};
  cases.push_back(loglik);
  cases.push_back(Request{});  // no messages, no prompt
  for (const auto& r : cases) CHECK(canonical_json(r) == to_json(r).dump());
  Request bad;
  bad.messages = {{"user", "\xff not UTF-8"}};
  CHECK_THROWS(canonical_json(bad));
  CHECK_THROWS(to_json(bad).dump());
}

TEST_CASE("a SQLite database of another program is refused and left untouched") {
  test::TempDir dir;
  std::string path = dir.file("other.db");
  {
    auto db = sql::Db::open(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)").ok());
  }
  auto store = Store::open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message.find("another program (tables: invoices)") != std::string::npos);
  auto db = sql::Db::open(path);
  REQUIRE(db.ok());
  auto tables = db->prepare("SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'");
  REQUIRE(tables.ok());
  REQUIRE(tables->step());
  CHECK(tables->text(0) == "invoices");
  auto mode = db->prepare("PRAGMA journal_mode");
  REQUIRE(mode.ok());
  REQUIRE(mode->step());
  CHECK(mode->text(0) == "delete");  // not switched to WAL either
}

TEST_CASE("an empty SQLite file and our own store open; a directory is refused") {
  test::TempDir dir;
  { REQUIRE(sql::Db::open(dir.file("empty.db")).ok()); }
  CHECK(Store::open(dir.file("empty.db")).ok());
  CHECK(Store::open(dir.file("empty.db")).ok());
  auto d = Store::open(dir.path());
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("is a directory") != std::string::npos);
}

TEST_CASE("a sample whose stored request cannot be read is skipped and counted, not fatal") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  REQUIRE(store->put_run(sample_run("r1")).ok());
  REQUIRE(
      store->put_samples("r1", {link("a", "ka", 0), link("b", "kb", 1), link("c", "kc", 2)}).ok());
  {
    // What an older yardstick wrote for --temperature nan.
    auto db = sql::Db::open(dir.file("a.db"));
    REQUIRE(db.ok());
    REQUIRE(db->exec("UPDATE samples SET request = json_set(request, '$.params.temperature', "
                     "json('null')) WHERE item_id = 'b'")
                .ok());
  }
  auto samples = store->samples("r1");
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 2);
  CHECK((*samples)[0].link.item_id == "a");
  CHECK((*samples)[1].link.item_id == "c");
  UnreadableRows bad = store->unreadable_rows();
  CHECK(bad.count == 1);
  CHECK(bad.first.find("item b: stored request unreadable") != std::string::npos);
  CHECK(bad.first.find("temperature") != std::string::npos);
}

namespace {

std::vector<std::string> table_columns(const std::string& path, const std::string& table) {
  auto db = sql::Db::open(path);
  REQUIRE(db.ok());
  auto stmt = db->prepare("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
  REQUIRE(stmt.ok());
  std::vector<std::string> names;
  while (stmt->step()) names.push_back(stmt->text(0));
  return names;
}

std::vector<std::string> joined(std::initializer_list<std::string> before, tables::Columns middle,
                                std::initializer_list<std::string> after) {
  std::vector<std::string> out(before);
  for (std::string_view c : middle) out.emplace_back(c);
  out.insert(out.end(), after);
  return out;
}

}  // namespace

TEST_CASE("the store's column lists are the schema's columns, in the schema's order") {
  test::TempDir dir;
  const std::string path = dir.file("a.db");
  REQUIRE(Store::open(path).ok());
  CHECK(table_columns(path, "runs") == joined({}, tables::kRunColumns, {}));
  CHECK(table_columns(path, "samples") == joined({"run_id"}, tables::kSampleColumns, {}));
  CHECK(table_columns(path, "responses") == joined({"request_key", "model_identity", "request"},
                                                   tables::kResponseColumns, {"created_at"}));
  CHECK(table_columns(path, "scores") ==
        joined({"run_id", "item_id"}, tables::kScoreColumns, {"scored_at"}));
}

TEST_CASE("every stored field of a response and a score reads back as written") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  REQUIRE(store->put_run(sample_run("r1")).ok());
  REQUIRE(store->put_samples("r1", {link("a", "ka", 0), link("b", "kb", 1)}).ok());
  Response full;
  full.text = "text";
  full.reasoning = "reasoning";
  full.finish_reason = "length";
  full.prompt_tokens = 11;
  full.completion_tokens = 22;
  full.reasoning_tokens = 33;
  full.latency_ms = 44.5;
  full.ttft_ms = 5.25;
  full.attempts = 3;
  full.logliks = {{-0.5, true, 1}, {-7.25, false, 4}};
  full.error_kind = ErrorKind::rate_limited;
  full.error = "HTTP 429";
  Response bare;  // no ttft, no logliks, no error
  bare.text = "bare";
  Request req;
  req.messages = {{"user", "q"}};
  REQUIRE(store->put_responses({{"ka", "fake|m", req, full, {}}, {"kb", "fake|m", req, bare, {}}})
              .ok());
  Score s;
  s.value = 0.25;
  s.status = ScoreStatus::unparsed;
  s.extracted = "B";
  s.method = "regex";
  s.detail = {{"why", "no letter"}};
  REQUIRE(store->put_scores("r1", {{"a", s}}).ok());

  auto samples = store->samples("r1");
  REQUIRE(samples.ok());
  REQUIRE(samples->size() == 2);
  const StoredSample& a = (*samples)[0];
  CHECK(a.link.ordinal == 0);
  CHECK(a.link.category == "cat");
  CHECK(a.link.request_key == "ka");
  CHECK(a.link.reference == "ref");
  REQUIRE(a.response.has_value());
  const Response& r = *a.response;
  CHECK(r.text == "text");
  CHECK(r.reasoning == "reasoning");
  CHECK(r.finish_reason == "length");
  CHECK(r.prompt_tokens == 11);
  CHECK(r.completion_tokens == 22);
  CHECK(r.reasoning_tokens == 33);
  CHECK(r.latency_ms == 44.5);
  CHECK(r.ttft_ms == std::optional<double>(5.25));
  CHECK(r.attempts == 3);
  CHECK(r.logliks == std::vector<LoglikResult>{{-0.5, true, 1}, {-7.25, false, 4}});
  CHECK(r.error_kind == ErrorKind::rate_limited);
  CHECK(r.error == "HTTP 429");
  REQUIRE(a.score.has_value());
  CHECK(a.score->value == 0.25);
  CHECK(a.score->status == ScoreStatus::unparsed);
  CHECK(a.score->extracted == "B");
  CHECK(a.score->method == "regex");
  CHECK(a.score->detail == Json{{"why", "no letter"}});

  const StoredSample& b = (*samples)[1];
  REQUIRE(b.response.has_value());
  CHECK(b.response->text == "bare");
  CHECK_FALSE(b.response->ttft_ms.has_value());
  CHECK(b.response->logliks.empty());
  CHECK(b.response->ok());
  CHECK_FALSE(b.score.has_value());
}

TEST_CASE("saving a run again updates its status and provenance but not its identity") {
  test::TempDir dir;
  auto store = std::move(Store::open(dir.file("a.db")).value());
  RunRecord first = sample_run("r1");
  first.suite_config = {{"k", 1}};
  first.params = {{"temperature", 0}};
  REQUIRE(store->put_run(first).ok());
  auto before = store->run("r1");
  REQUIRE(before.ok());
  REQUIRE(before->has_value());

  RunRecord second = first;
  second.model_name = "renamed";
  second.backend_kind = "other";
  second.suite_name = "custom:other";
  second.harness_version = "1";
  second.harness_commit = "y";
  second.config = {{"command", "run"}};
  second.n_items = 7;
  second.status = "complete";
  REQUIRE(store->put_run(second).ok());
  auto after = store->run("r1");
  REQUIRE(after.ok());
  REQUIRE(after->has_value());
  const RunRecord& r = **after;
  CHECK(r.created_at == (*before)->created_at);
  CHECK(r.updated_at >= (*before)->updated_at);
  CHECK(r.model_name == "renamed");
  CHECK(r.harness_version == "1");
  CHECK(r.harness_commit == "y");
  CHECK(r.config == Json{{"command", "run"}});
  CHECK(r.n_items == 7);
  CHECK(r.status == "complete");
  CHECK(r.backend_kind == "fake");  // set when the run was created
  CHECK(r.suite_name == "custom:t");
  CHECK(r.model_identity == "fake|m");
  CHECK(r.suite_config == Json{{"k", 1}});
  CHECK(r.params == Json{{"temperature", 0}});
}
