// Running one suite against one model from a CLI command (`run`, `arena-hard judge`): the backend
// built from its spec, a progress line on stderr (unless --quiet), the outcome line, and the exit
// code that a failure or an interruption maps to.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "harness/cli/commands.h"
#include "harness/core/backend.h"
#include "harness/core/model_spec.h"
#include "harness/core/suite.h"
#include "harness/run/runner.h"
#include "harness/store/store.h"

namespace ys::cli {

// The backend of `spec`; a run-wide timeout_ms goes into the spec's options unless it has its own.
Expected<std::unique_ptr<Backend>> make_model_backend(ModelSpec& spec,
                                                      std::optional<int> timeout_ms,
                                                      const BackendContext& ctx);

struct SuiteRunResult {
  int exit_code = kExitOk;  // kExitOk, kExitInterrupted or kExitRunFailed (message printed)
  std::string run_id;       // empty when the run could not start or failed outright
};

// Runs `suite` on `backend` as `label` ("gpt4o on custom:sample").
SuiteRunResult run_suite_from_cli(Store& store, Backend& backend, const ModelSpec& model,
                                  const Suite& suite, const RunSettings& settings,
                                  const GlobalOptions& global, const std::atomic<bool>* interrupted,
                                  const std::string& label);

}  // namespace ys::cli
