#include "harness/run/runner.h"

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "harness/core/hash.h"

namespace ys {

namespace {

// The score of one answered item: the suite's, or an error score for a failed request.
Score score_item(const Suite& suite, const Item& item, const Response& response) {
  if (response.ok()) return suite.score(item, response);
  Score score;
  score.status = ScoreStatus::error;
  score.method = "error";
  return score;
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

// Where the items answered by one request key are (several items may share a request).
// Keyed by views of the plan's request keys (which outlive the map).
using ItemsByKey = std::unordered_map<std::string_view, std::vector<size_t>>;

// Writes the run's plan (its samples) and then its results on a thread of its own, so the
// scheduler's loop never waits for SQLite and the first requests go out while the plan is being
// written. Results are handed over under a mutex and committed in one transaction every 250 ms, or
// as soon as 256 are waiting; the items they answer are scored and their scores written right
// after. The plan is always committed before any response, so a crash loses at most the results of
// the last interval plus the requests in flight (a response stored without its score is scored at
// the end of the next invocation). The scheduler does not touch the store while it runs, so the
// writer thread has the store's connection to itself until finish().
class StoreSink final : public ResultSink {
 public:
  // The plan: items[i] asks for the request with key keys[i] and canonical JSON jsons[i].
  StoreSink(Store& store, std::string identity, std::string run_id, const Suite& suite,
            const std::vector<Item>& items, const std::vector<std::string>& keys,
            const std::vector<std::string>& jsons, const ItemsByKey& items_by_key)
      : store_(store),
        identity_(std::move(identity)),
        run_id_(std::move(run_id)),
        suite_(suite),
        items_(items),
        keys_(keys),
        jsons_(jsons),
        items_by_key_(items_by_key),
        writer_([this] { write_loop(); }) {}
  ~StoreSink() override { (void)finish(); }

  Status on_result(const Job& job, const Response& response) override {
    // Every job's key is in items_by_key_ (the jobs were made from it), and the plan already
    // holds its request's canonical JSON, computed for the key: the row stores that.
    const std::string& request_json = jsons_[items_by_key_.at(job.key).front()];
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_) return error_;
    pending_.push_back({std::string(job.key), identity_, {}, response, request_json});
    if (pending_.size() >= kBatch) wake_.notify_one();
    return ok_status();
  }

  // Called by the scheduler every 250 ms and at its end: asks for a write now, and reports a
  // failed write (which stops the run). finish() waits for the writes.
  Status flush() override {
    std::lock_guard<std::mutex> lock(mu_);
    nudged_ = true;
    wake_.notify_one();
    return error_;
  }

  // Writes what is left and stops the writer; the store is the caller's again afterwards.
  Status finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      wake_.notify_one();
    }
    if (writer_.joinable()) writer_.join();
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

  // Samples whose stored response is an error, among those this sink wrote (after finish()).
  int64_t errored_samples() const { return errored_samples_; }

 private:
  static constexpr size_t kBatch = 256;
  static constexpr int kWriterNice = 10;

  void write_loop() {
    // Below the scheduler's priority: storing is background work with slack (a batch may wait),
    // while every millisecond the scheduler's thread is off its core delays requests. On a busy
    // machine the writer still gets its share; it only yields first.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWriterNice);
    pthread_setname_np(pthread_self(), "ys-store-writer");  // as top and perf show it
    if (Status st = store_.put_plan(run_id_, items_, keys_, jsons_); !st) {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = st;
      return;
    }
    std::vector<Store::ResponseRow> batch;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait_for(lock, std::chrono::milliseconds(250),
                     [&] { return done_ || nudged_ || pending_.size() >= kBatch; });
      nudged_ = false;
      if (!pending_.empty() && error_) {
        batch.swap(pending_);
        lock.unlock();
        Status st = store_.put_responses(batch);
        if (st) st = store_.put_scores(run_id_, scores_of(batch));
        batch.clear();
        lock.lock();
        if (!st) error_ = st;
      }
      if (done_ && (pending_.empty() || !error_)) return;
    }
  }

  std::vector<std::pair<std::string, Score>> scores_of(
      const std::vector<Store::ResponseRow>& rows) {
    std::vector<std::pair<std::string, Score>> scores;
    for (const auto& row : rows) {
      auto it = items_by_key_.find(row.request_key);
      if (it == items_by_key_.end()) continue;
      for (size_t i : it->second) {
        const Item& item = items_[i];
        scores.emplace_back(item.id, score_item(suite_, item, row.response));
      }
      if (!row.response.ok()) errored_samples_ += static_cast<int64_t>(it->second.size());
    }
    return scores;
  }

  Store& store_;
  std::string identity_, run_id_;
  const Suite& suite_;
  const std::vector<Item>& items_;
  const std::vector<std::string>& keys_;
  const std::vector<std::string>& jsons_;
  const ItemsByKey& items_by_key_;
  int64_t errored_samples_ = 0;  // the writer thread's
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<Store::ResponseRow> pending_;
  Status error_ = ok_status();  // the first failed write
  bool done_ = false, nudged_ = false;
  std::thread writer_;  // last: starts after the members it uses
};

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

// fn(i) for every i < n, on up to one thread per core (the calls must be independent). An
// exception thrown by fn comes out of this call, on the caller's thread, as it would from a loop.
template <typename Fn>
void for_each_index_parallel(size_t n, Fn fn) {
  constexpr size_t kMinPerThread = 512;  // below this, starting threads costs more than it saves
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t n_threads = std::min(cores, std::max<size_t>(1, n / kMinPerThread));
  std::vector<std::exception_ptr> failed(n_threads);
  auto run_part = [&](size_t t) {
    try {
      for (size_t i = n * t / n_threads; i < n * (t + 1) / n_threads; ++i) fn(i);
    } catch (...) {
      failed[t] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < n_threads; ++t) helpers.emplace_back(run_part, t);
  run_part(0);
  for (auto& h : helpers) h.join();
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
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
  run.n_items = static_cast<int64_t>(items->size());
  run.status = "running";
  if (auto st = store.put_run(run); !st) return st.error();

  for (const Item& item : *items) {
    if (!backend.supports(item.request.kind)) {
      return Error{info.name + " item " + item.id + ": model '" + model.name + "' (" + model.kind +
                   ") cannot serve " + to_string(item.request.kind) + " requests"};
    }
  }
  // Every request's key (a canonical JSON dump and its SHA-256): the bulk of the work before the
  // first request goes out, so it is shared between the cores.
  const size_t n = items->size();
  std::vector<std::string> keys(n), jsons(n);  // jsons: hashed for the key, and stored as is
  for_each_index_parallel(n, [&](size_t i) {
    Request& request = (*items)[i].request;
    request.params = merge_params(request.params, defaults);
    jsons[i] = canonical_json(request);
    keys[i] = request_key_of_json(identity, jsons[i]);
  });
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
  SchedulerResult result =
      run_jobs(backend, jobs, settings.scheduler, sink, progress ? &shown : nullptr, clock, cancel);
  if (auto st = sink.finish(); !st) return st.error();
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

void keep_freed_heap_memory() {
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

Status score_run(Store& store, const std::string& run_id, const Suite& suite) {
  return score_samples(store, run_id, suite, store.samples(run_id));
}

}  // namespace ys
