#include "suites/livebench/score_context.h"

#include <cstdlib>
#include <cstring>
#include <memory>

#include "judge/livebench/sandbox.h"

namespace ys::livebench {

const livebench::ScoreContext& livebench_score_context() {
  // The sandbox is made once per process. When bubblewrap cannot work here, code tasks score as
  // errors that carry the reason; YS_UNSAFE_EXEC=1 runs their tests without containment instead
  // (the sandbox's description then says UNSAFE, and each such score records it).
  static std::unique_ptr<livebench::CodeSandbox> sandbox;
  static const livebench::ScoreContext context = [] {
    livebench::ScoreContext c;
    livebench::SandboxOptions options;
    const char* unsafe = std::getenv("YS_UNSAFE_EXEC");
    options.allow_unsafe = unsafe && std::strcmp(unsafe, "1") == 0;
    auto made = livebench::CodeSandbox::create(options);
    if (made) {
      sandbox = std::move(made.value());
      c.sandbox = sandbox.get();
    } else {
      c.sandbox_missing = made.error().message;
    }
    return c;
  }();
  return context;
}

}  // namespace ys::livebench
