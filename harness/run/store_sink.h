// StoreSink: the scheduler's ResultSink for run_suite. It writes the run's plan (its samples) and
// then its results on a thread of its own, so the scheduler's loop never waits for SQLite and the
// first requests go out while the plan is being written. Results are handed over under a mutex and
// committed in one transaction every 250 ms, or as soon as 256 are waiting; the items they answer
// are scored and their scores written right after. The plan is always committed before any
// response, so a crash loses at most the results of the last interval plus the requests in flight.
//
// A failed write (the store locked past its busy timeout, a full disk, a read-only file) is final:
// the writer keeps the first error, drops what was waiting (those requests are sent again on the
// next invocation) and stops; on_result() and flush() return that error from then on, at once,
// which makes the scheduler stop the run. Nothing waits on a writer that no longer writes.
//
// Threading: on_result() and flush() are called from the scheduler's thread; the writer thread has
// the store's connection to itself until finish() returns.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "harness/core/suite.h"
#include "harness/run/scheduler.h"
#include "harness/store/store.h"

namespace ys {

// Where the items answered by one request key are (several items may share a request).
// Keyed by views of the plan's request keys (which outlive the map).
using ItemsByKey = std::unordered_map<std::string_view, std::vector<size_t>>;

// The score of one answered item: the suite's, or an error score for a failed request.
Score score_item(const Suite& suite, const Item& item, const Response& response);

class StoreSink final : public ResultSink {
 public:
  // The plan: items[i] asks for the request with key keys[i] and canonical JSON jsons[i];
  // items_by_key lists the keys that will be sent. All of them outlive the sink.
  StoreSink(Store& store, std::string identity, std::string run_id, const Suite& suite,
            const std::vector<Item>& items, const std::vector<std::string>& keys,
            const std::vector<std::string>& jsons, const ItemsByKey& items_by_key);
  ~StoreSink() override;
  StoreSink(const StoreSink&) = delete;
  StoreSink& operator=(const StoreSink&) = delete;

  Status on_result(const Job& job, const Response& response) override;
  // Asks for a write now; returns the first failed write, if any (finish() waits for the writes).
  Status flush() override;
  // Writes what is left (unless a write failed) and stops the writer; the store is the caller's
  // again afterwards. Returns the first failed write.
  Status finish();

  // Samples whose stored response is an error, among those this sink wrote (after finish()).
  int64_t errored_samples() const { return errored_samples_; }

 private:
  void write_loop();
  Status write_batch(const std::vector<Store::ResponseRow>& batch);
  std::vector<std::pair<std::string, Score>> scores_of(const std::vector<Store::ResponseRow>& rows);

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
  Status write_status_ = ok_status();  // ok until a write fails; then that first failure
  bool done_ = false, nudged_ = false;
  std::thread writer_;  // last: starts after the members it uses
};

}  // namespace ys
