// yardstick: compare language models on standard suites. Parses the command line and dispatches
// to the subcommand table in commands.cpp.
#include <cstdlib>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/run/heap_tuning.h"

int main(int argc, char** argv) {
  using namespace ys::cli;
  ys::keep_freed_heap_memory();
  CLI::App app{
      "yardstick: benchmark harness for language models (MMLU-Pro, Arena-Hard, "
      "LiveBench-style and custom suites).\nResults go to a SQLite file; see docs/cli.md."};
  app.set_version_flag("--version", harness_version());
  app.require_subcommand(1);
  GlobalOptions global;
  std::string db_flag;
  app.add_option("--db", db_flag, "SQLite results file (env YARDSTICK_DB; default ./yardstick.db)");
  app.add_flag("-q,--quiet", global.quiet, "No progress output");
  app.fallthrough();

  std::vector<std::pair<CLI::App*, CommandRunner>> runners;
  for (const auto& cmd : commands()) {
    CLI::App* sub = app.add_subcommand(cmd.name, cmd.description);
    runners.emplace_back(sub, cmd.setup(*sub, global));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  if (!db_flag.empty()) {
    global.db = db_flag;
  } else if (const char* env = std::getenv("YARDSTICK_DB"); env && *env) {
    global.db = env;
  } else {
    global.db = "yardstick.db";
  }
  for (auto& [sub, run] : runners)
    if (sub->parsed()) return run();
  return kExitBadInput;
}
