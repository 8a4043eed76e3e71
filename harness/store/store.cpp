#include "harness/store/store.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "harness/store/sqlite.h"
#include "harness/store/store_impl.h"
#include "harness/store/tables.h"

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

using tables::kResponseColumns;
using tables::kRunColumns;
using tables::kSampleColumns;
using tables::kScoreColumns;

const std::string& select_runs() {
  static const std::string sql = "SELECT " + tables::column_list(kRunColumns) + " FROM runs";
  return sql;
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl, std::string path)
    : impl_(std::move(impl)), path_(std::move(path)) {}
Store::~Store() = default;

Status Store::put_run(const RunRecord& run) {
  auto stmt = impl_->db.prepare("INSERT INTO runs(" + tables::column_list(kRunColumns) +
                                ") VALUES (" + tables::placeholders(kRunColumns.size()) +
                                ") ON CONFLICT(run_id) DO UPDATE SET " +
                                tables::set_from_excluded(tables::kRunUpdatedColumns));
  if (!stmt) return stmt.error();
  tables::Binder b(*stmt);
  tables::bind_run(b, run, utc_now_iso());
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
  auto stmt = impl_->db.prepare(select_runs() + " ORDER BY suite_name, created_at, model_name");
  if (!stmt) return stmt.error();
  std::vector<RunRecord> out;
  while (stmt->step()) {
    tables::Cursor c(*stmt);
    out.push_back(tables::read_run(c));
  }
  if (!stmt->error().empty()) return Error{"listing runs: " + stmt->error()};
  return out;
}

Expected<std::optional<RunRecord>> Store::run(const std::string& run_id) const {
  auto stmt = impl_->db.prepare(select_runs() + " WHERE run_id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id);
  if (stmt->step()) {
    tables::Cursor c(*stmt);
    return std::optional<RunRecord>(tables::read_run(c));
  }
  if (!stmt->error().empty()) return Error{"reading run " + run_id + ": " + stmt->error()};
  return std::optional<RunRecord>();
}

Status Store::put_samples(const std::string& run_id, const std::vector<SampleLink>& samples) {
  std::string computed;
  return impl_->write_samples(run_id, samples.size(), [&](size_t i) {
    const SampleLink& s = samples[i];
    computed = canonical_json(s.request);
    return tables::SampleRow{s.item_id, s.ordinal,   s.category, s.request_key,
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
    return tables::SampleRow{item.id,         static_cast<int64_t>(i), item.category,
                             request_keys[i], request_jsons[i],        item.reference,
                             item.meta};
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
        "INSERT OR REPLACE INTO responses(request_key, model_identity, request, " +
        tables::column_list(kResponseColumns) + ", created_at) VALUES (" +
        tables::placeholders(3 + kResponseColumns.size() + 1) + ")");
    if (!ins) return ins.error();
    std::string now = utc_now_iso();
    std::string computed;
    for (const auto& row : rows) {
      std::string_view request_json = row.request_json;
      if (request_json.empty()) request_json = computed = canonical_json(row.request);
      tables::Binder b(*ins);
      b.text(row.request_key).text(row.model_identity).text(request_json);
      tables::bind_response(b, row.response);
      b.text(now);
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
    auto ins = impl_->db.prepare("INSERT OR REPLACE INTO scores(run_id, item_id, " +
                                 tables::column_list(kScoreColumns) + ", scored_at) VALUES (" +
                                 tables::placeholders(2 + kScoreColumns.size() + 1) + ")");
    if (!ins) return ins.error();
    std::string now = utc_now_iso();
    for (const auto& [item_id, s] : scores) {
      tables::Binder b(*ins);
      b.text(run_id).text(item_id);
      tables::bind_score(b, s);
      b.text(now);
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
  // Each sample, then whether it has a response and the response, then whether it has a score
  // and the score.
  auto stmt = impl_->db.prepare(
      "SELECT " + tables::column_list(kSampleColumns, "s.") + ", r.request_key IS NOT NULL, " +
      tables::column_list(kResponseColumns, "r.") + ", c.item_id IS NOT NULL, " +
      tables::column_list(kScoreColumns, "c.") +
      " FROM samples s LEFT JOIN responses r ON r.request_key = s.request_key "
      "LEFT JOIN scores c ON c.run_id = s.run_id AND c.item_id = s.item_id "
      "WHERE s.run_id = ?1" +
      extra_where + " ORDER BY s.ordinal");
  if (!stmt) return stmt.error();
  stmt->bind(1, run_id);
  std::vector<StoredSample> out;
  while (stmt->step()) {
    tables::Cursor c(*stmt);
    auto link = tables::read_sample(c);
    if (!link) {
      impl_->skip_row("run " + run_id + " " + link.error().message);
      continue;
    }
    StoredSample s{std::move(*link), std::nullopt, std::nullopt};
    if (c.integer()) {
      s.response = tables::read_response(c);
    } else {
      c.skip(kResponseColumns.size());
    }
    if (c.integer()) s.score = tables::read_score(c);
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
