// A fixed pool of worker threads for data-parallel kernels. parallel_for(n, fn) splits [0, n)
// into up to 8 contiguous chunks per thread, which the threads (the caller's included) claim
// one at a time, runs fn(begin, end) on each and returns when all are done. Claiming keeps a
// descheduled thread (a busy machine) from holding up the others. Which thread runs a chunk
// varies, but the chunk boundaries depend only on n and the thread count, and kernels compute
// each output independently of its chunk, so results are deterministic. Workers spin briefly
// before sleeping, because kernels are issued back to back. No allocation per call.
//
// Threading: parallel_for must be called from one thread at a time (the engine's); fn must not
// throw and may run concurrently with itself on disjoint ranges.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace ys::cpu {

class ThreadPool {
 public:
  // n_threads counts the caller's thread; <= 0 means one per hardware thread.
  explicit ThreadPool(int n_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return n_threads_; }

  template <typename F>
  void parallel_for(int64_t n, F&& fn) {
    using Fn = std::remove_reference_t<F>;
    run(n, const_cast<void*>(static_cast<const void*>(&fn)),
        [](void* ctx, int, int64_t begin, int64_t end) { (*static_cast<Fn*>(ctx))(begin, end); });
  }

  // Same, with fn(thread, begin, end): thread in [0, size()) indexes per-thread scratch space.
  template <typename F>
  void parallel_for_indexed(int64_t n, F&& fn) {
    using Fn = std::remove_reference_t<F>;
    run(n, const_cast<void*>(static_cast<const void*>(&fn)),
        [](void* ctx, int thread, int64_t begin, int64_t end) {
          (*static_cast<Fn*>(ctx))(thread, begin, end);
        });
  }

 private:
  using RangeFn = void (*)(void* ctx, int thread, int64_t begin, int64_t end);
  void run(int64_t n, void* ctx, RangeFn call);
  void worker_loop(int index);
  void work(int index, uint64_t generation);

  int n_threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<uint64_t> generation_{0};  // bumped (and workers woken) once per job
  // generation (24 bits) | chunk count (20 bits) | next unclaimed chunk (20 bits): one word, so a
  // thread that wakes late can never claim a chunk of a job it did not see posted.
  std::atomic<uint64_t> claim_{0};
  std::atomic<int64_t> done_{0};  // chunks finished in the current job
  std::atomic<bool> stop_{false};
  // The current job (written before claim_ is published).
  int64_t job_n_ = 0;
  int64_t job_chunks_ = 0;
  void* job_ctx_ = nullptr;
  RangeFn job_call_ = nullptr;
};

}  // namespace ys::cpu
