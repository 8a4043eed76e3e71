#include "harness/run/runner.h"

#include <algorithm>
#include <cstdlib>

#include "harness/core/hash.h"
#include "harness/run/leased_jobs.h"
#include "harness/run/parallel_for.h"
#include "harness/run/store_sink.h"
#include "harness/store/lease.h"

namespace ys {

namespace {

// The store connection's wait for the write lock (Store::open), for the lease board's.
int busy_timeout_ms() {
  const char* env = std::getenv("YARDSTICK_BUSY_TIMEOUT_MS");
  if (!env || !*env) return StoreOptions{}.busy_timeout_ms;
  return static_cast<int>(std::strtol(env, nullptr, 10));  // checked by Store::open
}

Item item_of(const SampleLink& link) {
  return Item{link.item_id, link.category, link.request, link.reference, link.meta};
}

// Scores the answered ones among `samples` (as read from the store) and stores their scores.
Status score_samples(Store& store, const std::string& run_id, const Suite& suite,
                     const Expected<std::vector<StoredSample>>& samples) {
  if (!samples) return samples.error();
  std::vector<std::pair<std::string, Score>> scores;
  scores.reserve(samples->size());
  for (const auto& s : *samples) {
    if (s.response)
      scores.emplace_back(s.link.item_id, score_item(suite, item_of(s.link), *s.response));
  }
  return store.put_scores(run_id, scores);
}

// Shows samples answered by earlier invocations as done, so the bar covers the whole run.
class CachedAwareProgress final : public ProgressListener {
 public:
  CachedAwareProgress(ProgressListener* inner, int64_t cached) : inner_(inner), cached_(cached) {}
  void update(const ProgressState& state, bool final) override {
    if (!inner_) return;
    ProgressState s = state;
    s.cached = cached_;
    s.total += cached_;
    s.done += cached_;
    inner_->update(s, final);
  }

 private:
  ProgressListener* inner_;
  int64_t cached_;
};

// Keeps the items (and their keys and JSON dumps, index for index) that belong to the shard.
void keep_shard(const Shard& shard, std::vector<Item>& items, std::vector<std::string>& keys,
                std::vector<std::string>& jsons) {
  size_t kept = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!in_shard(keys[i], shard)) continue;
    if (kept != i) {
      items[kept] = std::move(items[i]);
      keys[kept] = std::move(keys[i]);
      jsons[kept] = std::move(jsons[i]);
    }
    ++kept;
  }
  items.resize(kept);
  keys.resize(kept);
  jsons.resize(kept);
}

// The backend's context size and token counter reach the suite only together: a budget without a
// counter (or a counter without a budget) cannot drop examples. The counter borrows the backend,
// which outlives planning.
PlanContext plan_context(const Backend& backend) {
  PlanContext ctx;
  ctx.supports_chat = backend.supports(RequestKind::chat);
  ctx.supports_completion = backend.supports(RequestKind::completion);
  ctx.supports_loglik = backend.supports(RequestKind::loglik);
  const std::optional<int> n_ctx = backend.context_tokens();
  if (n_ctx && backend.count_tokens("").has_value()) {
    ctx.context_tokens = n_ctx;
    ctx.count_tokens = [&backend](const std::string& text) {
      return backend.count_tokens(text).value_or(0);
    };
  }
  return ctx;
}

// The lease board of a store file, when there is something to send; none for an in-memory
// store (no other process can share it).
Expected<std::unique_ptr<LeaseBoard>> lease_board(const Store& store, size_t n_jobs) {
  if (n_jobs == 0 || store.path().empty() || store.path() == ":memory:")
    return std::unique_ptr<LeaseBoard>();
  auto lease_ms = lease_ms_from_env();
  if (!lease_ms) return lease_ms.error();
  auto board = LeaseBoard::open(store.path(), *lease_ms, busy_timeout_ms());
  if (!board) return std::unique_ptr<LeaseBoard>();  // writing fails the same way, and says why
  return std::move(*board);
}

// A write of the store failed mid-run: the run stops (what was committed stays) and is marked
// interrupted, so that running the same command again finishes it. Marking it may fail too (the
// same lock or full disk): the message then says so.
RunOutcome stopped_by_store(Store& store, RunOutcome out, const Error& error) {
  out.interrupted = true;
  out.fatal = true;
  out.message = "saving results: " + error.message +
                "; what was saved before stays, run the same command again to finish";
  if (auto st = store.set_run_status(out.run_id, "interrupted"); !st)
    out.message += " (the run could not be marked interrupted either: " + st.error().message + ")";
  return out;
}

}  // namespace

std::string make_run_id(const std::string& model_identity, const SuiteInfo& suite,
                        const GenParams& params) {
  Json key = {{"model", model_identity},
              {"suite", suite.name},
              {"protocol", suite.protocol_version},
              {"dataset", suite.dataset_fingerprint},
              {"suite_config", suite.config},
              {"params", to_json(params)}};
  return sha256_hex(key.dump()).substr(0, 16);
}

