#include "harness/cli/commands.h"

#include <iostream>

#include "harness/cli/version.h"

namespace ys::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run", "Run suites against models; answers, scores and provenance go to the store",
       setup_run},
      {"leaderboard", "Show the leaderboard of stored runs as a terminal table", setup_leaderboard},
      {"report", "Write a report (table, csv, samples-csv, json, junit, html) from the store",
       setup_report},
      {"runs", "List stored runs with their ids, status and provenance", setup_runs},
      {"compare", "Paired comparison of two models: deltas, 95% CIs, p-values per suite/category",
       setup_compare},
      {"gate", "Exit 1 when a stored run scores below a threshold (for CI)", setup_gate},
      {"rescore", "Score stored answers again with the current scorers", setup_rescore},
      {"import", "Store published result files (MMLU-Pro) as a run and score them", setup_import},
      {"arena-hard",
       "Arena-Hard judged phase: import-answers, judge (both orders), leaderboard, export",
       setup_arena},
      {"merge", "Merge stores (e.g. shard databases) into a new one: exact union, checked",
       setup_merge},
      {"engine", "Local GGUF engine tools: make-model (random weights), generate", setup_engine},
  };
  return kCommands;
}

namespace {

CLI::Validator number_check(bool allow_zero) {
  return CLI::Validator(
      [allow_zero](std::string& text) -> std::string {
        double v = 0.0;
        if (!CLI::detail::lexical_cast(text, v)) return "'" + text + "' is not a number";
        if (allow_zero ? v >= 0.0 : v > 0.0) return "";
        return std::string("must be ") + (allow_zero ? "0 or more" : "more than 0") + ", got " +
               text;
      },
      allow_zero ? "NONNEGATIVE" : "POSITIVE");
}

}  // namespace

const CLI::Validator kPositive = number_check(false);
const CLI::Validator kNonNegative = number_check(true);

int fail(int code, const std::string& message) {
  std::cerr << "yardstick: error: " << message << "\n";
  return code;
}

std::string harness_version() {
  return std::string(build_version()) + " (commit " + build_commit() + ")";
}

}  // namespace ys::cli
