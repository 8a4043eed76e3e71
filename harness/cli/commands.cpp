#include "harness/cli/commands.h"

#include <cmath>
#include <iostream>
#include <optional>

#include "harness/cli/version.h"

namespace ys::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run", "Run suites against models; answers, scores and provenance go to the store",
       setup_run},
      {"leaderboard", "Show the leaderboard of stored runs as a terminal table", setup_leaderboard},
      {"report",
       "Write a report (table, csv, samples-csv, json, junit, markdown, html) from the store",
       setup_report},
      {"runs", "List stored runs with their ids, status and provenance", setup_runs},
      {"compare", "Paired comparison of two models: deltas, 95% CIs, p-values per suite/category",
       setup_compare},
      {"gate", "Exit 1 when a stored run scores below a threshold (for CI)", setup_gate},
      {"rescore", "Score stored answers again with the current scorers", setup_rescore},
      {"import", "Store published result files (MMLU-Pro, LiveBench) as a run and score them",
       setup_import},
      {"arena-hard",
       "Arena-Hard judged phase: import-answers, judge (both orders), leaderboard, export",
       setup_arena},
      {"merge", "Merge stores (e.g. shard databases) into a new one: exact union, checked",
       setup_merge},
      {"livebench",
       "LiveBench: leaderboard (task, category and overall averages) and per-sample export",
       setup_livebench},
      {"engine", "Local GGUF engine tools: make-model (random weights), generate, bench",
       setup_engine},
  };
  return kCommands;
}

namespace {

// A finite number above `low` (or at it, when low_ok), and at most `high` when given. "nan",
// "inf" and values that overflow a double (1e400) are refused.
CLI::Validator number_check(double low, bool low_ok, std::optional<double> high, const char* want,
                            const char* name) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double v = 0.0;
        if (!CLI::detail::lexical_cast(text, v) || !std::isfinite(v))
          return "'" + text + "' is not a finite number";
        if ((low_ok ? v >= low : v > low) && (!high || v <= *high)) return "";
        return std::string("must be ") + want + ", got " + text;
      },
      name);
}

}  // namespace

const CLI::Validator kPositive = number_check(0.0, false, std::nullopt, "more than 0", "POSITIVE");
const CLI::Validator kNonNegative =
    number_check(0.0, true, std::nullopt, "0 or more", "NONNEGATIVE");
const CLI::Validator kUnitInterval = number_check(0.0, true, 1.0, "from 0 to 1", "0..1");
const CLI::Validator kProbabilityMass =
    number_check(0.0, false, 1.0, "more than 0 and at most 1", "(0..1]");

int fail(int code, const std::string& message) {
  std::cerr << "yardstick: error: " << message << "\n";
  return code;
}

std::string harness_version() {
  return std::string(build_version()) + " (commit " + build_commit() + ")";
}

}  // namespace ys::cli
