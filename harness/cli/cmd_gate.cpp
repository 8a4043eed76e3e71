// `yardstick gate`: a CI quality gate over stored runs. Two rules, either or both:
// - absolute: every selected run scores at least --min-score (and, with --max-error-rate, errs at
//   most that often);
// - baseline: --candidate is not worse than --baseline by more than --max-drop points with
//   significance at --alpha (harness/cli/gate_baseline.h).
// Exit 0 when every check passes, 1 otherwise; --junit writes one testcase per check.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/cli/comparison_load.h"
#include "harness/cli/gate_baseline.h"
#include "harness/cli/store_view.h"

namespace ys::cli {

namespace {
struct Flags {
  RunFilter filter;
  std::optional<double> min_score;
  std::optional<double> max_error_rate;
  bool use_ci_low = false;
  std::string baseline, candidate;
  BaselineRule rule;
  PairedOptions stats;
  std::string junit;
};

std::vector<GateCheck> absolute_checks(const ReportData& data, const Flags& f) {
  std::vector<GateCheck> out;
  for (const auto& run : data.runs) {
    double value = f.use_ci_low ? run.score.ci_low : run.score.mean;
    double error_rate = run.n_done ? static_cast<double>(run.n_errors) / run.n_done : 0.0;
    GateCheck check{"min-score", run.model + " on " + run.suite, true, "min-score", ""};
    check.passed = value >= *f.min_score && run.n_done == run.n_items &&
                   (!f.max_error_rate || error_rate <= *f.max_error_rate);
    std::ostringstream line;
    line << "score " << value << " (min " << *f.min_score << "), errors " << run.n_errors << "/"
         << run.n_done << ", answered " << run.n_done << "/" << run.n_items;
    check.message = line.str();
    out.push_back(check);
  }
  return out;
}

int absolute_gate(const Store& store, const Flags& f, std::vector<GateCheck>& checks) {
  RunFilter filter = f.filter;
  if (filter.models.empty() && !f.candidate.empty()) filter.models = {f.candidate};
  auto data = load_report_data(store, filter, false);
  if (!data) return fail(kExitRunFailed, data.error().message);
  if (data->runs.empty()) return fail(kExitBadInput, "no stored runs match the gate's filters");
  for (const GateCheck& c : absolute_checks(*data, f)) checks.push_back(c);
  return kExitOk;
}

int baseline_gate(const Store& store, const Flags& f, std::vector<GateCheck>& checks) {
  auto view =
      load_comparison(store, f.baseline, f.candidate, f.filter.suites, f.stats, f.rule.alpha);
  if (!view) return fail(kExitBadInput, view.error().message);
  for (const ComparisonRow& row : view->rows)
    if (!row.result.paired && row.category.empty())
      std::cout << "warning: " << row.suite << ": "
                << unpaired_warning(row.result, f.candidate, f.baseline) << "\n";
  for (const GateCheck& c : baseline_checks(*view, f.rule)) checks.push_back(c);
  return kExitOk;
}

// "gate: passed (3 checks; rules: no-significant-change, min-score)"; on failure only the rules of
// the failed checks are named.
std::string summary_line(const std::vector<GateCheck>& checks, int failed) {
  std::vector<std::string> rules;
  for (const GateCheck& c : checks) {
    if (failed && c.passed) continue;
    if (std::find(rules.begin(), rules.end(), c.rule) == rules.end()) rules.push_back(c.rule);
  }
  std::string names;
  for (const std::string& r : rules) names += (names.empty() ? "" : ", ") + r;
  if (failed)
    return "gate: FAILED (" + std::to_string(failed) + " of " + std::to_string(checks.size()) +
           " checks; rules: " + names + ")";
  return "gate: passed (" + std::to_string(checks.size()) + " checks; rules: " + names + ")";
}

void add_baseline_flags(CLI::App& sub, Flags& f) {
  auto* base = sub.add_option("--baseline", f.baseline, "Baseline model for the drop rule");
  auto* cand = sub.add_option("--candidate", f.candidate, "Candidate model for the drop rule");
  base->needs(cand);
  cand->needs(base);
  sub.add_option("--max-drop", f.rule.max_drop_points,
                 "Largest tolerated drop of the candidate, in points (default 0)")
      ->check(kNonNegative);
  sub.add_option("--alpha", f.rule.alpha, "Significance level of the drop rule (default 0.05)")
      ->check(CLI::Range(0.0, 1.0));
  sub.add_option("--rounds", f.stats.bootstrap_rounds, "Bootstrap resamples for the 95% CI")
      ->check(CLI::Range(1, 1000000));
  sub.add_option("--seed", f.stats.seed, "Seed of the bootstrap and permutation draws");
}
}  // namespace

CommandRunner setup_gate(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("--min-score", f->min_score, "Lowest acceptable score (0..1)")
      ->check(kUnitInterval);
  sub.add_option("--max-error-rate", f->max_error_rate,
                 "Highest acceptable share of errored samples (0..1)")
      ->check(kUnitInterval);
  sub.add_flag("--ci-low", f->use_ci_low,
               "Compare the lower end of the 95% CI instead of the mean");
  sub.add_option("--suite", f->filter.suites, "Only these suites (repeatable)");
  sub.add_option("--model", f->filter.models, "Only these models (repeatable)");
  add_baseline_flags(sub, *f);
  sub.add_option("--junit", f->junit, "Also write the checks as JUnit XML to this file");
  return [f, &global] {
    if (!f->min_score && f->baseline.empty())
      return fail(kExitBadInput, "gate needs --min-score, --baseline/--candidate, or both");
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    std::vector<GateCheck> checks;
    if (f->min_score)
      if (int code = absolute_gate(**store, *f, checks); code != kExitOk) return code;
    if (!f->baseline.empty())
      if (int code = baseline_gate(**store, *f, checks); code != kExitOk) return code;
    int failed = 0;
    for (const GateCheck& c : checks) {
      std::cout << (c.passed ? "PASS " : "FAIL ") << c.name << ": " << c.message << "\n";
      failed += c.passed ? 0 : 1;
    }
    std::cout << summary_line(checks, failed) << "\n";
    if (!f->junit.empty()) {
      std::ofstream out(f->junit, std::ios::binary);
      out << render_gate_junit(checks);
      if (!out) return fail(kExitRunFailed, "cannot write '" + f->junit + "'");
    }
    return failed ? kExitGateFailed : kExitOk;
  };
}

}  // namespace ys::cli
