// A minimal test runner for the CUDA engine's tests, so they build where Catch2 is missing (the
// engine-only build on the GPU machine, docs/engine-cuda.md). A test is a function taking a
// Checker; run_all runs a table of them, prints one line per test and returns the exit code
// (0 all passed, 1 some failed). kSkipExitCode is registered with CTest as "skipped".
#pragma once

#include <cmath>
#include <cstdio>
#include <span>
#include <string>

namespace ys::cuda_test {

constexpr int kSkipExitCode = 77;

class Checker {
 public:
  bool check(bool ok, const char* what, const char* file, int line) {
    if (!ok) fail(std::string(what), file, line);
    return ok;
  }
  // |got - want| <= tol; on failure prints both values and the index.
  bool near(double got, double want, double tol, long index, const char* file, int line) {
    const bool ok = std::fabs(got - want) <= tol;  // NaN fails
    if (!ok) {
      fail("index " + std::to_string(index) + ": got " + std::to_string(got) + ", want " +
               std::to_string(want) + " (tolerance " + std::to_string(tol) + ")",
           file, line);
    }
    return ok;
  }
  int failures() const { return failures_; }

 private:
  void fail(const std::string& what, const char* file, int line) {
    if (++failures_ <= kMaxPrinted) std::printf("    %s:%d: %s\n", file, line, what.c_str());
  }
  static constexpr int kMaxPrinted = 5;
  int failures_ = 0;
};

struct TestCase {
  const char* name;
  void (*fn)(Checker&);
};

inline int run_all(std::span<const TestCase> cases) {
  int failed = 0;
  for (const TestCase& c : cases) {
    Checker t;
    c.fn(t);
    std::printf("%s %s\n", t.failures() == 0 ? "ok    " : "FAILED", c.name);
    if (t.failures() != 0) ++failed;
  }
  std::printf("%zu tests, %d failed\n", cases.size(), failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace ys::cuda_test

#define YS_CHECK(t, cond) (t).check((cond), #cond, __FILE__, __LINE__)
#define YS_NEAR(t, got, want, tol, index) \
  (t).near((got), (want), (tol), (index), __FILE__, __LINE__)
