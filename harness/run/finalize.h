// The run-level pass of scoring (Suite::finalize_scores): reads a run's scored samples from the
// store in plan order, lets the suite adjust scores that depend on the whole run, and stores the
// ones it changed (nothing at all unless Suite::has_run_level_scoring). Run after every invocation
// that scores (run, import, rescore); idempotent: the same stored scores give the same result.
// Errors name the store operation.
#pragma once

#include <string>

#include "harness/core/suite.h"
#include "harness/store/store.h"

namespace ys {

Status finalize_run_scores(Store& store, const std::string& run_id, const Suite& suite);

}  // namespace ys
