#include "harness/run/leased_jobs.h"

#include <chrono>
#include <string>
#include <thread>

namespace ys {

namespace {

constexpr auto kWaitForOthers = std::chrono::milliseconds(200);

// Shows the batches as one run: counts and time carry over from batch to batch, and only the
// caller says when it is final.
class BatchProgress final : public ProgressListener {
 public:
  BatchProgress(ProgressListener* inner, int64_t total) : inner_(inner), total_(total) {}
  void update(const ProgressState& state, bool) override {
    last_ = state;
    last_.total = total_;
    last_.done += before_.done + skipped_;
    last_.errors += before_.errors;
    last_.retries += before_.retries;
    last_.tokens += before_.tokens;
    last_.elapsed_ms += before_.elapsed_ms;
    if (inner_) inner_->update(last_, false);
  }
  void end_batch(const ProgressState& batch) {
    before_.done += batch.done;
    before_.errors += batch.errors;
    before_.retries += batch.retries;
    before_.tokens += batch.tokens;
    before_.elapsed_ms += batch.elapsed_ms;
  }
  void skip(int64_t n) { skipped_ += n; }
  ProgressState totals() const {
    ProgressState s = before_;
    s.total = total_;
    s.done += skipped_;
    return s;
  }
  void finish() {
    if (inner_) inner_->update(totals(), true);
  }

 private:
  ProgressListener* inner_;
  int64_t total_;
  ProgressState before_, last_;
  int64_t skipped_ = 0;  // answered by another process
};

}  // namespace

Expected<LeasedRunResult> run_leased_jobs(LeaseBoard& board, Backend& backend,
                                          const std::vector<Job>& jobs,
                                          const SchedulerOptions& options, ResultSink& sink,
                                          ProgressListener* progress, const Clock& clock,
                                          const std::atomic<bool>* cancel, size_t min_batch) {
  LeasedRunResult out;
  BatchProgress shown(progress, static_cast<int64_t>(jobs.size()));
  std::vector<size_t> pending(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) pending[i] = i;
  while (!pending.empty()) {
    if (cancel && cancel->load()) {
      out.scheduler.aborted = true;
      out.scheduler.abort_reason = "interrupted";
      break;
    }
    std::vector<std::string> keys;
    keys.reserve(pending.size());
    for (size_t i : pending) keys.emplace_back(jobs[i].key);
    auto claim = board.claim(keys, std::max<size_t>(min_batch, 1));
    if (!claim) return claim.error();
    std::vector<bool> settled(pending.size(), false);
    std::vector<Job> batch;
    for (size_t c : claim->claimed) {
      settled[c] = true;
      batch.push_back(jobs[pending[c]]);
    }
    for (size_t a : claim->answered) settled[a] = true;
    out.n_answered_elsewhere += static_cast<int64_t>(claim->answered.size());
    shown.skip(static_cast<int64_t>(claim->answered.size()));
    std::vector<size_t> still;
    for (size_t k = 0; k < pending.size(); ++k)
      if (!settled[k]) still.push_back(pending[k]);
    pending = std::move(still);
    if (batch.empty()) {
      if (!claim->held.empty()) std::this_thread::sleep_for(kWaitForOthers);
      continue;
    }
    SchedulerResult r = run_jobs(backend, batch, options, sink, &shown, clock, cancel);
    shown.end_batch(r.progress);
    out.n_sent += static_cast<int64_t>(batch.size());
    if (r.aborted) {
      out.scheduler.aborted = true;
      out.scheduler.abort_reason = r.abort_reason;
      break;
    }
  }
  out.scheduler.progress = shown.totals();
  shown.finish();
  return out;
}

}  // namespace ys
