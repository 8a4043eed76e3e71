// The CLI's dispatch table: one row per subcommand (name, one-line description, setup). Each
// subcommand lives in its own cmd_<name>.cpp; setup registers its flags on a CLI11 subcommand and
// returns the function that runs it. main.cpp only parses and dispatches.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace ys::cli {

// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitGateFailed = 1;  // a quality gate (--fail-under, gate) was not met
inline constexpr int kExitBadInput = 2;    // usage, config, dataset or model spec errors
inline constexpr int kExitRunFailed = 3;   // auth failure, store failure: the run could not go on
inline constexpr int kExitInterrupted = 130;

struct GlobalOptions {
  std::string db;  // resolved: --db, else $YARDSTICK_DB, else ./yardstick.db
  bool quiet = false;
};

using CommandRunner = std::function<int()>;
using CommandSetup = CommandRunner (*)(CLI::App& sub, const GlobalOptions& global);

struct Command {
  const char* name;
  const char* description;
  CommandSetup setup;
};

const std::vector<Command>& commands();

CommandRunner setup_run(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_leaderboard(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_report(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_runs(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_gate(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_rescore(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_import(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_engine(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_arena(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_merge(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_livebench(CLI::App& sub, const GlobalOptions& global);
CommandRunner setup_compare(CLI::App& sub, const GlobalOptions& global);

// Checks for numeric flags, with messages that say what is wanted ("--reps: must be more than 0,
// got 0"; CLI11's PositiveNumber would print its range as 0 to 1.8e308).
extern const CLI::Validator kPositive;         // a number > 0
extern const CLI::Validator kNonNegative;      // a number >= 0
extern const CLI::Validator kUnitInterval;     // 0 <= x <= 1 (scores, gates, shares)
extern const CLI::Validator kProbabilityMass;  // 0 < x <= 1 (top_p)
// All four refuse nan, inf and numbers too large for a double.

// Prints "yardstick: error: MESSAGE" to stderr and returns `code`.
int fail(int code, const std::string& message);

std::string harness_version();  // "0.1.0 (commit abc123)"

}  // namespace ys::cli
