#include "tests/judge/livebench/sandbox_fixture.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace ys::livebench::testing {

std::unique_ptr<CodeSandbox> sandbox_or_warn(int max_parallel) {
  SandboxOptions options;
  options.max_parallel = max_parallel;
  auto sandbox = CodeSandbox::create(options);
  if (sandbox) return std::move(sandbox.value());
  const char* ci = std::getenv("CI");
  const char* waiver = std::getenv("YS_SANDBOX_WAIVER");
  if (ci && *ci && !(waiver && *waiver)) {
    FAIL("the code sandbox cannot run on this CI machine: " << sandbox.error().message
                                                            << " (set YS_SANDBOX_WAIVER to the "
                                                               "documented reason to waive)");
  }
  WARN("SANDBOX TESTS NOT RUN: " << sandbox.error().message
                                 << (waiver && *waiver ? std::string(" (waived: ") + waiver + ")"
                                                       : std::string()));
  return nullptr;
}

}  // namespace ys::livebench::testing
