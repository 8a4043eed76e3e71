// `yardstick arena-hard`: the judged phase of Arena-Hard (docs/suites/arena-hard.md).
//   import-answers  store published model_answer files (e.g. the baseline's) as answer runs
//   judge           judge stored answers against the baseline, both orders, with a judge model
//   leaderboard     the table (plain or style-controlled) from stored and/or published judgments
//   export          write stored answers and judgments in the published file layout
// Answers come from `yardstick run -s arena-hard:question.jsonl -m ...`. Judge requests go through
// the same runner and store as answers, so a killed judge run resumes where it stopped.
#include "harness/cli/arena_commands.h"
#include "harness/cli/commands.h"
#include "harness/core/hash.h"

namespace ys::cli {

Expected<ArenaQuestions> load_questions(const std::string& path, const std::string& category) {
  auto list = arena::load_arena_questions(path);
  if (!list) return list.error();
  auto fp = sha256_file(path);
  if (!fp) return fp.error();
  if (!category.empty()) {
    std::erase_if(*list, [&](const arena::ArenaQuestion& q) { return q.category != category; });
    if (list->empty()) return Error{path + ": no questions in category '" + category + "'"};
  }
  return ArenaQuestions{std::move(*list), *fp};
}

CommandRunner setup_arena(CLI::App& sub, const GlobalOptions& global) {
  sub.require_subcommand(1);
  const std::vector<ArenaSubcommand> subcommands = {
      add_arena_import(sub, global), add_arena_judge(sub, global),
      add_arena_leaderboard(sub, global), add_arena_export(sub, global)};
  return [subcommands] {
    for (const ArenaSubcommand& s : subcommands)
      if (s.app->parsed()) return s.run();
    return kExitBadInput;
  };
}

}  // namespace ys::cli
