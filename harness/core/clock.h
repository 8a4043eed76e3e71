// Clock seam: the scheduler and progress reporter read time through this, so tests can fake it.
#pragma once

#include <chrono>
#include <thread>

namespace ys {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now_ms() const = 0;  // monotonic milliseconds
  virtual void sleep_ms(double ms) const = 0;
};

class SteadyClock final : public Clock {
 public:
  double now_ms() const override {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
  }
  void sleep_ms(double ms) const override {
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
  }
};

// Seconds of std::chrono::steady_clock since t0, for timing a piece of work (benchmarks, engine
// timers) where no Clock seam is needed.
inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace ys
