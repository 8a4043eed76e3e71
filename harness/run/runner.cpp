#include "harness/run/runner.h"

#include <unordered_set>

#include "harness/core/hash.h"

namespace ys {

namespace {

// Buffers results and writes them in one transaction per flush: a crash loses at most the
// results of the last flush interval plus the requests in flight.
class StoreSink final : public ResultSink {
 public:
  StoreSink(Store& store, std::string identity) : store_(store), identity_(std::move(identity)) {}

  Status on_result(const Job& job, const Response& response) override {
    buffer_.push_back({job.key, identity_, job.request, response});
    if (buffer_.size() >= 256) return flush();
    return ok_status();
  }

  Status flush() override {
    if (buffer_.empty()) return ok_status();
    Status st = store_.put_responses(buffer_);
    buffer_.clear();
    return st;
  }

 private:
  Store& store_;
  std::string identity_;
  std::vector<Store::ResponseRow> buffer_;
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

PlanContext plan_context(const Backend& backend) {
  PlanContext ctx;
  ctx.supports_chat = backend.supports(RequestKind::chat);
  ctx.supports_completion = backend.supports(RequestKind::completion);
  ctx.supports_loglik = backend.supports(RequestKind::loglik);
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

  std::vector<SampleLink> links;
  links.reserve(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    Item& item = (*items)[i];
    if (!backend.supports(item.request.kind)) {
      return Error{info.name + " item " + item.id + ": model '" + model.name + "' (" + model.kind +
                   ") cannot serve " + to_string(item.request.kind) + " requests"};
    }
    item.request.params = merge_params(item.request.params, defaults);
    links.push_back({item.id, static_cast<int64_t>(i), item.category,
                     request_key(identity, item.request), item.request, item.reference, item.meta});
  }
  if (auto st = store.put_samples(run.run_id, links); !st) return st.error();

  auto stored = store.response_status(identity);
  if (!stored) return stored.error();

  RunOutcome out;
  out.run_id = run.run_id;
  out.n_items = run.n_items;
  std::vector<Job> jobs;
  std::unordered_set<std::string> queued;
  for (const auto& link : links) {
    auto it = stored->find(link.request_key);
    bool answered =
        it != stored->end() && (it->second == ErrorKind::none || !settings.retry_errors);
    if (answered) {
      ++out.n_cached;
      continue;
    }
    if (queued.insert(link.request_key).second) jobs.push_back({link.request_key, link.request});
  }
  out.n_sent = static_cast<int64_t>(jobs.size());

  StoreSink sink(store, identity);
  CachedAwareProgress shown(progress, static_cast<int64_t>(links.size()) - out.n_sent);
  SchedulerResult result =
      run_jobs(backend, jobs, settings.scheduler, sink, progress ? &shown : nullptr, clock, cancel);
  out.interrupted = result.aborted;
  out.message = result.abort_reason;
  out.fatal = result.aborted && !(cancel && cancel->load());

  if (auto st = score_run(store, run.run_id, suite); !st) return st.error();
  auto samples = store.samples(run.run_id);
  if (!samples) return samples.error();
  for (const auto& s : *samples)
    if (s.response && !s.response->ok()) ++out.n_errors;
  bool complete = !result.aborted;
  if (auto st = store.set_run_status(run.run_id, complete ? "complete" : "interrupted"); !st)
    return st.error();
  return out;
}

Status score_run(Store& store, const std::string& run_id, const Suite& suite) {
  auto samples = store.samples(run_id);
  if (!samples) return samples.error();
  std::vector<std::pair<std::string, Score>> scores;
  scores.reserve(samples->size());
  for (const auto& s : *samples) {
    if (!s.response) continue;
    Item item{s.link.item_id, s.link.category, s.link.request, s.link.reference, s.link.meta};
    Score score;
    if (!s.response->ok()) {
      score.status = ScoreStatus::error;
      score.method = "error";
    } else {
      score = suite.score(item, *s.response);
    }
    scores.emplace_back(s.link.item_id, std::move(score));
  }
  return store.put_scores(run_id, scores);
}

}  // namespace ys
