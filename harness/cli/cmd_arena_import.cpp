// `yardstick arena-hard import-answers`: published model_answer files become answer runs.
#include <iostream>
#include <map>

#include "harness/cli/arena_commands.h"
#include "harness/cli/arena_view.h"

namespace ys::cli {

namespace {

struct ImportFlags {
  std::string questions;
  std::vector<std::string> paths;
};

int import_answers(const ImportFlags& f, const GlobalOptions& global) {
  auto questions = load_questions(f.questions, "");
  if (!questions) return fail(kExitBadInput, questions.error().message);
  // Read everything first: a bad file stores nothing.
  std::map<std::string, std::vector<arena::ArenaAnswer>> by_model;
  std::map<std::string, std::string> source_of;
  for (const std::string& path : f.paths) {
    auto files = jsonl_files(path);
    if (!files) return fail(kExitBadInput, files.error().message);
    for (const std::string& file : *files) {
      auto answers = arena::load_arena_answers(file);
      if (!answers) return fail(kExitBadInput, answers.error().message);
      for (auto& a : *answers) {
        if (a.model.empty()) return fail(kExitBadInput, file + ": an answer without a model name");
        source_of.try_emplace(a.model, file);
        by_model[a.model].push_back(std::move(a));
      }
    }
  }
  if (by_model.empty()) return fail(kExitBadInput, "no answers in the given files");
  auto store = Store::open(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  for (const auto& [model, answers] : by_model) {
    int64_t skipped = 0;
    auto run_id = import_arena_answers(**store, model, answers, questions->list,
                                       questions->fingerprint, source_of[model], &skipped);
    if (!run_id) return fail(kExitRunFailed, model + ": " + run_id.error().message);
    if (!global.quiet) {
      std::cerr << "imported " << answers.size() - static_cast<size_t>(skipped) << " answers of '"
                << model << "' as run " << *run_id;
      if (skipped > 0) std::cerr << " (" << skipped << " for questions not in the file skipped)";
      std::cerr << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

ArenaSubcommand add_arena_import(CLI::App& parent, const GlobalOptions& global) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* app = parent.add_subcommand(
      "import-answers", "Store published model_answer files (e.g. the baseline's) as answer runs");
  app->add_option("paths", flags->paths, "model_answer .jsonl files or folders of them")
      ->required();
  app->add_option("-q,--questions", flags->questions, "The question.jsonl they answer")->required();
  return {app, [flags, &global] { return import_answers(*flags, global); }};
}

}  // namespace ys::cli
