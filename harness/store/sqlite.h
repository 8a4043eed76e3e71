// Thin RAII layer over the SQLite C API, private to the store (sqlite3.h stays out of every other
// header). Errors become Error values carrying SQLite's message and the statement's intent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "harness/core/expected.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ys::sql {

class Db;

// A prepared statement. Bind parameters are 1-based, as in SQLite.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, std::string_view text);
  Stmt& bind(int i, int64_t value);
  Stmt& bind(int i, double value);
  Stmt& bind_null(int i);
  Stmt& bind(int i, const std::optional<double>& value);

  // Advances: true when a row is available, false when done. Errors set error().
  bool step();
  // Runs a statement that returns no rows; resets it afterwards.
  Status run();
  void reset();

  std::string text(int col) const;
  int64_t integer(int col) const;
  double real(int col) const;
  bool is_null(int col) const;

  const std::string& error() const { return error_; }

 private:
  friend class Db;
  Stmt(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string error_;
};

class Db {
 public:
  // Opens or creates the file; a write waits up to busy_timeout_ms for another connection's lock.
  static Expected<Db> open(const std::string& path, int busy_timeout_ms = 10000);
  // Opens a file that cannot be written (read-only media or permissions) for reading only, as
  // immutable: a WAL database is then readable without creating its -shm file. Every write fails
  // with SQLite's "attempt to write a readonly database".
  static Expected<Db> open_read_only(const std::string& path);
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  Status exec(const std::string& sql);  // one or more statements, no results
  Expected<Stmt> prepare(const std::string& sql);
  std::string last_error() const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace ys::sql
