// Merging stores: the exact union of several yardstick databases (e.g. the shard databases of one
// sharded run, docs/scale-out.md) written to a new file.
//
// Rules, table by table (inputs are read in the order given; all must have this binary's schema
// version; each is read from a private copy of its file and WAL, so an input is never modified;
// merge finished shards, not stores still being written):
// - runs: one row per run_id. The same run_id in two inputs is the same run (its id hashes the
//   model, suite, protocol, dataset fingerprint, suite config and params); its created_at is the
//   earliest, updated_at the latest, status "complete" only when every copy is complete, and
//   n_items the number of distinct samples after the merge. Two runs of the same suite, model,
//   suite config and params whose dataset fingerprint or protocol version differ are refused.
// - samples: union by (run_id, item_id); a pair planned with different request keys is counted.
// - responses: union by request_key; an error is replaced by a success for the same key; two
//   successes with different text keep the first and are counted as conflicts.
// - scores: union by (run_id, item_id); an error score is replaced by a non-error one; two
//   non-error scores with different values keep the first and are counted.
// - any other table: union of rows (INSERT OR IGNORE).
// The output is written to a temporary file beside `out_path` and renamed into place only when
// everything succeeded; on failure nothing is left at out_path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace ys {

struct MergeStats {
  int n_inputs = 0;
  int64_t runs = 0, samples = 0, responses = 0, scores = 0;  // rows in the output
  int64_t response_conflicts = 0;  // same key answered with different text in two inputs
  int64_t errors_replaced = 0;     // an errored response replaced by another input's success
  int64_t score_conflicts = 0;     // same sample scored differently (both not errors)
  int64_t plan_conflicts = 0;      // same sample planned with different request keys
};

// Errors (nothing written at out_path): no inputs; an input missing, not a yardstick store, or of
// another schema version; mismatched runs (see above); out_path existing without `overwrite`, or
// one of the inputs; any SQLite failure. Messages name the file.
Expected<MergeStats> merge_stores(const std::vector<std::string>& inputs,
                                  const std::string& out_path, bool overwrite);

}  // namespace ys
