// `yardstick merge IN... --out OUT`: the exact union of several stores (shard databases), written
// atomically to a new file; the rules are in harness/store/merge.h and docs/scale-out.md.
#include <chrono>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/store/merge.h"

namespace ys::cli {

CommandRunner setup_merge(CLI::App& sub, const GlobalOptions& global) {
  struct Flags {
    std::vector<std::string> inputs;
    std::string out;
    bool force = false;
  };
  auto flags = std::make_shared<Flags>();
  sub.add_option("inputs", flags->inputs, "Store files to merge (e.g. shard-*.db)")->required();
  sub.add_option("--out,-o", flags->out, "The merged store to write (must not exist)")->required();
  sub.add_flag("--force", flags->force, "Replace --out when it exists");
  return [flags, &global] {
    const auto start = std::chrono::steady_clock::now();
    auto stats = merge_stores(flags->inputs, flags->out, flags->force);
    if (!stats) return fail(kExitBadInput, stats.error().message);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!global.quiet) {
      std::cout << "merged " << stats->n_inputs << " stores into " << flags->out << ": "
                << stats->runs << " runs, " << stats->samples << " samples, " << stats->responses
                << " responses, " << stats->scores << " scores in " << seconds << " s\n";
      if (stats->response_conflicts || stats->score_conflicts || stats->plan_conflicts) {
        std::cout << "conflicts (the first input's version kept): " << stats->response_conflicts
                  << " responses with different text, " << stats->score_conflicts
                  << " samples scored differently, " << stats->plan_conflicts
                  << " samples planned with different requests\n";
      }
      if (stats->errors_replaced) {
        std::cout << stats->errors_replaced
                  << " errored responses replaced by another input's answer\n";
      }
    }
    return kExitOk;
  };
}

}  // namespace ys::cli
