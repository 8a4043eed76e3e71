#include "harness/run/store_sink.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>

namespace ys {

namespace {
constexpr size_t kBatch = 256;
constexpr int kWriterNice = 10;
}  // namespace

Score score_item(const Suite& suite, const Item& item, const Response& response) {
  if (response.ok()) return suite.score(item, response);
  Score score;
  score.status = ScoreStatus::error;
  score.method = "error";
  return score;
}

StoreSink::StoreSink(Store& store, std::string identity, std::string run_id, const Suite& suite,
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

StoreSink::~StoreSink() {
  (void)finish();
}

Status StoreSink::on_result(const Job& job, const Response& response) {
  // Every job's key is in items_by_key_ (the jobs were made from it), and the plan already holds
  // its request's canonical JSON, computed for the key: the row stores that.
  const std::string& request_json = jsons_[items_by_key_.at(job.key).front()];
  std::lock_guard<std::mutex> lock(mu_);
  if (!write_status_) return write_status_;
  pending_.push_back({std::string(job.key), identity_, {}, response, request_json});
  if (pending_.size() >= kBatch) wake_.notify_one();
  return ok_status();
}

Status StoreSink::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  nudged_ = true;
  wake_.notify_one();
  return write_status_;
}

Status StoreSink::finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    wake_.notify_one();
  }
  if (writer_.joinable()) writer_.join();
  std::lock_guard<std::mutex> lock(mu_);
  return write_status_;
}

void StoreSink::write_loop() {
  // Below the scheduler's priority: storing is background work with slack (a batch may wait),
  // while every millisecond the scheduler's thread is off its core delays requests. On a busy
  // machine the writer still gets its share; it only yields first.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWriterNice);
  pthread_setname_np(pthread_self(), "ys-store-writer");  // as top and perf show it
  Status st = store_.put_plan(run_id_, items_, keys_, jsons_);
  std::vector<Store::ResponseRow> batch;
  std::unique_lock<std::mutex> lock(mu_);
  while (st) {
    wake_.wait_for(lock, std::chrono::milliseconds(250),
                   [&] { return done_ || nudged_ || pending_.size() >= kBatch; });
    nudged_ = false;
    if (!pending_.empty()) {
      batch.swap(pending_);
      lock.unlock();
      st = write_batch(batch);
      batch.clear();
      lock.lock();
    }
    if (done_ && pending_.empty()) break;
  }
  if (!st) {
    // The first failure ends the writer: what waits is dropped (sent again on the next
    // invocation), and on_result()/flush() report the error from now on, without waiting.
    write_status_ = st;
    pending_.clear();
    pending_.shrink_to_fit();
  }
}

Status StoreSink::write_batch(const std::vector<Store::ResponseRow>& batch) {
  Status st = store_.put_responses(batch);
  if (st) st = store_.put_scores(run_id_, scores_of(batch));
  return st;
}

std::vector<std::pair<std::string, Score>> StoreSink::scores_of(
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

}  // namespace ys
