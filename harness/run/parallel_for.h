// A parallel loop over an index range, for the harness's own CPU-bound preparation (hashing a
// plan's requests). Blocks until every call has returned; starts and joins its threads each call.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace ys {

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

}  // namespace ys
