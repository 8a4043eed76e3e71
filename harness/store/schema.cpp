#include "harness/store/schema.h"

namespace ys {

const std::vector<std::string>& schema_migrations() {
  static const std::vector<std::string> kMigrations = {
      // 0 -> 1: the first schema.
      R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_identity TEXT NOT NULL,
  backend_kind TEXT NOT NULL,
  suite_name TEXT NOT NULL,
  protocol_version TEXT NOT NULL,
  dataset_fingerprint TEXT NOT NULL,
  suite_config TEXT NOT NULL,
  params TEXT NOT NULL,
  harness_version TEXT NOT NULL,
  harness_commit TEXT NOT NULL,
  config TEXT NOT NULL,
  n_items INTEGER NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE samples (
  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  category TEXT NOT NULL,
  request_key TEXT NOT NULL,
  request TEXT NOT NULL,
  reference TEXT NOT NULL,
  meta TEXT NOT NULL,
  PRIMARY KEY (run_id, item_id)
);
CREATE INDEX samples_by_key ON samples(request_key);
CREATE TABLE responses (
  request_key TEXT PRIMARY KEY,
  model_identity TEXT NOT NULL,
  request TEXT NOT NULL,
  text TEXT NOT NULL,
  reasoning TEXT NOT NULL,
  finish_reason TEXT NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  latency_ms REAL NOT NULL,
  ttft_ms REAL,
  attempts INTEGER NOT NULL,
  logliks TEXT,
  error_kind TEXT NOT NULL,
  error TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX responses_by_model ON responses(model_identity);
CREATE TABLE scores (
  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  value REAL NOT NULL,
  status TEXT NOT NULL,
  extracted TEXT NOT NULL,
  method TEXT NOT NULL,
  detail TEXT NOT NULL,
  scored_at TEXT NOT NULL,
  PRIMARY KEY (run_id, item_id)
);
)sql",
      // 1 -> 2: leases, so that processes sharing a store split its requests (lease.h).
      R"sql(
CREATE TABLE leases (
  request_key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_ms REAL NOT NULL
);
)sql",
  };
  return kMigrations;
}

}  // namespace ys
