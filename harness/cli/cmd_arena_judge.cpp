// `yardstick arena-hard judge`: judges stored answers against the baseline, both orders, with one
// or more judge models, through the same runner and store as answers (a killed run resumes).
#include <iostream>
#include <set>

#include "backends/registry.h"
#include "harness/cli/arena_commands.h"
#include "harness/cli/arena_view.h"
#include "harness/cli/interrupt.h"
#include "harness/cli/store_view.h"
#include "harness/cli/suite_run.h"
#include "harness/cli/version.h"
#include "harness/run/runner.h"
#include "reports/terminal_table.h"

namespace ys::cli {

namespace {

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
  auto rule = arena::verdict_rule_from_string(f.rule);
  if (!rule) return Error{"--rule '" + f.rule + "': expected v2.0 or v0.1"};
  s.judge.rule = *rule;
  if (f.judge_max_tokens) s.judge.max_tokens = *f.judge_max_tokens;
  if (f.judge_temperature) s.judge.temperature = *f.judge_temperature;
  if (auto st = arena::load_judge_prompt_overrides(s.judge, f.system_prompt_file, f.template_file);
      !st)
    return st.error();
  return s;
}

// The models to judge: those asked for, else every model with stored answers that is not a
// baseline of these questions.
Expected<std::vector<std::string>> models_to_judge(const JudgeFlags& f, const ArenaQuestions& q,
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

int print_boards(const Store& store, const ArenaQuestions& q, const arena::AnswerIndex& answers,
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
      if (settings->judge.rule != arena::VerdictRule::v0_1) continue;
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
int print_boards(const Store& store, const ArenaQuestions& q, const arena::AnswerIndex& answers,
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

}  // namespace

ArenaSubcommand add_arena_judge(CLI::App& parent, const GlobalOptions& global) {
  auto flags = std::make_shared<JudgeFlags>();
  CLI::App* app = parent.add_subcommand(
      "judge", "Judge stored answers against the baseline in both orders, then show the table");
  app->add_option("-q,--questions", flags->questions, "question.jsonl (as given to `run`)")
      ->required();
  app->add_option("--judge", flags->judges, "Judge model as NAME=KIND:TARGET (repeatable: pooled)")
      ->required();
  app->add_option("-m,--model", flags->models,
                  "Judged model name (repeatable; default: every stored model but the baselines)");
  app->add_option("--baseline", flags->baselines,
                  "CATEGORY=MODEL (repeatable; defaults: arena-hard-v0.1=gpt-4-0314, "
                  "hard_prompt=o3-mini-2025-01-31, creative_writing=gemini-2.0-flash-001)");
  app->add_option("--category", flags->category, "Only questions of this category");
  app->add_option("--rule", flags->rule, "Verdict rule: v2.0 or v0.1")->capture_default_str();
  app->add_option("--judge-system", flags->system_prompt_file, "File with the judge system prompt")
      ->check(CLI::ExistingFile);
  app->add_option("--judge-template", flags->template_file,
                  "File with the judge user template ({question}, {answer_a}, {answer_b})")
      ->check(CLI::ExistingFile);
  app->add_option("--judge-max-tokens", flags->judge_max_tokens, "Judge max tokens (default 16000)")
      ->check(kPositive);
  app->add_option("--judge-temperature", flags->judge_temperature, "Judge temperature (default 0)");
  app->add_option("-j,--concurrency", flags->concurrency, "Judge requests in flight")
      ->capture_default_str()
      ->check(kPositive);
  app->add_option("--rpm", flags->rpm, "Requests per minute limit (default: none)")
      ->check(kNonNegative);
  app->add_option("--max-attempts", flags->max_attempts, "Attempts per request incl. retries")
      ->capture_default_str()
      ->check(kPositive);
  app->add_option("--timeout-ms", flags->timeout_ms, "Per-request timeout in ms")->check(kPositive);
  return {app, [flags, &global] { return judge_answers(*flags, global); }};
}

}  // namespace ys::cli
