#include "harness/cli/suite_run.h"

#include <unistd.h>

#include <iostream>

#include "backends/registry.h"
#include "harness/run/finalize.h"
#include "harness/run/progress.h"

namespace ys::cli {

Expected<std::unique_ptr<Backend>> make_model_backend(ModelSpec& spec,
                                                      std::optional<int> timeout_ms,
                                                      const BackendContext& ctx) {
  if (timeout_ms && !spec.options.contains("timeout_ms")) spec.options["timeout_ms"] = *timeout_ms;
  return make_backend(spec, ctx);
}

SuiteRunResult run_suite_from_cli(Store& store, Backend& backend, const ModelSpec& model,
                                  const Suite& suite, const RunSettings& settings,
                                  const GlobalOptions& global, const std::atomic<bool>* interrupted,
                                  const std::string& label) {
  if (!global.quiet) {
    for (const auto& note : suite.notes()) std::cerr << label << ": " << note << "\n";
  }
  TerminalProgress progress(stderr, label, isatty(fileno(stderr)) != 0);
  SteadyClock clock;
  auto outcome = run_suite(store, backend, model, suite, settings,
                           global.quiet ? nullptr : &progress, clock, interrupted);
  if (!outcome) return {fail(kExitRunFailed, label + ": " + outcome.error().message), ""};
  if (auto st = finalize_run_scores(store, outcome->run_id, suite); !st)
    return {fail(kExitRunFailed, label + ": " + st.error().message), ""};
  if (!global.quiet) {
    std::cerr << label << ": " << outcome->n_items << " items, " << outcome->n_cached
              << " already stored, " << outcome->n_sent << " sent";
    if (outcome->n_shared > 0)
      std::cerr << " (" << outcome->n_shared << " items shared an identical request)";
    std::cerr << ", " << outcome->n_errors << " errors (run " << outcome->run_id << ")\n";
  }
  SuiteRunResult result{kExitOk, outcome->run_id};
  if (outcome->interrupted) {
    if (outcome->fatal) {
      result.exit_code = fail(kExitRunFailed, label + ": run stopped: " + outcome->message);
    } else {
      std::cerr << "yardstick: interrupted; what was answered is stored. Run the same command "
                   "again to finish.\n";
      result.exit_code = kExitInterrupted;
    }
  }
  return result;
}

}  // namespace ys::cli