Expected<RunOutcome> run_suite(Store& store, Backend& backend, const ModelSpec& model,
                               const Suite& suite, const RunSettings& settings,
                               ProgressListener* progress, const Clock& clock,
                               const std::atomic<bool>* cancel) {
  SuiteInfo info = suite.info();
  auto items = suite.plan(plan_context(backend));
  if (!items) return Error{info.name + ": " + items.error().message};

  const std::string identity = backend.identity();
  GenParams defaults = merge_params(model.params, settings.params);

  for (const Item& item : *items) {
    if (!backend.supports(item.request.kind)) {
      return Error{info.name + " item " + item.id + ": model '" + model.name + "' (" + model.kind +
                   ") cannot serve " + to_string(item.request.kind) + " requests"};
    }
  }
  // Every request's key (a canonical JSON dump and its SHA-256): the bulk of the work before the
  // first request goes out, so it is shared between the cores.
  std::vector<std::string> keys(items->size()), jsons(items->size());  // jsons: stored as is
  for_each_index_parallel(items->size(), [&](size_t i) {
    Request& request = (*items)[i].request;
    request.params = merge_params(request.params, defaults);
    jsons[i] = canonical_json(request);
    keys[i] = request_key_of_json(identity, jsons[i]);
  });
  if (settings.shard.count > 1) keep_shard(settings.shard, *items, keys, jsons);
  const size_t n = items->size();

  RunRecord run;
  run.run_id = make_run_id(identity, info, defaults);
  run.model_name = model.name;
  run.model_identity = identity;
  run.backend_kind = model.kind;
  run.suite_name = info.name;
  run.protocol_version = info.protocol_version;
  run.dataset_fingerprint = info.dataset_fingerprint;
  run.suite_config = info.config;
  run.params = to_json(defaults);
  run.harness_version = settings.harness_version;
  run.harness_commit = settings.harness_commit;
  run.config = settings.config;
  if (settings.shard.count > 1) run.config["shard"] = to_string(settings.shard);
  run.n_items = static_cast<int64_t>(n);
  run.status = "running";
  if (auto st = store.put_run(run); !st) return st.error();

  auto stored = store.response_status(identity);
  if (!stored) return stored.error();

  RunOutcome out;
  out.run_id = run.run_id;
  out.n_items = run.n_items;
  std::vector<Job> jobs;
  ItemsByKey to_score;  // request key -> the items it answers, for the keys sent now
  jobs.reserve(n);
  to_score.reserve(n);
  bool any_stored = false;  // some sample already has a response (reused, or an error to retry)
  for (size_t i = 0; i < n; ++i) {
    auto it = stored->find(keys[i]);
    any_stored = any_stored || it != stored->end();
    bool answered =
        it != stored->end() && (it->second == ErrorKind::none || !settings.retry_errors);
    if (answered) {
      ++out.n_cached;
      continue;
    }
    auto [slot, first] = to_score.try_emplace(keys[i]);
    slot->second.push_back(i);
    if (first) jobs.push_back({keys[i], &(*items)[i].request});
  }
  out.n_sent = static_cast<int64_t>(jobs.size());
  out.n_shared = static_cast<int64_t>(n) - out.n_cached - out.n_sent;

  StoreSink sink(store, identity, run.run_id, suite, *items, keys, jsons, to_score);
  CachedAwareProgress shown(progress, static_cast<int64_t>(n) - out.n_sent);
  auto board = lease_board(store, jobs.size());
  if (!board) return board.error();
  SchedulerResult result;
  if (*board) {
    // Other processes may be running the same requests on this store: send only what this one
    // can claim, and let them store the rest.
    const size_t batch =
        std::max<size_t>(64, 32 * static_cast<size_t>(settings.scheduler.concurrency));
    auto leased = run_leased_jobs(**board, backend, jobs, settings.scheduler, sink,
                                  progress ? &shown : nullptr, clock, cancel, batch);
    if (!leased) {
      (void)sink.finish();
      return stopped_by_store(store, out, leased.error());
    }
    result = leased->scheduler;
    out.n_sent = leased->n_sent;
    out.n_elsewhere = leased->n_answered_elsewhere;
    any_stored = any_stored || leased->n_answered_elsewhere > 0;
  } else {
    result = run_jobs(backend, jobs, settings.scheduler, sink, progress ? &shown : nullptr, clock,
                      cancel);
  }
  Status saved = sink.finish();
  if (*board && saved) saved = (*board)->release_all();
  if (!saved) return stopped_by_store(store, out, saved.error());
  out.interrupted = result.aborted;
  out.message = result.abort_reason;
  out.fatal = result.aborted && !(cancel && cancel->load());

  if (!any_stored) {
    // Every response of the run's samples was stored by this invocation's sink, which scored
    // each one as it stored it and counted the errors.
    out.n_errors = sink.errored_samples();
  } else {
    // Samples answered by an earlier invocation that stopped before scoring them, and errored
    // responses kept because their retry did not come back (an interrupted run).
    if (auto st = score_samples(store, run.run_id, suite, store.unscored_samples(run.run_id)); !st)
      return st.error();
    auto errored = store.count_errored(run.run_id);
    if (!errored) return errored.error();
    out.n_errors = *errored;
  }
  bool complete = !result.aborted;
  if (auto st = store.set_run_status(run.run_id, complete ? "complete" : "interrupted"); !st)
    return st.error();
  return out;
}

Status score_run(Store& store, const std::string& run_id, const Suite& suite) {
  return score_samples(store, run_id, suite, store.samples(run_id));
}

}  // namespace ys
