// `yardstick run`: plans, runs and scores suites against models, then prints the leaderboard of
// the runs it touched. Bad input is rejected before the store is opened, so nothing is written.
#include <iostream>
#include <memory>

#include "backends/registry.h"
#include "harness/cli/commands.h"
#include "harness/cli/interrupt.h"
#include "harness/cli/store_view.h"
#include "harness/cli/suite_run.h"
#include "harness/cli/version.h"
#include "harness/config/config.h"
#include "harness/core/json_parse.h"
#include "harness/run/runner.h"
#include "reports/report_format.h"
#include "reports/terminal_table.h"
#include "suites/registry.h"

namespace ys::cli {

namespace {

struct RunFlags {
  std::string config_path;
  std::vector<std::string> suites, models;
  std::optional<int> concurrency, max_attempts, timeout_ms, max_tokens, top_k;
  std::optional<double> rpm, tpm, temperature, top_p, fail_under, max_retry_wait_s;
  std::optional<int64_t> seed;
  std::vector<std::string> stop, suite_opts;
  std::string reasoning_effort, shard;
  bool no_retry_errors = false;
};

template <typename T>
void override_if(std::optional<T>& dst, const std::optional<T>& src) {
  if (src) dst = src;
}

Expected<RunConfig> build_config(const RunFlags& f) {
  RunConfig cfg;
  if (!f.config_path.empty()) {
    auto loaded = load_config(f.config_path);
    if (!loaded) return loaded.error();
    cfg = *loaded;
  }
  for (const auto& m : f.models) {
    auto spec = parse_model_spec(m);
    if (!spec) return Error{"--model: " + spec.error().message};
    cfg.models.push_back(*spec);
  }
  for (const auto& s : f.suites) {
    auto spec = parse_suite_spec(s);
    if (!spec) return Error{"--suite: " + spec.error().message};
    cfg.suites.push_back(*spec);
  }
  for (const auto& kv : f.suite_opts) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error{"--suite-opt '" + kv + "': expected KEY=VALUE"};
    auto parsed = parse_json(kv.substr(eq + 1));
    if (!parsed && find_json_too_deep(kv.substr(eq + 1)))
      return Error{"--suite-opt '" + kv.substr(0, eq) + "': " + parsed.error().message};
    Json value = parsed ? std::move(*parsed) : Json(kv.substr(eq + 1));  // a bare word: a string
    for (auto& s : cfg.suites) s.options[kv.substr(0, eq)] = value;
  }
  if (f.concurrency) cfg.concurrency = *f.concurrency;
  if (f.max_attempts) cfg.max_attempts = *f.max_attempts;
  if (f.rpm) cfg.requests_per_minute = *f.rpm;
  if (f.tpm) cfg.tokens_per_minute = *f.tpm;
  override_if(cfg.timeout_ms, f.timeout_ms);
  override_if(cfg.fail_under, f.fail_under);
  if (f.max_retry_wait_s) cfg.max_retry_wait_s = *f.max_retry_wait_s;
  override_if(cfg.params.temperature, f.temperature);
  override_if(cfg.params.top_p, f.top_p);
  override_if(cfg.params.top_k, f.top_k);
  override_if(cfg.params.max_tokens, f.max_tokens);
  override_if(cfg.params.seed, f.seed);
  if (!f.stop.empty()) cfg.params.stop = f.stop;
  if (!f.reasoning_effort.empty()) cfg.params.reasoning_effort = f.reasoning_effort;
  if (f.no_retry_errors) cfg.retry_errors = false;
  if (cfg.models.empty())
    return Error{"no model given: use --model NAME=KIND:TARGET or a config file"};
  if (cfg.suites.empty()) return Error{"no suite given: use --suite KIND:PATH or a config file"};
  for (size_t i = 0; i < cfg.models.size(); ++i)
    for (size_t j = i + 1; j < cfg.models.size(); ++j)
      if (cfg.models[i].name == cfg.models[j].name)
        return Error{"two models are named '" + cfg.models[i].name + "'; give them distinct names"};
  return cfg;
}

// A suite may list what it skipped or noticed in its config's "notes" (e.g. livebench: tasks
// without a scorer); they are shown before the run starts.
void print_suite_notes(const SuiteInfo& info) {
  auto notes = info.config.find("notes");
  if (notes == info.config.end() || !notes->is_array()) return;
  for (const Json& n : *notes)
    if (n.is_string()) std::cerr << "note: " << info.name << ": " << n.get<std::string>() << "\n";
}

// Two names for one model (same backend identity, same sampling params) would make one run, shown
// under whichever name ran last: the first would silently disappear from the leaderboard.
Status refuse_same_model(const std::vector<ModelSpec>& models,
                         const std::vector<std::unique_ptr<Backend>>& backends,
                         const GenParams& run_params) {
  for (size_t i = 0; i < models.size(); ++i) {
    for (size_t j = i + 1; j < models.size(); ++j) {
      if (backends[i]->identity() != backends[j]->identity() ||
          merge_params(models[i].params, run_params) != merge_params(models[j].params, run_params))
        continue;
      return Error{"models '" + models[i].name + "' and '" + models[j].name +
                   "' are the same model (" + backends[i]->identity() +
                   ") with the same params, so they would be one run; give it once"};
    }
  }
  return ok_status();
}

Json invocation_json(const RunFlags& f, const RunConfig& cfg) {
  Json j = {{"models", f.models}, {"suites", f.suites}};
  if (!f.config_path.empty()) j["config_file"] = f.config_path;
  j["config"] = cfg.raw;
  return j;
}

int execute(const RunFlags& flags, const GlobalOptions& global) {
  auto cfg = build_config(flags);
  if (!cfg) return fail(kExitBadInput, cfg.error().message);
  Shard shard;
  if (!flags.shard.empty()) {
    auto parsed = parse_shard(flags.shard);
    if (!parsed) return fail(kExitBadInput, parsed.error().message);
    shard = *parsed;
  }
  std::string db_path = cfg->db && global.db == "yardstick.db" ? *cfg->db : global.db;

  // Everything that can be wrong with the input is found before the store is touched.
  std::vector<std::unique_ptr<Suite>> suites;
  for (const auto& spec : cfg->suites) {
    auto suite = make_suite(spec);
    if (!suite) return fail(kExitBadInput, suite.error().message);
    if (!global.quiet) print_suite_notes((*suite)->info());
    suites.push_back(std::move(*suite));
  }
  BackendContext ctx = default_backend_context();
  std::vector<std::unique_ptr<Backend>> backends;
  for (auto& spec : cfg->models) {
    auto backend = make_model_backend(spec, cfg->timeout_ms, ctx);
    if (!backend) return fail(kExitBadInput, backend.error().message);
    backends.push_back(std::move(*backend));
  }
  if (auto st = refuse_same_model(cfg->models, backends, cfg->params); !st)
    return fail(kExitBadInput, st.error().message);

  auto store = Store::open(db_path);
  if (!store) return fail(kExitBadInput, store.error().message);

  RunSettings settings;
  settings.scheduler.concurrency = cfg->concurrency;
  settings.scheduler.requests_per_minute = cfg->requests_per_minute;
  settings.scheduler.tokens_per_minute = cfg->tokens_per_minute;
  settings.scheduler.max_attempts = cfg->max_attempts;
  settings.scheduler.max_retry_wait_ms = cfg->max_retry_wait_s * 1000.0;
  settings.params = cfg->params;
  settings.retry_errors = cfg->retry_errors;
  settings.harness_version = build_version();
  settings.harness_commit = build_commit();
  settings.config = invocation_json(flags, *cfg);
  settings.shard = shard;

  const std::atomic<bool>* interrupted = install_interrupt_handler();
  RunFilter touched;
  int exit_code = kExitOk;
  for (size_t si = 0; si < suites.size() && exit_code == kExitOk; ++si) {
    for (size_t mi = 0; mi < backends.size() && exit_code == kExitOk; ++mi) {
      const ModelSpec& model = cfg->models[mi];
      SuiteRunResult r =
          run_suite_from_cli(**store, *backends[mi], model, *suites[si], settings, global,
                             interrupted, model.name + " on " + suites[si]->info().name);
      if (r.run_id.empty()) return r.exit_code;
      touched.run_ids.push_back(r.run_id);
      exit_code = r.exit_code;
    }
  }

  auto data = load_report_data(**store, touched, false);
  if (!data) return fail(kExitRunFailed, data.error().message);
  std::cout << render_terminal_table(*data, terminal_options());
  if (exit_code == kExitOk && cfg->fail_under) {
    for (const auto& run : data->runs) {
      if (run.score.mean < *cfg->fail_under) {
        std::cerr << "yardstick: gate failed: " << run.model << " on " << run.suite << " scored "
                  << run.score.mean << " < " << *cfg->fail_under << "\n";
        exit_code = kExitGateFailed;
      }
    }
  }
  return exit_code;
}

}  // namespace

