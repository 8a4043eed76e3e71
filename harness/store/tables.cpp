#include "harness/store/tables.h"

#include <stdexcept>

#include "harness/core/json_parse.h"

namespace ys::tables {

std::string column_list(Columns columns, std::string_view prefix) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out.append(prefix).append(columns[i]);
  }
  return out;
}

std::string set_from_excluded(Columns columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out.append(columns[i]).append(" = excluded.").append(columns[i]);
  }
  return out;
}

std::string placeholders(size_t n, int first) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += "?" + std::to_string(first + static_cast<int>(i));
  }
  return out;
}

Binder& Binder::text(std::string_view v) {
  stmt_.bind(next_++, v);
  return *this;
}
Binder& Binder::integer(int64_t v) {
  stmt_.bind(next_++, v);
  return *this;
}
Binder& Binder::real(double v) {
  stmt_.bind(next_++, v);
  return *this;
}
Binder& Binder::real(const std::optional<double>& v) {
  stmt_.bind(next_++, v);
  return *this;
}
Binder& Binder::null() {
  stmt_.bind_null(next_++);
  return *this;
}

std::optional<double> Cursor::optional_real() {
  const int col = next_++;
  if (stmt_.is_null(col)) return std::nullopt;
  return stmt_.real(col);
}

std::optional<std::string> Cursor::optional_text() {
  const int col = next_++;
  if (stmt_.is_null(col)) return std::nullopt;
  return stmt_.text(col);
}

Json parse_json_column(const std::string& s) {
  if (s.empty()) return Json();
  auto j = parse_json(s);
  return j ? std::move(*j) : Json(Json::value_t::discarded);
}

namespace {

// Asserts that a bind_*/read_* covered exactly its table's columns.
void check_width(int first, int next, size_t n_columns, const char* what) {
  YS_ASSERT(next - first == static_cast<int>(n_columns), what);
}

}  // namespace

void bind_run(Binder& b, const RunRecord& run, std::string_view now) {
  const int first = b.next();
  b.text(run.run_id)
      .text(now)
      .text(now)
      .text(run.model_name)
      .text(run.model_identity)
      .text(run.backend_kind)
      .text(run.suite_name)
      .text(run.protocol_version)
      .text(run.dataset_fingerprint)
      .text(run.suite_config.dump())
      .text(run.params.dump())
      .text(run.harness_version)
      .text(run.harness_commit)
      .text(run.config.dump())
      .integer(run.n_items)
      .text(run.status);
  check_width(first, b.next(), kRunColumns.size(), "bind_run binds every runs column");
}

RunRecord read_run(Cursor& c) {
  const int first = c.next();
  RunRecord r;
  r.run_id = c.text();
  r.created_at = c.text();
  r.updated_at = c.text();
  r.model_name = c.text();
  r.model_identity = c.text();
  r.backend_kind = c.text();
  r.suite_name = c.text();
  r.protocol_version = c.text();
  r.dataset_fingerprint = c.text();
  r.suite_config = parse_json_column(c.text());
  r.params = parse_json_column(c.text());
  r.harness_version = c.text();
  r.harness_commit = c.text();
  r.config = parse_json_column(c.text());
  r.n_items = c.integer();
  r.status = c.text();
  check_width(first, c.next(), kRunColumns.size(), "read_run reads every runs column");
  return r;
}

void bind_sample(Binder& b, const SampleRow& s) {
  const int first = b.next();
  b.text(s.item_id)
      .integer(s.ordinal)
      .text(s.category)
      .text(s.request_key)
      .text(s.request_json)
      .text(s.reference.dump())
      .text(s.meta.dump());
  check_width(first, b.next(), kSampleColumns.size(), "bind_sample binds every samples column");
}

Expected<SampleLink> read_sample(Cursor& c) {
  const int first = c.next();
  SampleLink link;
  link.item_id = c.text();
  link.ordinal = c.integer();
  link.category = c.text();
  link.request_key = c.text();
  const std::string request = c.text();
  link.reference = parse_json_column(c.text());
  link.meta = parse_json_column(c.text());
  check_width(first, c.next(), kSampleColumns.size(), "read_sample reads every samples column");
  auto request_json = parse_json(request);
  if (!request_json)
    return Error{"item " + link.item_id +
                 ": stored request unreadable: " + request_json.error().message};
  try {
    link.request = request_from_json(*request_json);
  } catch (const std::exception& e) {
    return Error{"item " + link.item_id + ": stored request unreadable: " + e.what()};
  }
  if (link.reference.is_discarded() || link.meta.is_discarded())
    return Error{"item " + link.item_id + ": stored reference or meta is not valid JSON"};
  return link;
}

void bind_response(Binder& b, const Response& r) {
  const int first = b.next();
  b.text(r.text)
      .text(r.reasoning)
      .text(r.finish_reason)
      .integer(r.prompt_tokens)
      .integer(r.completion_tokens)
      .integer(r.reasoning_tokens)
      .real(r.latency_ms)
      .real(r.ttft_ms)
      .integer(r.attempts);
  if (r.logliks.empty()) {
    b.null();
  } else {
    b.text(logliks_to_json(r.logliks).dump());
  }
  b.text(to_string(r.error_kind)).text(r.error);
  check_width(first, b.next(), kResponseColumns.size(),
              "bind_response binds every response column");
}

Response read_response(Cursor& c) {
  const int first = c.next();
  Response r;
  r.text = c.text();
  r.reasoning = c.text();
  r.finish_reason = c.text();
  r.prompt_tokens = c.integer();
  r.completion_tokens = c.integer();
  r.reasoning_tokens = c.integer();
  r.latency_ms = c.real();
  r.ttft_ms = c.optional_real();
  r.attempts = static_cast<int>(c.integer());
  if (auto logliks = c.optional_text()) r.logliks = logliks_from_json(parse_json_column(*logliks));
  r.error_kind = error_kind_from_string(c.text()).value_or(ErrorKind::client);
  r.error = c.text();
  check_width(first, c.next(), kResponseColumns.size(),
              "read_response reads every response column");
  return r;
}

void bind_score(Binder& b, const Score& s) {
  const int first = b.next();
  b.real(s.value)
      .text(to_string(s.status))
      .text(s.extracted)
      .text(s.method)
      .text(s.detail.dump(-1, ' ', false, Json::error_handler_t::replace));
  check_width(first, b.next(), kScoreColumns.size(), "bind_score binds every score column");
}

Score read_score(Cursor& c) {
  const int first = c.next();
  Score s;
  s.value = c.real();
  s.status = score_status_from_string(c.text()).value_or(ScoreStatus::error);
  s.extracted = c.text();
  s.method = c.text();
  s.detail = parse_json_column(c.text());
  if (s.detail.is_discarded() || s.detail.is_null()) s.detail = Json::object();
  check_width(first, c.next(), kScoreColumns.size(), "read_score reads every score column");
  return s;
}

}  // namespace ys::tables
