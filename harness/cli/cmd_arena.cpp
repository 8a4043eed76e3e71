// `yardstick arena-hard`: the judged phase of Arena-Hard (docs/suites/arena-hard.md).
//   import-answers  store published model_answer files (e.g. the baseline's) as answer runs
//   judge           judge stored answers against the baseline, both orders, with a judge model
//   leaderboard     the table (plain or style-controlled) from stored and/or published judgments
//   export          write stored answers and judgments in the published file layout
// Answers come from `yardstick run -s arena-hard:question.jsonl -m ...`. Judge requests go through
// the same runner and store as answers, so a killed judge run resumes where it stopped.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "backends/registry.h"
#include "harness/cli/arena_view.h"
#include "harness/cli/commands.h"
#include "harness/cli/interrupt.h"
#include "harness/cli/store_view.h"
#include "harness/cli/suite_run.h"
#include "harness/cli/version.h"
#include "harness/core/hash.h"
#include "harness/run/runner.h"
#include "reports/report_format.h"
#include "reports/terminal_table.h"

namespace ys::cli {
namespace fs = std::filesystem;

namespace {

struct Questions {
  std::vector<arena::ArenaQuestion> list;
  std::string fingerprint;
};

Expected<Questions> load_questions(const std::string& path, const std::string& category) {
  auto list = arena::load_arena_questions(path);
  if (!list) return list.error();
  auto fp = sha256_file(path);
  if (!fp) return fp.error();
  if (!category.empty()) {
    std::erase_if(*list, [&](const arena::ArenaQuestion& q) { return q.category != category; });
    if (list->empty()) return Error{path + ": no questions in category '" + category + "'"};
  }
  return Questions{std::move(*list), *fp};
}

// ---- import-answers -------------------------------------------------------------------------

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

// ---- judge ----------------------------------------------------------------------------------

struct JudgeFlags {
  std::string questions, category, rule = "v2.0";
  std::vector<std::string> judges, models, baselines;
  std::string system_prompt_file, template_file;
  std::optional<int> judge_max_tokens;
  std::optional<double> judge_temperature;
  int concurrency = 8, max_attempts = 5;
  std::optional<int> timeout_ms;
  double rpm = 0;
};

Expected<arena::ArenaJudgeSettings> judge_settings(const JudgeFlags& f) {
  arena::ArenaJudgeSettings s;
  for (const std::string& kv : f.baselines) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
      return Error{"--baseline '" + kv + "': expected CATEGORY=MODEL"};
    s.baselines[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  auto rule = judge::verdict_rule_from_string(f.rule);
  if (!rule) return Error{"--rule '" + f.rule + "': expected v2.0 or v0.1"};
  s.judge.rule = *rule;
  if (f.judge_max_tokens) s.judge.max_tokens = *f.judge_max_tokens;
  if (f.judge_temperature) s.judge.temperature = *f.judge_temperature;
  if (auto st = judge::load_judge_prompt_overrides(s.judge, f.system_prompt_file, f.template_file);
      !st)
    return st.error();
  return s;
}

// The models to judge: those asked for, else every model with stored answers that is not a
// baseline of these questions.
Expected<std::vector<std::string>> models_to_judge(const JudgeFlags& f, const Questions& q,
                                                   const StoredAnswers& answers,
                                                   const arena::ArenaJudgeSettings& settings) {
  std::set<std::string> baselines;
  for (const auto& question : q.list)
    baselines.insert(arena::baseline_for(question.category, settings));
  for (const std::string& b : baselines) {
    if (!b.empty() && !answers.index.contains(b)) {
      return Error{"no stored answers of the baseline '" + b +
                   "' for these questions: import them (yardstick arena-hard import-answers) or "
                   "run the baseline (yardstick run -s arena-hard:QUESTIONS -m " +
                   b + "=...)"};
    }
  }
  std::vector<std::string> models = f.models;
  if (models.empty()) {
    for (const std::string& m : answers.models)
      if (!baselines.contains(m)) models.push_back(m);
    if (models.empty())
      return Error{
          "no model answers stored for these questions besides the baseline's: run "
          "`yardstick run -s arena-hard:QUESTIONS -m NAME=...` first"};
  }
  for (const std::string& m : models) {
    if (!answers.index.contains(m))
      return Error{"--model '" + m + "': no stored answers for these questions"};
  }
  return models;
}

int print_boards(const Store& store, const Questions& q, const arena::AnswerIndex& answers,
                 const std::vector<std::string>& judges);

int judge_answers(const JudgeFlags& f, const GlobalOptions& global) {
  auto questions = load_questions(f.questions, f.category);
  if (!questions) return fail(kExitBadInput, questions.error().message);
  auto settings = judge_settings(f);
  if (!settings) return fail(kExitBadInput, settings.error().message);
  std::vector<ModelSpec> judge_specs;
  std::vector<std::unique_ptr<Backend>> backends;
  BackendContext ctx = default_backend_context();
  for (const std::string& text : f.judges) {
    auto spec = parse_model_spec(text);
    if (!spec) return fail(kExitBadInput, "--judge: " + spec.error().message);
    auto backend = make_model_backend(*spec, f.timeout_ms, ctx);
    if (!backend) return fail(kExitBadInput, backend.error().message);
    judge_specs.push_back(*spec);
    backends.push_back(std::move(*backend));
  }
  auto store = open_existing_store(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  auto answers = load_stored_answers(**store, questions->fingerprint);
  if (!answers) return fail(kExitRunFailed, answers.error().message);
  auto models = models_to_judge(f, *questions, *answers, *settings);
  if (!models) return fail(kExitBadInput, models.error().message);
  for (const std::string& note : answers->notes)
    if (!global.quiet) std::cerr << "note: " << note << "\n";

  // Plan every (judge, model) first, so a problem shows before any request is sent.
  std::vector<std::unique_ptr<Suite>> suites;
  for (const std::string& model : *models) {
    arena::JudgePlan plan =
        arena::plan_judge_tasks(questions->list, answers->index, model, *settings);
    if (!plan.missing.empty() && !global.quiet) {
      std::cerr << "note: " << model << ": " << plan.missing.size()
                << " answers missing (those questions are not judged), e.g. "
                << plan.missing.front() << "\n";
    }
    arena::JudgeSuiteSetup setup{model, questions->fingerprint, settings->judge.rule};
    auto suite = arena::make_arena_judge_suite(plan, setup);
    if (!suite) return fail(kExitBadInput, suite.error().message);
    suites.push_back(std::move(*suite));
  }

  RunSettings run_settings;
  run_settings.scheduler.concurrency = f.concurrency;
  run_settings.scheduler.max_attempts = f.max_attempts;
  run_settings.scheduler.requests_per_minute = f.rpm;
  run_settings.harness_version = build_version();
  run_settings.harness_commit = build_commit();
  run_settings.config = {{"command", "arena-hard judge"},
                         {"questions", f.questions},
                         {"judges", f.judges},
                         {"rule", f.rule}};
  const std::atomic<bool>* interrupted = install_interrupt_handler();
  std::vector<std::string> judge_names;
  for (size_t ji = 0; ji < judge_specs.size(); ++ji) {
    judge_names.push_back(judge_specs[ji].name);
    for (size_t mi = 0; mi < suites.size(); ++mi) {
      const ModelSpec& judge_spec = judge_specs[ji];
      SuiteRunResult r =
          run_suite_from_cli(**store, *backends[ji], judge_spec, *suites[mi], run_settings, global,
                             interrupted, judge_spec.name + " judging " + suites[mi]->info().name);
      if (r.exit_code != kExitOk) return r.exit_code;
      if (settings->judge.rule != judge::VerdictRule::v0_1) continue;
      auto games = stored_games(**store, r.run_id);
      if (!games) return fail(kExitRunFailed, games.error().message);
      arena::JudgeSuiteSetup setup{(*models)[mi], questions->fingerprint, settings->judge.rule};
      auto followup = arena::make_arena_followup_suite(*games, setup);
      if (!followup) continue;
      r = run_suite_from_cli(**store, *backends[ji], judge_spec, *followup, run_settings, global,
                             interrupted, judge_spec.name + " judging " + followup->info().name);
      if (r.exit_code != kExitOk) return r.exit_code;
    }
  }
  return print_boards(**store, *questions, answers->index, judge_names);
}

// The plain leaderboards of what the judges in `judges` stored for these questions; `answers` are
// the stored answers (judging does not change them).
int print_boards(const Store& store, const Questions& q, const arena::AnswerIndex& answers,
                 const std::vector<std::string>& judges) {
  auto judged = load_stored_judgments(store, q.fingerprint, judges);
  if (!judged) return fail(kExitRunFailed, judged.error().message);
  arena::LeaderboardOptions options;
  options.null_rule = judged->common_rule.value_or(options.null_rule);
  auto boards = arena_leaderboards(std::move(judged->judgments), answers, q.list, options);
  if (!boards) return fail(kExitRunFailed, boards.error().message);
  ReportData data;
  data.arena = std::move(*boards);
  std::cout << render_terminal_table(data, terminal_options());
  return kExitOk;
}

// ---- leaderboard ----------------------------------------------------------------------------

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
  Questions q;
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
  std::optional<judge::VerdictRule> stored_rule;

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
    auto rule = judge::verdict_rule_from_string(f.rule);
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

// ---- export ---------------------------------------------------------------------------------

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

CommandRunner setup_arena(CLI::App& sub, const GlobalOptions& global) {
  sub.require_subcommand(1);
  auto imp = std::make_shared<ImportFlags>();
  CLI::App* i = sub.add_subcommand(
      "import-answers", "Store published model_answer files (e.g. the baseline's) as answer runs");
  i->add_option("paths", imp->paths, "model_answer .jsonl files or folders of them")->required();
  i->add_option("-q,--questions", imp->questions, "The question.jsonl they answer")->required();

  auto jf = std::make_shared<JudgeFlags>();
  CLI::App* j = sub.add_subcommand(
      "judge", "Judge stored answers against the baseline in both orders, then show the table");
  j->add_option("-q,--questions", jf->questions, "question.jsonl (as given to `run`)")->required();
  j->add_option("--judge", jf->judges, "Judge model as NAME=KIND:TARGET (repeatable: pooled)")
      ->required();
  j->add_option("-m,--model", jf->models,
                "Judged model name (repeatable; default: every stored model but the baselines)");
  j->add_option("--baseline", jf->baselines,
                "CATEGORY=MODEL (repeatable; defaults: arena-hard-v0.1=gpt-4-0314, "
                "hard_prompt=o3-mini-2025-01-31, creative_writing=gemini-2.0-flash-001)");
  j->add_option("--category", jf->category, "Only questions of this category");
  j->add_option("--rule", jf->rule, "Verdict rule: v2.0 or v0.1")->capture_default_str();
  j->add_option("--judge-system", jf->system_prompt_file, "File with the judge system prompt")
      ->check(CLI::ExistingFile);
  j->add_option("--judge-template", jf->template_file,
                "File with the judge user template ({question}, {answer_a}, {answer_b})")
      ->check(CLI::ExistingFile);
  j->add_option("--judge-max-tokens", jf->judge_max_tokens, "Judge max tokens (default 16000)")
      ->check(kPositive);
  j->add_option("--judge-temperature", jf->judge_temperature, "Judge temperature (default 0)");
  j->add_option("-j,--concurrency", jf->concurrency, "Judge requests in flight")
      ->capture_default_str()
      ->check(kPositive);
  j->add_option("--rpm", jf->rpm, "Requests per minute limit (default: none)")->check(kNonNegative);
  j->add_option("--max-attempts", jf->max_attempts, "Attempts per request incl. retries")
      ->capture_default_str()
      ->check(kPositive);
  j->add_option("--timeout-ms", jf->timeout_ms, "Per-request timeout in ms")->check(kPositive);

  auto bf = std::make_shared<BoardFlags>();
  CLI::App* b = sub.add_subcommand(
      "leaderboard",
      "Score (%) with 90% CI (95% under --rule v0.1) per model, from stored and/or published "
      "judgments");
  b->add_option("-q,--questions", bf->questions,
                "question.jsonl: only its judgments; categories for legacy judgment files");
  b->add_option("--judgments", bf->judgments,
                "Published model_judgment .jsonl files or folders (repeatable)");
  b->add_option("--answers", bf->answers,
                "model_answer .jsonl files or folders, for style metadata and tokens (repeatable)");
  b->add_option("--judge", bf->judges, "Only these judges (repeatable; several are pooled)");
  b->add_option("--category", bf->category, "Only this category (default: one table each)");
  b->add_option("--baseline", bf->baseline, "Baseline model (default: from the judgments)");
  b->add_flag("--style-control", bf->style_control,
              "Style-controlled Bradley-Terry (length, headers, lists, bold)");
  b->add_option("--style-fit", bf->style_fit,
                "upstream (arena-hard-auto's L-BFGS, 50 steps) or converged (Newton)")
      ->capture_default_str();
  b->add_option("--rounds", bf->rounds,
                "Bootstrap rounds (0: the full-data estimate, no resampling)")
      ->capture_default_str()
      ->check(kNonNegative);
  b->add_option("--seed", bf->seed, "Bootstrap seed")->capture_default_str();
  b->add_option("--rule", bf->rule,
                "Null rule: v2.0 drops both games of a question, v0.1 only the bad game "
                "(default: the judge runs' rule, else v2.0)");
  b->add_flag("--no-store", bf->no_store, "Ignore the results file; use only the given files");
  b->add_option("-f,--format", bf->format, "table | csv | json | html")->capture_default_str();
  b->add_option("-o,--out", bf->out, "Output file (default: stdout)");

  auto ef = std::make_shared<ExportFlags>();
  CLI::App* e = sub.add_subcommand(
      "export", "Write stored answers and judgments as model_answer/ and model_judgment/ files");
  e->add_option("-q,--questions", ef->questions, "question.jsonl")->required();
  e->add_option("-o,--out", ef->out, "Output folder")->required();

  return [=, &global] {
    if (i->parsed()) return import_answers(*imp, global);
    if (j->parsed()) return judge_answers(*jf, global);
    if (b->parsed()) return leaderboard(*bf, global);
    if (e->parsed()) return export_files(*ef, global);
    return kExitBadInput;
  };
}

}  // namespace ys::cli
