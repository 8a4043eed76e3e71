// `yardstick gate`: a CI quality gate over stored runs. Exit 0 when every selected run scores at
// least --min-score (and, with --max-error-rate, errs at most that often); 1 otherwise.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/store_view.h"

namespace ys::cli {

namespace {
struct Flags {
  RunFilter filter;
  double min_score = 0;
  std::optional<double> max_error_rate;
  bool use_ci_low = false;
};
}  // namespace

CommandRunner setup_gate(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("--min-score", f->min_score, "Lowest acceptable score (0..1)")
      ->required()
      ->check(kUnitInterval);
  sub.add_option("--max-error-rate", f->max_error_rate,
                 "Highest acceptable share of errored samples (0..1)")
      ->check(kUnitInterval);
  sub.add_flag("--ci-low", f->use_ci_low,
               "Compare the lower end of the 95% CI instead of the mean");
  sub.add_option("--suite", f->filter.suites, "Only these suites (repeatable)");
  sub.add_option("--model", f->filter.models, "Only these models (repeatable)");
  return [f, &global] {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto data = load_report_data(**store, f->filter, false);
    if (!data) return fail(kExitRunFailed, data.error().message);
    if (data->runs.empty()) return fail(kExitBadInput, "no stored runs match the gate's filters");
    int code = kExitOk;
    for (const auto& run : data->runs) {
      double value = f->use_ci_low ? run.score.ci_low : run.score.mean;
      double error_rate = run.n_done ? static_cast<double>(run.n_errors) / run.n_done : 0.0;
      bool ok = value >= f->min_score && run.n_done == run.n_items &&
                (!f->max_error_rate || error_rate <= *f->max_error_rate);
      std::cout << (ok ? "PASS " : "FAIL ") << run.model << " on " << run.suite << ": score "
                << value << " (min " << f->min_score << "), errors " << run.n_errors << "/"
                << run.n_done << ", answered " << run.n_done << "/" << run.n_items << "\n";
      if (!ok) code = kExitGateFailed;
    }
    return code;
  };
}

}  // namespace ys::cli
