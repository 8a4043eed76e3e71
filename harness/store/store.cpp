#include "harness/store/store.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "harness/core/json_parse.h"
#include "harness/store/schema.h"
#include "harness/store/sqlite.h"

namespace ys {

std::string utc_now_iso() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t t = system_clock::to_time_t(now);
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

namespace {

// One row of the samples table, pointing into its source (a SampleLink, or a plan's Item).
struct SampleRow {
  const std::string& item_id;
  int64_t ordinal;
  const std::string& category;
  const std::string& request_key;
  std::string_view request_json;
  const Json& reference;
  const Json& meta;
};

}  // namespace

struct Store::Impl {
  sql::Db db;
  UnreadableRows unreadable;  // rows the readers left out
  explicit Impl(sql::Db d) : db(std::move(d)) {}

  void skip_row(std::string reason) {
    if (unreadable.count++ == 0) unreadable.first = std::move(reason);
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
  template <typename F>
  Status transaction(const std::string& what, F&& body) {
    if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return Error{what + ": " + st.error().message};
    Status st = body();
    if (!st) {
      (void)db.exec("ROLLBACK");
      return Error{what + ": " + st.error().message};
    }
    if (auto c = db.exec("COMMIT"); !c) {
      (void)db.exec("ROLLBACK");
      return Error{what + ": " + c.error().message};
    }
    return ok_status();
  }

  // Replaces the run's samples with n rows; row(i) gives the i-th.
  template <typename RowFn>
  Status write_samples(const std::string& run_id, size_t n, RowFn row) {
    return transaction("saving the plan of run " + run_id, [&]() -> Status {
      auto del = db.prepare("DELETE FROM samples WHERE run_id = ?1");
      if (!del) return del.error();
      del->bind(1, run_id);
      if (auto st = del->run(); !st) return st;
      auto ins = db.prepare(
          "INSERT INTO samples(run_id, item_id, ordinal, category, request_key, request, "
          "reference, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      if (!ins) return ins.error();
      for (size_t i = 0; i < n; ++i) {
        const SampleRow s = row(i);
        ins->bind(1, run_id)
            .bind(2, s.item_id)
            .bind(3, s.ordinal)
            .bind(4, s.category)
            .bind(5, s.request_key)
            .bind(6, s.request_json)
            .bind(7, s.reference.dump())
            .bind(8, s.meta.dump());
        if (auto st = ins->run(); !st)
          return Error{"item " + s.item_id + ": " + st.error().message};
      }
      return ok_status();
    });
  }
};

namespace {

Expected<int> read_schema_version(sql::Db& db) {
  if (auto st =
          db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      !st)
    return st.error();
  auto stmt = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!stmt) return stmt.error();
  if (stmt->step()) return std::atoi(stmt->text(0).c_str());
  if (!stmt->error().empty()) return Error{stmt->error()};
  return 0;
}

// The tables of a database that has no yardstick schema version yet: a new file has none, and a
// file with tables of its own belongs to another program.
Expected<std::vector<std::string>> foreign_tables(sql::Db& db) {
  auto stmt = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND NOT "
      "(name = 'meta' AND EXISTS (SELECT 1 FROM pragma_table_info('meta') WHERE name = 'value')) "
      "ORDER BY name");
  if (!stmt) return stmt.error();
  std::vector<std::string> names;
  while (stmt->step()) names.push_back(stmt->text(0));
  if (!stmt->error().empty()) return Error{stmt->error()};
  return names;
}

Status refuse_foreign(sql::Db& db, const std::string& path) {
  auto tables = foreign_tables(db);
  if (!tables) return Error{"reading '" + path + "': " + tables.error().message};
  if (tables->empty()) return ok_status();
  std::string list;
  for (size_t i = 0; i < tables->size() && i < 5; ++i) list += (i ? ", " : "") + (*tables)[i];
  if (tables->size() > 5) list += ", ...";
  return Error{"'" + path + "' is a SQLite database of another program (tables: " + list +
               "), not a yardstick results file; refusing to add yardstick's tables to it"};
}

// Before anything is written to the file (even its journal mode): only a file without our schema
// version can be foreign; ours may gain tables in later versions.
Status check_ours(sql::Db& db, const std::string& path) {
  auto has_meta = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (has_meta && has_meta->step()) return ok_status();
  return refuse_foreign(db, path);
}

Expected<int> read_only_schema_version(sql::Db& db) {
  auto stmt = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!stmt) return stmt.error();
  if (!stmt->step()) return Error{"no schema version"};
  return std::atoi(stmt->text(0).c_str());
}

Status migrate(sql::Db& db, const std::string& path) {
  auto version = read_schema_version(db);
  if (!version)
    return Error{"reading schema version of '" + path + "': " + version.error().message};
  const auto& migrations = schema_migrations();
  int target = static_cast<int>(migrations.size());
  if (*version > target) {
    return Error{"'" + path + "' has schema version " + std::to_string(*version) +
                 ", newer than this yardstick understands (" + std::to_string(target) +
                 "); upgrade yardstick"};
  }
  for (int v = *version; v < target; ++v) {
    std::string sql = "BEGIN IMMEDIATE;" + migrations[static_cast<size_t>(v)] +
                      "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                      std::to_string(v + 1) + "'); COMMIT;";
    if (auto st = db.exec(sql); !st) {
      (void)db.exec("ROLLBACK");
      return Error{"migrating '" + path + "' to schema " + std::to_string(v + 1) + ": " +
                   st.error().message};
    }
  }
  return ok_status();
}

// A store may come from elsewhere (a merged shard, a copied file): its JSON is input too.
Json parse_json_column(const std::string& s) {
  if (s.empty()) return Json();
  auto j = parse_json(s);
  return j ? std::move(*j) : Json(Json::value_t::discarded);
}

Json parse_json_or_throw(const std::string& s) {
  auto j = parse_json(s);
  if (!j) throw std::runtime_error(j.error().message);
  return std::move(*j);
}

Score score_from_row(const sql::Stmt& s, int col) {
  Score sc;
  sc.value = s.real(col);
  sc.status = score_status_from_string(s.text(col + 1)).value_or(ScoreStatus::error);
  sc.extracted = s.text(col + 2);
  sc.method = s.text(col + 3);
  sc.detail = parse_json_column(s.text(col + 4));
  if (sc.detail.is_discarded() || sc.detail.is_null()) sc.detail = Json::object();
  return sc;
}

Response response_from_row(const sql::Stmt& s, int col) {
  Response r;
  r.text = s.text(col);
  r.reasoning = s.text(col + 1);
  r.finish_reason = s.text(col + 2);
  r.prompt_tokens = s.integer(col + 3);
  r.completion_tokens = s.integer(col + 4);
  r.reasoning_tokens = s.integer(col + 5);
  r.latency_ms = s.real(col + 6);
  if (!s.is_null(col + 7)) r.ttft_ms = s.real(col + 7);
  r.attempts = static_cast<int>(s.integer(col + 8));
  if (!s.is_null(col + 9)) {
    Json ll = parse_json_column(s.text(col + 9));
    if (ll.is_array()) {
      for (const auto& l : ll)
        r.logliks.push_back(
            {l.value("logprob", 0.0), l.value("is_greedy", false), l.value("n_tokens", 0)});
    }
  }
  r.error_kind = error_kind_from_string(s.text(col + 10)).value_or(ErrorKind::client);
  r.error = s.text(col + 11);
  return r;
}

RunRecord run_from_row(const sql::Stmt& s) {
  RunRecord r;
  r.run_id = s.text(0);
  r.created_at = s.text(1);
  r.updated_at = s.text(2);
  r.model_name = s.text(3);
  r.model_identity = s.text(4);
  r.backend_kind = s.text(5);
  r.suite_name = s.text(6);
  r.protocol_version = s.text(7);
  r.dataset_fingerprint = s.text(8);
  r.suite_config = parse_json_column(s.text(9));
  r.params = parse_json_column(s.text(10));
  r.harness_version = s.text(11);
  r.harness_commit = s.text(12);
  r.config = parse_json_column(s.text(13));
  r.n_items = s.integer(14);
  r.status = s.text(15);
  return r;
}

const char* kRunColumns =
    "run_id, created_at, updated_at, model_name, model_identity, backend_kind, suite_name, "
    "protocol_version, dataset_fingerprint, suite_config, params, harness_version, "
    "harness_commit, config, n_items, status";

}  // namespace

