#include "judge/stats/run_comparison.h"

#include <map>

#include "judge/stats/hypothesis.h"

namespace ys {
namespace {

// suite -> the last run of `model` on it.
std::map<std::string, const RunSummary*> last_runs(const std::vector<RunSummary>& runs,
                                                   const std::string& model) {
  std::map<std::string, const RunSummary*> out;
  for (const RunSummary& run : runs)
    if (run.model == model) out[run.suite] = &run;
  return out;
}

std::vector<SampleRow> rows_of(const std::vector<SampleRow>& samples, const std::string& run_id) {
  std::vector<SampleRow> out;
  for (const SampleRow& s : samples)
    if (s.run_id == run_id) out.push_back(s);
  return out;
}

std::vector<SampleRow> in_category(const std::vector<SampleRow>& rows, const std::string& cat) {
  std::vector<SampleRow> out;
  for (const SampleRow& s : rows)
    if (s.category == cat) out.push_back(s);
  return out;
}

void adjust(std::vector<ComparisonRow>& rows, const std::vector<size_t>& family) {
  std::vector<double> p;
  for (size_t i : family) p.push_back(rows[i].result.p_value);
  const std::vector<double> adjusted = holm_adjust(p);
  for (size_t k = 0; k < family.size(); ++k) rows[family[k]].p_adjusted = adjusted[k];
}

// Appends the suite row and its category rows; returns the category rows' indices.
std::vector<size_t> add_suite(std::vector<ComparisonRow>& out, const RunSummary& ra,
                              const RunSummary& rb, const std::vector<SampleRow>& a,
                              const std::vector<SampleRow>& b, const PairedOptions& options) {
  const bool same = ra.dataset_fingerprint == rb.dataset_fingerprint;
  out.push_back({ra.suite, "", ra.run_id, rb.run_id, compare_paired(a, b, options, same), 1});
  std::map<std::string, bool> categories;
  for (const SampleRow& s : a)
    if (!s.category.empty()) categories[s.category] = true;
  for (const SampleRow& s : b)
    if (!s.category.empty()) categories[s.category] = true;
  std::vector<size_t> family;
  for (const auto& [cat, unused] : categories) {
    family.push_back(out.size());
    out.push_back({ra.suite, cat, ra.run_id, rb.run_id,
                   compare_paired(in_category(a, cat), in_category(b, cat), options, same), 1});
  }
  return family;
}

}  // namespace

std::vector<ComparisonRow> compare_models(const std::vector<RunSummary>& runs,
                                          const std::vector<SampleRow>& samples,
                                          const std::string& model_a, const std::string& model_b,
                                          const PairedOptions& options) {
  const auto runs_a = last_runs(runs, model_a);
  const auto runs_b = last_runs(runs, model_b);
  std::vector<ComparisonRow> out;
  std::vector<size_t> suite_rows;
  std::vector<SampleRow> pooled_a, pooled_b;
  bool pooled_same = true;
  for (const auto& [suite, ra] : runs_a) {
    const auto found = runs_b.find(suite);
    if (found == runs_b.end()) continue;
    const RunSummary& rb = *found->second;
    std::vector<SampleRow> a = rows_of(samples, ra->run_id), b = rows_of(samples, rb.run_id);
    suite_rows.push_back(out.size());
    adjust(out, add_suite(out, *ra, rb, a, b, options));
    pooled_same = pooled_same && ra->dataset_fingerprint == rb.dataset_fingerprint;
    for (SampleRow& s : a) s.item_id = suite + "\n" + s.item_id;
    for (SampleRow& s : b) s.item_id = suite + "\n" + s.item_id;
    pooled_a.insert(pooled_a.end(), a.begin(), a.end());
    pooled_b.insert(pooled_b.end(), b.begin(), b.end());
  }
  adjust(out, suite_rows);
  if (suite_rows.size() >= 2) {
    ComparisonRow overall{"overall", "", "", "", {}, 1};
    overall.result = compare_paired(pooled_a, pooled_b, options, pooled_same);
    overall.p_adjusted = overall.result.p_value;
    out.push_back(overall);
  }
  return out;
}

}  // namespace ys
