// Sending a run's requests when other processes may be running the same ones on the same store
// (harness/store/lease.h): the jobs go through the scheduler in batches, each batch made of the
// keys this process could claim; keys another process holds are waited for (polling) until that
// process stores their answers or its leases end. One process alone claims every batch, so it
// sends everything, as without leases. The leases stay held: the caller releases them
// (LeaseBoard::release_all) once the sink has committed the answers.
#pragma once

#include <atomic>
#include <vector>

#include "harness/run/scheduler.h"
#include "harness/store/lease.h"

namespace ys {

struct LeasedRunResult {
  SchedulerResult scheduler;         // of all batches together
  int64_t n_sent = 0;                // jobs this process sent
  int64_t n_answered_elsewhere = 0;  // jobs another process answered
};

// Batches are at least `min_batch` jobs (or what is left): large enough that refilling the
// scheduler between batches costs little. Errors: a lease transaction failed (the store is
// locked past its busy timeout, the disk is full); what was stored before stays.
Expected<LeasedRunResult> run_leased_jobs(LeaseBoard& board, Backend& backend,
                                          const std::vector<Job>& jobs,
                                          const SchedulerOptions& options, ResultSink& sink,
                                          ProgressListener* progress, const Clock& clock,
                                          const std::atomic<bool>* cancel, size_t min_batch);

}  // namespace ys
