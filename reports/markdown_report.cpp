#include "reports/markdown_report.h"

#include "judge/stats/hypothesis.h"
#include "judge/stats/run_comparison.h"
#include "reports/comparison_table.h"
#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys {
namespace {

std::string points(double fraction) {
  const std::string text = format_percent(fraction);
  if (text == "0.0" || text == "-0.0") return "0.0";
  return fraction > 0 ? "+" + text : text;
}

// With a price table in the config, a cost column in dollars ("-" for a model without a price).
std::string leaderboard(const ReportData& data, const std::vector<const RunSummary*>& runs) {
  const bool with_cost = !data.prices.empty();
  std::string out = std::string("| # | Model | Score | 95% CI | Answered | Errors | Unparsed |") +
                    (with_cost ? " Cost ($) |" : "") +
                    "\n| ---: | --- | ---: | --- | ---: | ---: | ---: |" +
                    (with_cost ? " ---: |" : "") + "\n";
  int rank = 0;
  for (const RunSummary* r : runs) {
    out += "| " + std::to_string(++rank) + " | " + markdown_cell(r->model) + " | " +
           format_percent(r->score.mean) + " | " + format_ci_percent(r->score) + " | " +
           std::to_string(r->n_done) + "/" + std::to_string(r->n_items) + " | " +
           std::to_string(r->n_errors) + " | " + std::to_string(r->n_unparsed) + " |";
    if (with_cost) {
      const std::optional<double> cost = run_cost_usd(data, *r);
      out += " " + (cost ? format_fixed(*cost, 2) : std::string("-")) + " |";
    }
    out += "\n";
  }
  return out;
}

// Each run after the first against the first (the suite's top run), Holm over these comparisons.
std::string against_top(const ReportData& data, const std::vector<const RunSummary*>& runs) {
  const RunSummary& top = *runs.front();
  std::vector<RunSummary> pair_runs;
  std::vector<PairedComparison> results;
  for (size_t i = 1; i < runs.size(); ++i) {
    const std::vector<RunSummary> two = {top, *runs[i]};
    const auto rows = compare_models(two, data.samples, runs[i]->model, top.model);
    results.push_back(rows.empty() ? PairedComparison{} : rows.front().result);
  }
  std::vector<double> p;
  for (const PairedComparison& c : results) p.push_back(c.p_value);
  const std::vector<double> adjusted = holm_adjust(p);
  std::string out = "Each model against the top one (" + markdown_cell(top.model) +
                    "), delta in points:\n\n"
                    "| Model | Delta | 95% CI | p | p (Holm) | Test |\n"
                    "| --- | ---: | --- | ---: | ---: | --- |\n";
  std::string warnings;
  for (size_t i = 0; i < results.size(); ++i) {
    const PairedComparison& c = results[i];
    const std::string& model = runs[i + 1]->model;
    out += "| " + markdown_cell(model) + " | " + points(c.diff) + " | [" + points(c.ci_low) + ", " +
           points(c.ci_high) + "] | " + format_p_value(c.p_value) + " | " +
           format_p_value(adjusted[i]) + " | " + markdown_cell(c.method) + " |\n";
    if (!c.paired && c.n_a + c.n_b > 0)
      warnings += "- " + markdown_cell(model + ": " + unpaired_warning(c, model, top.model)) + "\n";
  }
  return out + (warnings.empty() ? "" : "\n" + warnings);
}

}  // namespace

std::string render_markdown_report(const ReportData& data, const ReportOptions& options) {
  (void)options;
  std::string out = "# yardstick report\n\nGenerated " + markdown_cell(data.generated_at) +
                    " by yardstick " + markdown_cell(data.harness_version) + ".\n";
  const std::vector<const RunSummary*> ordered = leaderboard_order(data.runs);
  for (size_t i = 0; i < ordered.size();) {
    std::vector<const RunSummary*> suite_runs;
    const std::string& suite = ordered[i]->suite;
    while (i < ordered.size() && ordered[i]->suite == suite) suite_runs.push_back(ordered[i++]);
    out += "\n## " + markdown_cell(suite) + "\n\n" + leaderboard(data, suite_runs);
    if (suite_runs.size() >= 2 && !data.samples.empty())
      out += "\n" + against_top(data, suite_runs);
  }
  if (!data.notes.empty()) out += "\n## Notes\n\n";
  for (const std::string& note : data.notes) out += "- " + markdown_cell(note) + "\n";
  return out;
}

}  // namespace ys
