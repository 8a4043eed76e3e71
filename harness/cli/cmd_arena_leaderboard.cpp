// `yardstick arena-hard leaderboard`: the table (plain or style-controlled) from stored and/or
// published judgments.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "harness/cli/arena_commands.h"
#include "harness/cli/arena_view.h"
#include "harness/cli/store_view.h"
#include "harness/cli/version.h"
#include "reports/report_format.h"
#include "reports/terminal_table.h"

namespace ys::cli {
namespace fs = std::filesystem;

namespace {

// Says how many answers' style metadata was computed here rather than read from their files.
void note_computed_metadata(const arena::AnswerIndex& answers) {
  int64_t computed = 0;
  for (const auto& [model, by_uid] : answers)
    for (const auto& [uid, a] : by_uid) computed += a.metadata_computed ? 1 : 0;
  if (computed == 0) return;
  std::cerr << "note: " << computed
            << " answers carry no style metadata of their own; computed as upstream does "
               "(token_len with tiktoken o200k_base, markdown counts with code blocks removed)\n";
}

struct BoardFlags {
  std::string questions, category, baseline, rule, style_fit = "upstream", format = "table", out;
  std::vector<std::string> judgments, answers, judges;
  bool style_control = false, no_store = false;
  int rounds = 100;
  uint64_t seed = 42;
};

int leaderboard(const BoardFlags& f, const GlobalOptions& global) {
  const char* formats[] = {"table", "json", "arena-csv", "html"};
  std::string format = f.format == "csv" ? "arena-csv" : f.format;
  if (std::find(std::begin(formats), std::end(formats), format) == std::end(formats))
    return fail(kExitBadInput, "--format '" + f.format + "': expected table, json, csv or html");
  ArenaQuestions q;
  if (!f.questions.empty()) {
    auto loaded = load_questions(f.questions, f.category);
    if (!loaded) return fail(kExitBadInput, loaded.error().message);
    q = std::move(*loaded);
  }
  arena::LeaderboardOptions options;
  options.category = f.category;
  options.baseline = f.baseline;
  options.style_control = f.style_control;
  auto fit = arena::style_fit_from_string(f.style_fit);
  if (!fit)
    return fail(kExitBadInput, "--style-fit '" + f.style_fit + "': expected upstream or converged");
  options.style_fit = *fit;
  options.rounds = f.rounds;
  options.seed = f.seed;
  std::optional<arena::VerdictRule> stored_rule;

  arena::AnswerIndex answers;
  std::vector<arena::ArenaJudgment> judgments;
  bool use_store = !f.no_store && (fs::exists(global.db) || f.judgments.empty());
  if (use_store) {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto stored = load_stored_answers(**store, q.fingerprint);
    if (!stored) return fail(kExitRunFailed, stored.error().message);
    answers = std::move(stored->index);
    auto judged = load_stored_judgments(**store, q.fingerprint, f.judges);
    if (!judged) return fail(kExitRunFailed, judged.error().message);
    judgments = std::move(judged->judgments);
    stored_rule = judged->common_rule;
    if (judged->n_pending > 0 && !global.quiet) {
      std::cerr << "note: " << judged->n_pending
                << " questions are not fully judged yet and are left out (run `arena-hard judge` "
                   "again to finish)\n";
    }
  }
  for (const std::string& path : f.answers) {
    auto files = jsonl_files(path);
    if (!files) return fail(kExitBadInput, files.error().message);
    for (const std::string& file : *files) {
      auto loaded = arena::load_arena_answers(file);
      if (!loaded) return fail(kExitBadInput, loaded.error().message);
      for (auto& a : *loaded) arena::ensure_style_meta(a);
      arena::add_to_index(answers, std::move(*loaded));
    }
  }
  for (const std::string& path : f.judgments) {
    auto files = jsonl_files(path);
    if (!files) return fail(kExitBadInput, files.error().message);
    for (const std::string& file : *files) {
      auto loaded = arena::load_arena_judgments(file);
      if (!loaded) return fail(kExitBadInput, loaded.error().message);
      for (auto& j : *loaded) {
        if (f.judges.empty() ||
            std::find(f.judges.begin(), f.judges.end(), j.judge) != f.judges.end())
          judgments.push_back(std::move(j));
      }
    }
  }
  if (!f.rule.empty()) {
    auto rule = arena::verdict_rule_from_string(f.rule);
    if (!rule) return fail(kExitBadInput, "--rule '" + f.rule + "': expected v2.0 or v0.1");
    options.null_rule = *rule;
  } else if (stored_rule && f.judgments.empty()) {
    options.null_rule = *stored_rule;
  }
  if (judgments.empty())
    return fail(kExitBadInput,
                "no judgments: run `yardstick arena-hard judge` or pass --judgments");
  if (!global.quiet) note_computed_metadata(answers);
  auto boards = arena_leaderboards(std::move(judgments), answers, q.list, options);
  if (!boards) return fail(kExitBadInput, boards.error().message);

  ReportData data;
  data.generated_at = utc_now_iso();
  data.harness_version = harness_version();
  data.arena = std::move(*boards);
  std::string text;
  if (format == "table") {
    text = render_terminal_table(data, terminal_options());
  } else {
    auto rendered = render_report(format, data, ReportOptions{});
    if (!rendered) return fail(kExitRunFailed, rendered.error().message);
    text = std::move(*rendered);
  }
  if (f.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(f.out, std::ios::binary);
  out << text;
  if (!out) return fail(kExitRunFailed, "cannot write '" + f.out + "'");
  if (!global.quiet) std::cerr << "wrote " << f.out << "\n";
  return kExitOk;
}

}  // namespace

ArenaSubcommand add_arena_leaderboard(CLI::App& parent, const GlobalOptions& global) {
  auto flags = std::make_shared<BoardFlags>();
  CLI::App* app = parent.add_subcommand(
      "leaderboard",
      "Score (%) with 90% CI (95% under --rule v0.1) per model, from stored and/or published "
      "judgments");
  app->add_option("-q,--questions", flags->questions,
                  "question.jsonl: only its judgments; categories for legacy judgment files");
  app->add_option("--judgments", flags->judgments,
                  "Published model_judgment .jsonl files or folders (repeatable)");
  app->add_option(
      "--answers", flags->answers,
      "model_answer .jsonl files or folders, for style metadata and tokens (repeatable)");
  app->add_option("--judge", flags->judges, "Only these judges (repeatable; several are pooled)");
  app->add_option("--category", flags->category, "Only this category (default: one table each)");
  app->add_option("--baseline", flags->baseline, "Baseline model (default: from the judgments)");
  app->add_flag("--style-control", flags->style_control,
                "Style-controlled Bradley-Terry (length, headers, lists, bold)");
  app->add_option("--style-fit", flags->style_fit,
                  "upstream (arena-hard-auto's L-BFGS, 50 steps) or converged (Newton)")
      ->capture_default_str();
  app->add_option("--rounds", flags->rounds,
                  "Bootstrap rounds (0: the full-data estimate, no resampling)")
      ->capture_default_str()
      ->check(kNonNegative);
  app->add_option("--seed", flags->seed, "Bootstrap seed")->capture_default_str();
  app->add_option("--rule", flags->rule,
                  "Null rule: v2.0 drops both games of a question, v0.1 only the bad game "
                  "(default: the judge runs' rule, else v2.0)");
  app->add_flag("--no-store", flags->no_store, "Ignore the results file; use only the given files");
  app->add_option("-f,--format", flags->format, "table | csv | json | html")->capture_default_str();
  app->add_option("-o,--out", flags->out, "Output file (default: stdout)");
  return {app, [flags, &global] { return leaderboard(*flags, global); }};
}

}  // namespace ys::cli
