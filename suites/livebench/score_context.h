// The ScoreContext LiveBench scorers get (judge/livebench/task_scorer.h), built in ONE place for
// `run`, `rescore` and `import livebench`. Code tasks need the sandbox (judge/livebench/sandbox.h),
// created on first use; when it cannot be set up, they score as errors that say why, unless the
// environment variable YS_UNSAFE_EXEC=1 asks for uncontained runs.
#pragma once

#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// Process-wide; built on first use. Thread-safe.
const livebench::ScoreContext& livebench_score_context();

}  // namespace ys::livebench
