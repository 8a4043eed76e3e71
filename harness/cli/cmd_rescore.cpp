// `yardstick rescore`: scores stored answers again (after a scorer fix, or for imported runs),
// rebuilding each run's suite from its stored name and config. Sends no request.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/store_view.h"
#include "harness/run/finalize.h"
#include "harness/run/runner.h"
#include "suites/registry.h"

namespace ys::cli {

namespace {
struct Flags {
  RunFilter filter;
  std::vector<std::string> suite_specs;
};
}  // namespace

CommandRunner setup_rescore(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("-s,--suite", f->suite_specs,
                 "Suite as KIND:PATH whose stored runs to rescore (repeatable)")
      ->required();
  sub.add_option("--model", f->filter.models, "Only these models (repeatable)");
  return [f, &global] {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto runs = (*store)->runs();
    if (!runs) return fail(kExitRunFailed, runs.error().message);
    int rescored = 0;
    for (const auto& text : f->suite_specs) {
      auto spec = parse_suite_spec(text);
      if (!spec) return fail(kExitBadInput, spec.error().message);
      auto suite = make_suite(*spec);
      if (!suite) return fail(kExitBadInput, suite.error().message);
      std::string name = (*suite)->info().name;
      for (const auto& run : *runs) {
        if (run.suite_name != name || !matches(f->filter, run)) continue;
        if (auto st = score_run(**store, run.run_id, **suite); !st)
          return fail(kExitRunFailed, st.error().message);
        if (auto st = finalize_run_scores(**store, run.run_id, **suite); !st)
          return fail(kExitRunFailed, st.error().message);
        ++rescored;
      }
    }
    if (!global.quiet) std::cerr << "rescored " << rescored << " run(s)\n";
    return kExitOk;
  };
}

}  // namespace ys::cli
