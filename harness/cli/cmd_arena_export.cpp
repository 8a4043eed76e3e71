// `yardstick arena-hard export`: stored answers and judgments in the published file layout.
#include <filesystem>
#include <iostream>
#include <map>

#include "harness/cli/arena_commands.h"
#include "harness/cli/arena_view.h"
#include "harness/cli/store_view.h"

namespace ys::cli {
namespace fs = std::filesystem;

namespace {

struct ExportFlags {
  std::string questions, out;
};

// A file name for a model or judge name: '/' and other awkward bytes become '_'.
std::string file_stem(const std::string& name) {
  std::string s = name;
  for (char& c : s) {
    if (c == '/' || c == '\\' || c == '\0' || (c == '.' && &c == &s[0])) c = '_';
  }
  return s.empty() ? "_" : s;
}

int export_files(const ExportFlags& f, const GlobalOptions& global) {
  auto questions = load_questions(f.questions, "");
  if (!questions) return fail(kExitBadInput, questions.error().message);
  auto store = open_existing_store(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  auto answers = load_stored_answers(**store, questions->fingerprint);
  if (!answers) return fail(kExitRunFailed, answers.error().message);
  auto judged = load_stored_judgments(**store, questions->fingerprint, {});
  if (!judged) return fail(kExitRunFailed, judged.error().message);
  std::error_code ec;
  fs::create_directories(fs::path(f.out) / "model_answer", ec);
  if (ec) return fail(kExitRunFailed, f.out + ": " + ec.message());
  int64_t n_answers = 0, n_judgments = 0;
  for (const std::string& model : answers->models) {
    std::vector<arena::ArenaAnswer> list;
    for (const auto& q : questions->list)
      if (const arena::ArenaAnswer* a = arena::find_answer(answers->index, model, q.uid))
        list.push_back(*a);
    std::string path = (fs::path(f.out) / "model_answer" / (file_stem(model) + ".jsonl")).string();
    if (auto st = arena::write_arena_answers(path, list); !st)
      return fail(kExitRunFailed, st.error().message);
    n_answers += static_cast<int64_t>(list.size());
  }
  std::map<std::pair<std::string, std::string>, std::vector<arena::ArenaJudgment>> files;
  for (auto& j : judged->judgments) files[{j.judge, j.model}].push_back(std::move(j));
  for (const auto& [key, list] : files) {
    fs::path dir = fs::path(f.out) / "model_judgment" / file_stem(key.first);
    fs::create_directories(dir, ec);
    if (ec) return fail(kExitRunFailed, dir.string() + ": " + ec.message());
    if (auto st =
            arena::write_arena_judgments((dir / (file_stem(key.second) + ".jsonl")).string(), list);
        !st)
      return fail(kExitRunFailed, st.error().message);
    n_judgments += static_cast<int64_t>(list.size());
  }
  if (!global.quiet) {
    std::cerr << "wrote " << n_answers << " answers of " << answers->models.size() << " models and "
              << n_judgments << " judgments to " << f.out << "\n";
  }
  return kExitOk;
}

}  // namespace

ArenaSubcommand add_arena_export(CLI::App& parent, const GlobalOptions& global) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* app = parent.add_subcommand(
      "export", "Write stored answers and judgments as model_answer/ and model_judgment/ files");
  app->add_option("-q,--questions", flags->questions, "question.jsonl")->required();
  app->add_option("-o,--out", flags->out, "Output folder")->required();
  return {app, [flags, &global] { return export_files(*flags, global); }};
}

}  // namespace ys::cli