CommandRunner setup_run(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<RunFlags>();
  sub.add_option("-c,--config", f->config_path, "YAML config with models, suites and settings")
      ->check(CLI::ExistingFile);
  sub.add_option("-s,--suite", f->suites,
                 "Suite as KIND:PATH, e.g. custom:suite.jsonl (repeatable)");
  sub.add_option("-m,--model", f->models,
                 "Model as NAME=KIND:TARGET, e.g. gpt4o=openai:gpt-4o-mini (repeatable)");
  sub.add_option("--suite-opt", f->suite_opts,
                 "Suite option KEY=VALUE for every suite (repeatable)");
  sub.add_option("-j,--concurrency", f->concurrency, "Requests in flight per model (default 8)")
      ->check(kPositive);
  sub.add_option("--rpm", f->rpm, "Requests per minute limit (default: none)")->check(kNonNegative);
  sub.add_option("--tpm", f->tpm, "Tokens per minute limit (default: none)")->check(kNonNegative);
  sub.add_option("--max-attempts", f->max_attempts,
                 "Attempts per request incl. retries (default 5)")
      ->check(kPositive);
  sub.add_option("--timeout-ms", f->timeout_ms, "Per-request timeout in ms (default 600000)")
      ->check(kPositive);
  sub.add_option("--temperature", f->temperature, "Sampling temperature (default: suite/backend)")
      ->check(kNonNegative);
  sub.add_option("--top-p", f->top_p, "Nucleus sampling mass (0..1]")->check(kProbabilityMass);
  sub.add_option("--top-k", f->top_k, "Top-k sampling (local engine)");
  sub.add_option("--max-tokens", f->max_tokens, "Max new tokens")->check(kPositive);
  sub.add_option("--seed", f->seed, "Sampling seed");
  sub.add_option("--stop", f->stop, "Stop string (repeatable)");
  sub.add_option("--reasoning-effort", f->reasoning_effort,
                 "low | medium | high (reasoning models)")
      ->check(CLI::IsMember({"low", "medium", "high"}));
  sub.add_flag("--no-retry-errors", f->no_retry_errors,
               "Keep stored errored answers instead of retrying them");
  sub.add_option("--fail-under", f->fail_under,
                 "Exit 1 when any run's score is below this (0..1), for CI gates")
      ->check(kUnitInterval);
  sub.add_option("--shard", f->shard,
                 "Run only shard INDEX/COUNT of every suite's items (index from 0), e.g. "
                 "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT; merge the shards' stores with "
                 "`yardstick merge` (docs/scale-out.md)");
  sub.add_option("--max-retry-wait", f->max_retry_wait_s,
                 "Longest Retry-After honoured, in seconds (default 300); a longer one fails the "
                 "request as retry_wait_too_long")
      ->check(kNonNegative);
  return [f, &global] { return execute(*f, global); };
}

}  // namespace ys::cli
