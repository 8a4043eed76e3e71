// Store::open: refusing files that are not ours, choosing read-only or WAL, and migrating the
// schema.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "harness/store/schema.h"
#include "harness/store/sqlite.h"
#include "harness/store/store.h"
#include "harness/store/store_impl.h"

namespace ys {

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

Status refuse_foreign(const std::vector<std::string>& tables, const std::string& path) {
  std::string list;
  for (size_t i = 0; i < tables.size() && i < 5; ++i) list += (i ? ", " : "") + tables[i];
  if (tables.size() > 5) list += ", ...";
  return Error{"'" + path + "' is a SQLite database of another program (tables: " + list +
               "), not a yardstick results file; refusing to add yardstick's tables to it"};
}

// Before anything is written to the file (even its journal mode): only a file without our schema
// version can be foreign; ours may gain tables in later versions.
// Both reads are one read transaction: another process may be creating the schema right now
// (tables and version commit together), and reading its version before that commit and its
// tables after it would take a new store for a foreign one. The table list is read first: a
// query on a missing meta table fails before it reads, so it would not start the snapshot.
Status check_ours(sql::Db& db, const std::string& path) {
  if (auto st = db.exec("BEGIN"); !st)
    return Error{"reading '" + path + "': " + st.error().message};
  Status result = ok_status();
  if (auto tables = foreign_tables(db); !tables) {
    result = Error{"reading '" + path + "': " + tables.error().message};
  } else if (!tables->empty()) {
    auto has_meta = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!(has_meta && has_meta->step())) result = refuse_foreign(*tables, path);
  }
  (void)db.exec("COMMIT");
  return result;
}

// Setting WAL mode needs the file to itself for a moment; while another process is creating or
// migrating the same new store, SQLite can answer "locked" at once instead of waiting through
// the busy timeout. Retried until the busy timeout has passed.
Status configure(sql::Db& db, const std::string& path, int busy_timeout_ms) {
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    auto st =
        db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    if (st) return ok_status();
    const std::string& message = st.error().message;
    const bool busy =
        message.find("locked") != std::string::npos || message.find("busy") != std::string::npos;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (!busy || waited.count() >= busy_timeout_ms)
      return Error{"configuring '" + path + "': " + message + " (is it a SQLite database?)"};
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50, 5 + 5 * attempt)));
  }
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
    // Under the write lock, read the version again: another process opening the same store may
    // have run this step since the version was read.
    if (auto st = db.exec("BEGIN IMMEDIATE"); !st)
      return Error{"migrating '" + path + "': " + st.error().message};
    auto now = read_schema_version(db);
    if (now && *now > v) {
      (void)db.exec("COMMIT");
      continue;
    }
    std::string sql = migrations[static_cast<size_t>(v)] +
                      "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                      std::to_string(v + 1) + "'); COMMIT;";
    if (auto st = now ? db.exec(sql) : Status(now.error()); !st) {
      (void)db.exec("ROLLBACK");
      return Error{"migrating '" + path + "' to schema " + std::to_string(v + 1) + ": " +
                   st.error().message};
    }
  }
  return ok_status();
}

}  // namespace

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
  if (auto st = configure(*db, path, options.busy_timeout_ms); !st) return st.error();
  if (auto st = migrate(*db, path); !st) return st.error();
  return std::unique_ptr<Store>(new Store(std::make_unique<Impl>(std::move(*db)), path));
}

}  // namespace ys
