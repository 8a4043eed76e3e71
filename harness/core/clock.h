// Clock seam: the scheduler and progress reporter read time through this, so tests can fake it.
#pragma once

#include <chrono>

namespace ys {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now_ms() const = 0;  // monotonic milliseconds
};

class SteadyClock final : public Clock {
 public:
  double now_ms() const override {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace ys
