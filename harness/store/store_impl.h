// Store::Impl: the connection and bookkeeping shared by store.cpp (reads and writes) and
// store_open.cpp (opening and migrating). Private to the store.
#pragma once

#include <string>
#include <utility>

#include "harness/store/sqlite.h"
#include "harness/store/store.h"
#include "harness/store/tables.h"

namespace ys {

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
      auto ins =
          db.prepare("INSERT INTO samples(run_id, " + tables::column_list(tables::kSampleColumns) +
                     ") VALUES (" + tables::placeholders(1 + tables::kSampleColumns.size()) + ")");
      if (!ins) return ins.error();
      for (size_t i = 0; i < n; ++i) {
        const tables::SampleRow s = row(i);
        tables::Binder b(*ins);
        b.text(run_id);
        tables::bind_sample(b, s);
        if (auto st = ins->run(); !st)
          return Error{"item " + s.item_id + ": " + st.error().message};
      }
      return ok_status();
    });
  }
};

}  // namespace ys
