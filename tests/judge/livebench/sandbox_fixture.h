// Test support: the bubblewrap sandbox, or a clear message why there is none. Without one, a
// test that needs it fails when the environment variable CI is set (a CI machine must be able
// to run the sandbox) unless YS_SANDBOX_WAIVER holds the documented reason; elsewhere it warns
// and the caller returns early.
#pragma once

#include <memory>

#include "judge/livebench/sandbox.h"

namespace ys::livebench::testing {

std::unique_ptr<CodeSandbox> sandbox_or_warn(int max_parallel = 0);

}  // namespace ys::livebench::testing
