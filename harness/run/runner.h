// Runs one suite against one model, end to end: plan, skip what is stored, send the rest through
// the scheduler, persist as results arrive, score, and mark the run. Re-running the same command
// reopens the same run and sends zero requests for samples already answered. With a shard
// (shard.h) only that shard's items are planned; the run id is the same in every shard, so the
// shards' stores merge into one run (harness/store/merge.h), and the shard is in the run's config.
#pragma once

#include <atomic>
#include <string>

#include "harness/core/backend.h"
#include "harness/core/clock.h"
#include "harness/core/model_spec.h"
#include "harness/core/suite.h"
#include "harness/run/scheduler.h"
#include "harness/run/shard.h"
#include "harness/store/store.h"

namespace ys {

struct RunSettings {
  SchedulerOptions scheduler;
  GenParams params;          // run-wide defaults; the model's and the item's own params win
  bool retry_errors = true;  // re-send samples whose stored response is an error
  std::string harness_version, harness_commit;
  Json config = Json::object();  // the invocation, stored as provenance
  Shard shard;                   // this worker's slice of the items (count 1: all of them)
};

struct RunOutcome {
  std::string run_id;
  int64_t n_items = 0;
  int64_t n_cached = 0;     // answered before this invocation
  int64_t n_sent = 0;       // requests sent (after deduplication)
  int64_t n_shared = 0;     // items answered by another item's identical request (not sent again)
  int64_t n_elsewhere = 0;  // requests another process on the same store answered (lease.h)
  int64_t n_errors = 0;     // samples whose final response is an error
  bool interrupted = false;
  bool fatal = false;   // auth or store failure: the run cannot go on
  std::string message;  // why it stopped early, if it did
};

// The run's identity: a hash over the model identity, the suite's name, protocol version,
// dataset fingerprint and config, and the run-wide sampling params.
std::string make_run_id(const std::string& model_identity, const SuiteInfo& suite,
                        const GenParams& params);

Expected<RunOutcome> run_suite(Store& store, Backend& backend, const ModelSpec& model,
                               const Suite& suite, const RunSettings& settings,
                               ProgressListener* progress, const Clock& clock,
                               const std::atomic<bool>* cancel);

// Scores every answered sample of a run from what is stored (also used by `rescore` and import).
Status score_run(Store& store, const std::string& run_id, const Suite& suite);

}  // namespace ys