Store::Store(std::unique_ptr<Impl> impl, std::string path)
    : impl_(std::move(impl)), path_(std::move(path)) {}
Store::~Store() = default;

Expected<std::unique_ptr<Store>> Store::open(const std::string& path) {
  StoreOptions options;
  if (const char* env = std::getenv("YARDSTICK_BUSY_TIMEOUT_MS"); env && *env) {
    char* end = nullptr;
    long ms = std::strtol(env, &end, 10);
    if (*end != '\0' || ms < 0 || ms > 3600000)
      return Error{std::string("YARDSTICK_BUSY_TIMEOUT_MS='") + env +
                   "': expected milliseconds from 0 to 3600000"};
    options.busy_timeout_ms = static_cast<int>(ms);
  }
  return open(path, options);
}

Expected<std::unique_ptr<Store>> Store::open(const std::string& path, const StoreOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{"'" + path + "' is a directory, not a results file"};
  // A file we may not write (read-only media, permissions) is opened for reading only: reports
  // work, and the first write fails with a clear message instead of the open failing obscurely.
  const bool read_only =
      std::filesystem::exists(path, ec) && ::access(path.c_str(), W_OK) != 0 && errno != ENOENT;
  auto db =
      read_only ? sql::Db::open_read_only(path) : sql::Db::open(path, options.busy_timeout_ms);
  if (!db) return db.error();
  if (auto st = check_ours(*db, path); !st) return st.error();
  if (read_only) {
    auto version = read_only_schema_version(*db);
    if (!version || *version != static_cast<int>(schema_migrations().size()))
      return Error{"'" + path + "' is read-only and not at schema version " +
                   std::to_string(schema_migrations().size()) + " (cannot migrate it)"};
    return std::unique_ptr<Store>(new Store(std::make_unique<Impl>(std::move(*db)), path));
  }
  // WAL: readers never block the writer, and a crash loses at most the open transaction.
  if (auto st = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                         "PRAGMA foreign_keys=ON;");
      !st)
    return Error{"configuring '" + path + "': " + st.error().message +
                 " (is it a SQLite database?)"};
  if (auto st = migrate(*db, path); !st) return st.error();
  return std::unique_ptr<Store>(new Store(std::make_unique<Impl>(std::move(*db)), path));
}

