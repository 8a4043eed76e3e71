// The subcommands of `yardstick arena-hard`, one file each (cmd_arena_*.cpp); cmd_arena.cpp
// registers them and runs the one given. Each add_* adds its subcommand and options under
// `parent` and returns the subcommand with what runs it; `global` must outlive the runner.
#pragma once

#include <string>
#include <vector>

#include "datasets/arena_hard/questions.h"
#include "harness/cli/commands.h"
#include "harness/core/expected.h"

namespace ys::cli {

struct ArenaSubcommand {
  CLI::App* app;
  CommandRunner run;
};

ArenaSubcommand add_arena_import(CLI::App& parent, const GlobalOptions& global);
ArenaSubcommand add_arena_judge(CLI::App& parent, const GlobalOptions& global);
ArenaSubcommand add_arena_leaderboard(CLI::App& parent, const GlobalOptions& global);
ArenaSubcommand add_arena_export(CLI::App& parent, const GlobalOptions& global);

// A question file, read whole, and its sha256 (the arena-hard suite's dataset fingerprint).
struct ArenaQuestions {
  std::vector<arena::ArenaQuestion> list;
  std::string fingerprint;
};

// Reads the questions at `path`; only those of `category` unless it is empty (then none of that
// category is an error).
Expected<ArenaQuestions> load_questions(const std::string& path, const std::string& category);

}  // namespace ys::cli
