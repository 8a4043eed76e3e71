// `yardstick compare A B`: paired comparison of two models over the suites both ran: per suite and
// category, B - A in points with a bootstrap 95% interval, won/lost/tied items and p-values
// (McNemar or sign-flip; Holm-adjusted). The statistics are judge/stats/run_comparison.h.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/comparison_load.h"
#include "harness/cli/store_view.h"

namespace ys::cli {

namespace {
struct Flags {
  std::string model_a, model_b;
  std::vector<std::string> suites;
  PairedOptions stats;
  double alpha = 0.05;
  bool markdown = false;
};
}  // namespace

CommandRunner setup_compare(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("A", f->model_a, "Baseline model (display name)")->required();
  sub.add_option("B", f->model_b, "Candidate model (display name)")->required();
  sub.add_option("--suite", f->suites, "Only these suites (repeatable)");
  sub.add_option("--rounds", f->stats.bootstrap_rounds, "Bootstrap resamples for the 95% CI")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub.add_option("--permutations", f->stats.permutation_rounds,
                 "Sign patterns sampled by the sign-flip test when it cannot enumerate")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  sub.add_option("--seed", f->stats.seed, "Seed of the bootstrap and permutation draws")
      ->capture_default_str();
  sub.add_option("--alpha", f->alpha, "Significance level marked with *")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub.add_flag("--markdown", f->markdown, "Print a Markdown table instead of plain text");
  return [f, &global] {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto view = load_comparison(**store, f->model_a, f->model_b, f->suites, f->stats, f->alpha);
    if (!view) return fail(kExitBadInput, view.error().message);
    std::cout << (f->markdown ? render_comparison_markdown(*view) : render_comparison_text(*view));
    return kExitOk;
  };
}

}  // namespace ys::cli