Status Store::put_run(const RunRecord& run) {
  auto stmt = impl_->db.prepare(
      std::string("INSERT INTO runs(") + kRunColumns +
      ") VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
      "ON CONFLICT(run_id) DO UPDATE SET updated_at = ?2, model_name = ?3, "
      "harness_version = ?11, harness_commit = ?12, config = ?13, n_items = ?14, status = ?15");
  if (!stmt) return stmt.error();
  std::string now = utc_now_iso();
  stmt->bind(1, run.run_id)
      .bind(2, now)
      .bind(3, run.model_name)
      .bind(4, run.model_identity)
      .bind(5, run.backend_kind)
      .bind(6, run.suite_name)
      .bind(7, run.protocol_version)
      .bind(8, run.dataset_fingerprint)
      .bind(9, run.suite_config.dump())
      .bind(10, run.params.dump())
      .bind(11, run.harness_version)
      .bind(12, run.harness_commit)
      .bind(13, run.config.dump())
      .bind(14, run.n_items)
      .bind(15, run.status);
  if (auto st = stmt->run(); !st)
    return Error{"saving run " + run.run_id + ": " + st.error().message};
  return ok_status();
}

Status Store::set_run_status(const std::string& run_id, const std::string& status) {
  auto stmt = impl_->db.prepare("UPDATE runs SET status = ?2, updated_at = ?3 WHERE run_id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id).bind(2, status).bind(3, utc_now_iso());
  return stmt->run();
}

Expected<std::vector<RunRecord>> Store::runs() const {
  auto stmt = impl_->db.prepare(std::string("SELECT ") + kRunColumns +
                                " FROM runs ORDER BY suite_name, created_at, model_name");
  if (!stmt) return stmt.error();
  std::vector<RunRecord> out;
  while (stmt->step()) out.push_back(run_from_row(*stmt));
  if (!stmt->error().empty()) return Error{"listing runs: " + stmt->error()};
  return out;
}

Expected<std::optional<RunRecord>> Store::run(const std::string& run_id) const {
  auto stmt =
      impl_->db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE run_id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id);
  if (stmt->step()) return std::optional<RunRecord>(run_from_row(*stmt));
  if (!stmt->error().empty()) return Error{"reading run " + run_id + ": " + stmt->error()};
  return std::optional<RunRecord>();
}

