#include "backends/remote/endpoint_pool.h"

#include <algorithm>
#include <chrono>

#include "harness/core/expected.h"

namespace ys::remote {

namespace {
constexpr int kMaxBackoffDoublings = 5;  // cool-down at most 32x the first
}

EndpointPool::EndpointPool(std::vector<std::string> urls, double cooldown_ms,
                           std::function<double()> now_ms)
    : cooldown_ms_(cooldown_ms), now_ms_(std::move(now_ms)) {
  YS_ASSERT(!urls.empty(), "EndpointPool: no endpoint");
  for (auto& u : urls) endpoints_.push_back(Endpoint{std::move(u)});
}

double EndpointPool::now() const {
  if (now_ms_) return now_ms_();
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool EndpointPool::healthy(size_t i) const {
  return endpoints_[i].down_until_ms <= now();
}

size_t EndpointPool::acquire() {
  const double t = now();
  const size_t n = endpoints_.size();
  size_t best = n;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = (next_ + k) % n;
    if (endpoints_[i].down_until_ms > t) continue;
    if (best == n || endpoints_[i].in_flight < endpoints_[best].in_flight) best = i;
  }
  if (best == n) {  // all cooling down: the one back soonest
    best = 0;
    for (size_t i = 1; i < n; ++i)
      if (endpoints_[i].down_until_ms < endpoints_[best].down_until_ms) best = i;
  }
  next_ = (best + 1) % n;
  ++endpoints_[best].in_flight;
  return best;
}

void EndpointPool::finished(size_t i, bool endpoint_failed) {
  Endpoint& e = endpoints_[i];
  e.in_flight = std::max(0, e.in_flight - 1);
  if (!endpoint_failed) {
    e.failures = 0;
    e.down_until_ms = 0;
    return;
  }
  const int doublings = std::min(e.failures, kMaxBackoffDoublings);
  e.down_until_ms = now() + cooldown_ms_ * static_cast<double>(1 << doublings);
  ++e.failures;
}

void EndpointPool::cancelled(size_t i) {
  endpoints_[i].in_flight = std::max(0, endpoints_[i].in_flight - 1);
}

}  // namespace ys::remote
