// The SQLite store: the single source of truth for runs, the requests they planned, the responses
// backends returned, and the scores given to them. Schema: docs/schema.md; its version is
// the number of migrations (schema.h).
//
// Responses are keyed by request_key (harness/core/hash.h), which covers the model identity and the
// exact request; that key makes resume and caching one mechanism. A run is keyed by run_id, derived
// from everything that defines it, so re-running the same command reopens the same run.
//
// Thread-safety: one Store per thread. Several processes may open the same file (WAL mode; a
// writer waits up to the busy timeout, 10 s by default, for another's lock, then its write fails).
// Errors are returned as values naming the operation.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

struct RunRecord {
  std::string run_id;
  std::string created_at, updated_at;  // ISO 8601 UTC, set by the store
  std::string model_name, model_identity, backend_kind;
  std::string suite_name, protocol_version, dataset_fingerprint;
  Json suite_config = Json::object();
  Json params = Json::object();  // the run's default sampling params
  std::string harness_version, harness_commit;
  Json config = Json::object();  // the invocation: command line or config file contents
  int64_t n_items = 0;
  std::string status;  // "running", "complete", "interrupted"
};

// Links one suite item of a run to the request that answers it.
struct SampleLink {
  std::string item_id;
  int64_t ordinal = 0;  // the item's position in the plan
  std::string category;
  std::string request_key;
  Request request;
  Json reference;
  Json meta = Json::object();
};

// A sample with everything stored about it, for scoring and reports.
struct StoredSample {
  SampleLink link;
  std::optional<Response> response;  // absent until answered
  std::optional<Score> score;        // absent until scored
};

struct StoreOptions {
  // How long a write waits for another connection's lock before it fails. Store::open(path)
  // takes it from $YARDSTICK_BUSY_TIMEOUT_MS when that is set (docs/cli.md), else 10 s.
  int busy_timeout_ms = 10000;
};

// Rows that samples() and unscored_samples() left out because a stored column could not be read
// back (e.g. a request with a null temperature, written by an older yardstick): how many, over the
// Store's life, and the first one's reason. Readers go on with the other rows.
struct UnreadableRows {
  int64_t count = 0;
  std::string first;
};

class Store {
 public:
  // Opens or creates the database, enables WAL, creates or migrates the schema. Refused with a
  // clear message: a file written by a newer yardstick (higher schema version), a directory, a
  // file that is not SQLite, and a SQLite database of another program (tables, none of ours).
  static Expected<std::unique_ptr<Store>> open(const std::string& path);
  static Expected<std::unique_ptr<Store>> open(const std::string& path,
                                               const StoreOptions& options);
  ~Store();

  Status put_run(const RunRecord& run);  // insert, or update the mutable fields of an existing run
  Status set_run_status(const std::string& run_id, const std::string& status);
  Expected<std::vector<RunRecord>> runs() const;
  Expected<std::optional<RunRecord>> run(const std::string& run_id) const;

  // Replaces the run's sample links with these (the plan is authoritative) in one transaction.
  Status put_samples(const std::string& run_id, const std::vector<SampleLink>& samples);
  // The same, from a plan's items (item i has ordinal i), their request keys and their requests'
  // canonical JSON (canonical_json): what run_suite has, without copying each item into a link.
  Status put_plan(const std::string& run_id, const std::vector<Item>& items,
                  const std::vector<std::string>& request_keys,
                  const std::vector<std::string>& request_jsons);

  // Error kind of every stored response of one model, by request key (ErrorKind::none = answered).
  // One indexed scan; used to skip answered requests on resume.
  Expected<std::unordered_map<std::string, ErrorKind>> response_status(
      const std::string& model_identity) const;

  // Writes responses in one transaction; a key already stored is overwritten (an errored response
  // replaced by its retry). Credentials never reach this layer.
  struct ResponseRow {
    std::string request_key;
    std::string model_identity;
    Request request;
    Response response;
    // to_json(request).dump() when the caller already has it; then `request` is not read.
    std::string request_json;
  };
  Status put_responses(const std::vector<ResponseRow>& rows);

  Status put_scores(const std::string& run_id,
                    const std::vector<std::pair<std::string, Score>>& scores);

  // Every sample of a run in plan order, with its response and score when present.
  Expected<std::vector<StoredSample>> samples(const std::string& run_id) const;

  // Only the samples that have a response but no score yet (plan order).
  Expected<std::vector<StoredSample>> unscored_samples(const std::string& run_id) const;

  // How many samples of a run have a response that is an error.
  Expected<int64_t> count_errored(const std::string& run_id) const;

  UnreadableRows unreadable_rows() const;

  // Removes runs (and their samples and scores; responses stay as cache).
  Status delete_run(const std::string& run_id);

  const std::string& path() const { return path_; }

 private:
  Expected<std::vector<StoredSample>> read_samples(const std::string& run_id,
                                                   const char* extra_where) const;
  struct Impl;
  Store(std::unique_ptr<Impl> impl, std::string path);
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

// Current time as ISO 8601 UTC with milliseconds ("2026-11-28T11:41:52.123Z").
std::string utc_now_iso();

}  // namespace ys
