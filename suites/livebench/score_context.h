// The ScoreContext LiveBench scorers get (judge/livebench/task_scorer.h), built in ONE place for
// `run`, `rescore` and `import livebench`. Code tasks need the sandbox; until it is wired here,
// they score as errors that say so.
#pragma once

#include "judge/livebench/task_scorer.h"

namespace ys {

// Process-wide; built on first use. Thread-safe.
const livebench::ScoreContext& livebench_score_context();

}  // namespace ys