Status Store::put_samples(const std::string& run_id, const std::vector<SampleLink>& samples) {
  std::string computed;
  return impl_->write_samples(run_id, samples.size(), [&](size_t i) {
    const SampleLink& s = samples[i];
    computed = canonical_json(s.request);
    return SampleRow{s.item_id, s.ordinal,   s.category, s.request_key,
                     computed,  s.reference, s.meta};
  });
}

Status Store::put_plan(const std::string& run_id, const std::vector<Item>& items,
                       const std::vector<std::string>& request_keys,
                       const std::vector<std::string>& request_jsons) {
  YS_ASSERT(request_keys.size() == items.size() && request_jsons.size() == items.size(),
            "put_plan: one key and one JSON per item");
  return impl_->write_samples(run_id, items.size(), [&](size_t i) {
    const Item& item = items[i];
    return SampleRow{item.id,          static_cast<int64_t>(i), item.category, request_keys[i],
                     request_jsons[i], item.reference,          item.meta};
  });
}

Expected<std::unordered_map<std::string, ErrorKind>> Store::response_status(
    const std::string& model_identity) const {
  auto stmt =
      impl_->db.prepare("SELECT request_key, error_kind FROM responses WHERE model_identity = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, model_identity);
  std::unordered_map<std::string, ErrorKind> out;
  while (stmt->step())
    out.emplace(stmt->text(0), error_kind_from_string(stmt->text(1)).value_or(ErrorKind::client));
  if (!stmt->error().empty()) return Error{"reading stored responses: " + stmt->error()};
  return out;
}

Status Store::put_responses(const std::vector<ResponseRow>& rows) {
  if (rows.empty()) return ok_status();
  return impl_->transaction("saving responses", [&]() -> Status {
    auto ins = impl_->db.prepare(
        "INSERT OR REPLACE INTO responses(request_key, model_identity, request, text, reasoning, "
        "finish_reason, prompt_tokens, completion_tokens, reasoning_tokens, latency_ms, ttft_ms, "
        "attempts, logliks, error_kind, error, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (!ins) return ins.error();
    std::string now = utc_now_iso();
    std::string computed;
    for (const auto& row : rows) {
      const Response& r = row.response;
      std::string_view request_json = row.request_json;
      if (request_json.empty()) request_json = computed = canonical_json(row.request);
      ins->bind(1, row.request_key)
          .bind(2, row.model_identity)
          .bind(3, request_json)
          .bind(4, r.text)
          .bind(5, r.reasoning)
          .bind(6, r.finish_reason)
          .bind(7, r.prompt_tokens)
          .bind(8, r.completion_tokens)
          .bind(9, r.reasoning_tokens)
          .bind(10, r.latency_ms)
          .bind(11, r.ttft_ms)
          .bind(12, static_cast<int64_t>(r.attempts));
      if (r.logliks.empty()) {
        ins->bind_null(13);
      } else {
        ins->bind(13, to_json(r).at("logliks").dump());
      }
      ins->bind(14, to_string(r.error_kind)).bind(15, r.error).bind(16, now);
      if (auto st = ins->run(); !st)
        return Error{"request " + row.request_key + ": " + st.error().message};
    }
    return ok_status();
  });
}

Status Store::put_scores(const std::string& run_id,
                         const std::vector<std::pair<std::string, Score>>& scores) {
  if (scores.empty()) return ok_status();
  return impl_->transaction("saving scores", [&]() -> Status {
    auto ins = impl_->db.prepare(
        "INSERT OR REPLACE INTO scores(run_id, item_id, value, status, extracted, method, detail, "
        "scored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!ins) return ins.error();
    std::string now = utc_now_iso();
    for (const auto& [item_id, s] : scores) {
      ins->bind(1, run_id)
          .bind(2, item_id)
          .bind(3, s.value)
          .bind(4, to_string(s.status))
          .bind(5, s.extracted)
          .bind(6, s.method)
          .bind(7, s.detail.dump(-1, ' ', false, Json::error_handler_t::replace))
          .bind(8, now);
      if (auto st = ins->run(); !st) return Error{"item " + item_id + ": " + st.error().message};
    }
    return ok_status();
  });
}

Expected<std::vector<StoredSample>> Store::samples(const std::string& run_id) const {
  return read_samples(run_id, "");
}

Expected<std::vector<StoredSample>> Store::unscored_samples(const std::string& run_id) const {
  return read_samples(run_id, " AND r.request_key IS NOT NULL AND c.item_id IS NULL");
}

Expected<int64_t> Store::count_errored(const std::string& run_id) const {
  auto stmt = impl_->db.prepare(
      "SELECT COUNT(*) FROM samples s JOIN responses r ON r.request_key = s.request_key "
      "WHERE s.run_id = ?1 AND r.error_kind <> ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id).bind(2, to_string(ErrorKind::none));
  if (!stmt->step()) return Error{"counting errors of run " + run_id + ": " + stmt->error()};
  return stmt->integer(0);
}

Expected<std::vector<StoredSample>> Store::read_samples(const std::string& run_id,
                                                        const char* extra_where) const {
  auto stmt = impl_->db.prepare(
      "SELECT s.item_id, s.ordinal, s.category, s.request_key, s.request, s.reference, s.meta, "
      "r.request_key IS NOT NULL, r.text, r.reasoning, r.finish_reason, r.prompt_tokens, "
      "r.completion_tokens, r.reasoning_tokens, r.latency_ms, r.ttft_ms, r.attempts, r.logliks, "
      "r.error_kind, r.error, "
      "c.item_id IS NOT NULL, c.value, c.status, c.extracted, c.method, c.detail "
      "FROM samples s LEFT JOIN responses r ON r.request_key = s.request_key "
      "LEFT JOIN scores c ON c.run_id = s.run_id AND c.item_id = s.item_id "
      "WHERE s.run_id = ?1" +
      std::string(extra_where) + " ORDER BY s.ordinal");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id);
  std::vector<StoredSample> out;
  while (stmt->step()) {
    StoredSample s;
    s.link.item_id = stmt->text(0);
    s.link.ordinal = stmt->integer(1);
    s.link.category = stmt->text(2);
    s.link.request_key = stmt->text(3);
    try {
      s.link.request = request_from_json(parse_json_or_throw(stmt->text(4)));
    } catch (const std::exception& e) {
      impl_->skip_row("run " + run_id + " item " + s.link.item_id +
                      ": stored request unreadable: " + e.what());
      continue;
    }
    s.link.reference = parse_json_column(stmt->text(5));
    s.link.meta = parse_json_column(stmt->text(6));
    if (s.link.reference.is_discarded() || s.link.meta.is_discarded()) {
      impl_->skip_row("run " + run_id + " item " + s.link.item_id +
                      ": stored reference or meta is not valid JSON");
      continue;
    }
    if (stmt->integer(7)) s.response = response_from_row(*stmt, 8);
    if (stmt->integer(20)) s.score = score_from_row(*stmt, 21);
    out.push_back(std::move(s));
  }
  if (!stmt->error().empty())
    return Error{"reading samples of run " + run_id + ": " + stmt->error()};
  return out;
}

UnreadableRows Store::unreadable_rows() const {
  return impl_->unreadable;
}

Status Store::delete_run(const std::string& run_id) {
  return impl_->transaction("deleting run", [&]() -> Status {
    for (const char* sql :
         {"DELETE FROM scores WHERE run_id = ?1", "DELETE FROM samples WHERE run_id = ?1",
          "DELETE FROM runs WHERE run_id = ?1"}) {
      auto stmt = impl_->db.prepare(sql);
      if (!stmt) return stmt.error();
      stmt->bind(1, run_id);
      if (auto st = stmt->run(); !st) return st;
    }
    return ok_status();
  });
}

}  // namespace ys
