// The store's tables, column by column, private to the store. Each table's columns are named once
// here; the SQL text (column lists, placeholders) and the code that binds a record's values or
// reads them back are derived from these lists, left to right, so no caller counts positions.
// Schema: harness/store/schema.cpp and docs/schema.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/core/types.h"
#include "harness/store/sqlite.h"
#include "harness/store/store.h"

namespace ys::tables {

using Columns = std::span<const std::string_view>;

// runs: every column, in schema order.
inline constexpr std::array<std::string_view, 16> kRunColumns = {
    "run_id",         "created_at",       "updated_at",
    "model_name",     "model_identity",   "backend_kind",
    "suite_name",     "protocol_version", "dataset_fingerprint",
    "suite_config",   "params",           "harness_version",
    "harness_commit", "config",           "n_items",
    "status"};
// The runs columns that a second put_run of the same run_id overwrites.
inline constexpr std::array<std::string_view, 7> kRunUpdatedColumns = {
    "updated_at", "model_name", "harness_version", "harness_commit", "config", "n_items", "status"};

// samples: run_id, then these.
inline constexpr std::array<std::string_view, 7> kSampleColumns = {
    "item_id", "ordinal", "category", "request_key", "request", "reference", "meta"};

// responses: request_key, model_identity, request, then these (a Response), then created_at.
inline constexpr std::array<std::string_view, 12> kResponseColumns = {
    "text",          "reasoning",         "finish_reason",
    "prompt_tokens", "completion_tokens", "reasoning_tokens",
    "latency_ms",    "ttft_ms",           "attempts",
    "logliks",       "error_kind",        "error"};

// scores: run_id, item_id, then these (a Score), then scored_at.
inline constexpr std::array<std::string_view, 5> kScoreColumns = {"value", "status", "extracted",
                                                                  "method", "detail"};

// "p.a, p.b, ..." for prefix "p." (no prefix: "a, b, ...").
std::string column_list(Columns columns, std::string_view prefix = "");
// "a = excluded.a, b = excluded.b, ...": an upsert's SET clause.
std::string set_from_excluded(Columns columns);
// "?first, ?first+1, ..., ?(first+n-1)".
std::string placeholders(size_t n, int first = 1);

// Binds parameters left to right, starting at ?first.
class Binder {
 public:
  explicit Binder(sql::Stmt& stmt, int first = 1) : stmt_(stmt), next_(first) {}
  Binder& text(std::string_view v);
  Binder& integer(int64_t v);
  Binder& real(double v);
  Binder& real(const std::optional<double>& v);  // NULL when empty
  Binder& null();
  int next() const { return next_; }

 private:
  sql::Stmt& stmt_;
  int next_;
};

// Reads result columns left to right, starting at column `first`.
class Cursor {
 public:
  explicit Cursor(const sql::Stmt& stmt, int first = 0) : stmt_(stmt), next_(first) {}
  std::string text() { return stmt_.text(next_++); }
  int64_t integer() { return stmt_.integer(next_++); }
  double real() { return stmt_.real(next_++); }
  std::optional<double> optional_real();  // empty for NULL
  std::optional<std::string> optional_text();
  void skip(size_t n) { next_ += static_cast<int>(n); }
  int next() const { return next_; }

 private:
  const sql::Stmt& stmt_;
  int next_;
};

// A store may come from elsewhere (a merged shard, a copied file): its JSON is input too. Empty
// text is null JSON; text that does not parse is a discarded value.
Json parse_json_column(const std::string& s);

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

// Each bind_* binds exactly its table's columns above; each read_* reads them.
void bind_run(Binder& b, const RunRecord& run, std::string_view now);  // created = updated = now
RunRecord read_run(Cursor& c);
void bind_sample(Binder& b, const SampleRow& s);
// The error names the item and what could not be read.
Expected<SampleLink> read_sample(Cursor& c);
void bind_response(Binder& b, const Response& r);
Response read_response(Cursor& c);
void bind_score(Binder& b, const Score& s);
Score read_score(Cursor& c);

}  // namespace ys::tables
