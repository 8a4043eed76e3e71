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
      {"gate", "Exit 1 when a stored run scores below a threshold (for CI)", setup_gate},
      {"rescore", "Score stored answers again with the current scorers", setup_rescore},
      {"import", "Store published result files (MMLU-Pro) as a run and score them", setup_import},
      {"arena-hard",
       "Arena-Hard judged phase: import-answers, judge (both orders), leaderboard, export",
       setup_arena},
      {"engine", "Local GGUF engine tools: make-model (random weights), generate", setup_engine},
  };
  return kCommands;
}

int fail(int code, const std::string& message) {
  std::cerr << "yardstick: error: " << message << "\n";
  return code;
}

std::string harness_version() {
  return std::string(build_version()) + " (commit " + build_commit() + ")";
}

}  // namespace ys::cli
