#include "backends/local/cpu/thread_pool.h"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define YS_CPU_RELAX() _mm_pause()
#else
#define YS_CPU_RELAX() std::this_thread::yield()
#endif

namespace ys::cpu {

namespace {
// About 50-100 microseconds of spinning before a worker goes to sleep.
constexpr int kSpinIterations = 20000;
}  // namespace

ThreadPool::ThreadPool(int n_threads) {
  if (n_threads <= 0) n_threads = static_cast<int>(std::thread::hardware_concurrency());
  n_threads_ = n_threads < 1 ? 1 : n_threads;
  for (int i = 1; i < n_threads_; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_.store(true, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

namespace {
constexpr uint64_t kChunkBits = 20;
constexpr uint64_t kChunkMask = (uint64_t{1} << kChunkBits) - 1;
constexpr uint64_t kGenMask = (uint64_t{1} << 24) - 1;
constexpr int kChunksPerThread = 8;

uint64_t pack(uint64_t gen, uint64_t chunks, uint64_t next) {
  return ((gen & kGenMask) << (2 * kChunkBits)) | (chunks << kChunkBits) | next;
}
}  // namespace

// Claims and runs chunks of job `generation` until none are left (or a newer job is posted).
void ThreadPool::work(int index, uint64_t generation) {
  uint64_t word = claim_.load(std::memory_order_acquire);
  for (;;) {
    if ((word >> (2 * kChunkBits)) != (generation & kGenMask)) return;
    const uint64_t chunks = (word >> kChunkBits) & kChunkMask, next = word & kChunkMask;
    if (next >= chunks) return;
    if (!claim_.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
      continue;  // word was reloaded
    }
    const auto c = static_cast<int64_t>(next);
    const int64_t begin = job_n_ * c / job_chunks_, end = job_n_ * (c + 1) / job_chunks_;
    if (begin < end) job_call_(job_ctx_, index, begin, end);
    done_.fetch_add(1, std::memory_order_acq_rel);
    word = claim_.load(std::memory_order_acquire);
  }
}

void ThreadPool::run(int64_t n, void* ctx, RangeFn call) {
  if (n <= 0) return;
  if (n_threads_ == 1 || n == 1) {
    call(ctx, 0, 0, n);
    return;
  }
  job_n_ = n;
  job_chunks_ = std::min<int64_t>(n, int64_t{n_threads_} * kChunksPerThread);
  job_ctx_ = ctx;
  job_call_ = call;
  done_.store(0, std::memory_order_relaxed);
  const uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
  claim_.store(pack(gen, static_cast<uint64_t>(job_chunks_), 0), std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.store(gen, std::memory_order_release);
  }
  wake_.notify_all();
  work(0, gen);
  // Spin while other threads finish their chunks; yield after a while so an oversubscribed
  // machine can schedule them.
  for (int spins = 0; done_.load(std::memory_order_acquire) != job_chunks_; ++spins) {
    if (spins < kSpinIterations) {
      YS_CPU_RELAX();
    } else {
      std::this_thread::yield();
    }
  }
}

void ThreadPool::worker_loop(int index) {
  uint64_t seen = 0;
  for (;;) {
    int spins = 0;
    while (generation_.load(std::memory_order_acquire) == seen && spins < kSpinIterations) {
      YS_CPU_RELAX();
      ++spins;
    }
    if (generation_.load(std::memory_order_acquire) == seen) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
    }
    seen = generation_.load(std::memory_order_acquire);
    if (stop_.load(std::memory_order_acquire)) return;
    work(index, seen);
  }
}

}  // namespace ys::cpu
