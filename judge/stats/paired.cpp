#include "judge/stats/paired.h"

#include <cmath>
#include <map>

#include "judge/stats/bootstrap.h"
#include "judge/stats/ci.h"
#include "judge/stats/hypothesis.h"

namespace ys {
namespace {

double counted_score(const SampleRow& row) {
  if (row.status == ScoreStatus::error || !std::isfinite(row.score)) return 0.0;
  return row.score;
}

// Item id -> counted score, first row of an id wins; `order` keeps the ids in input order.
std::map<std::string, double> scores_by_item(const std::vector<SampleRow>& rows,
                                             std::vector<std::string>& order) {
  std::map<std::string, double> out;
  for (const SampleRow& row : rows) {
    if (out.emplace(row.item_id, counted_score(row)).second) order.push_back(row.item_id);
  }
  return out;
}

double resampled_mean(const std::vector<double>& v, stats::BootstrapRng& rng) {
  double sum = 0.0;
  for (size_t i = 0; i < v.size(); ++i) sum += v[rng.index(v.size())];
  return sum / static_cast<double>(v.size());
}

Interval percentile_interval(const std::vector<double>& means) {
  return {stats::quantile_linear(means, 0.025), stats::quantile_linear(means, 0.975)};
}

void fill_paired(const std::vector<double>& va, const std::vector<double>& vb,
                 const PairedOptions& options, PairedComparison& out) {
  std::vector<double> diffs(va.size());
  for (size_t i = 0; i < va.size(); ++i) {
    diffs[i] = va[i] - vb[i];
    if (diffs[i] > 0) ++out.won;
    if (diffs[i] < 0) ++out.lost;
    if (diffs[i] == 0) ++out.tied;
    if (va[i] == 1.0 && vb[i] == 0.0) ++out.a_only_right;
    if (va[i] == 0.0 && vb[i] == 1.0) ++out.b_only_right;
  }
  const Interval ci = bootstrap_mean_interval(diffs, options.bootstrap_rounds, options.seed);
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  if (all_binary(va) && all_binary(vb)) {
    out.method = "mcnemar-exact";
    out.p_value = mcnemar_exact_p(out.a_only_right, out.b_only_right);
    return;
  }
  bool exact = false;
  out.p_value = sign_flip_p(diffs, options.permutation_rounds, options.seed + 1, &exact);
  out.method = exact ? "sign-flip-exact" : "sign-flip-sampled";
}

std::string unpaired_reason(const PairedComparison& c, bool same_dataset) {
  if (!same_dataset) return "the runs come from different datasets (fingerprints differ)";
  return "the item sets differ (" + std::to_string(c.n_only_a) + " only in A, " +
         std::to_string(c.n_only_b) + " only in B, " + std::to_string(c.n_common) + " shared)";
}

}  // namespace

Interval bootstrap_mean_interval(const std::vector<double>& values, int rounds, uint64_t seed) {
  const double mean = mean_of(values);
  if (values.empty() || rounds < 1) return {mean, mean};
  stats::BootstrapRng rng(seed);
  std::vector<double> means(static_cast<size_t>(rounds));
  for (double& m : means) m = resampled_mean(values, rng);
  return percentile_interval(means);
}

Interval bootstrap_diff_interval(const std::vector<double>& a, const std::vector<double>& b,
                                 int rounds, uint64_t seed) {
  const double diff = mean_of(a) - mean_of(b);
  if (a.empty() || b.empty() || rounds < 1) return {diff, diff};
  stats::BootstrapRng rng(seed);
  std::vector<double> diffs(static_cast<size_t>(rounds));
  for (double& d : diffs) {
    const double ma = resampled_mean(a, rng);
    d = ma - resampled_mean(b, rng);
  }
  return percentile_interval(diffs);
}

PairedComparison compare_paired(const std::vector<SampleRow>& a, const std::vector<SampleRow>& b,
                                const PairedOptions& options, bool same_dataset) {
  std::vector<std::string> order_a, order_b;
  const auto by_a = scores_by_item(a, order_a);
  const auto by_b = scores_by_item(b, order_b);
  PairedComparison out;
  out.n_a = static_cast<int64_t>(by_a.size());
  out.n_b = static_cast<int64_t>(by_b.size());
  std::vector<double> va, vb;  // common items, in A's order
  for (const std::string& id : order_a) {
    const auto found = by_b.find(id);
    if (found == by_b.end()) continue;
    va.push_back(by_a.at(id));
    vb.push_back(found->second);
  }
  out.n_common = static_cast<int64_t>(va.size());
  out.n_only_a = out.n_a - out.n_common;
  out.n_only_b = out.n_b - out.n_common;
  out.same_dataset = same_dataset;
  out.paired = same_dataset && out.n_only_a == 0 && out.n_only_b == 0;
  if (out.paired) {
    out.mean_a = mean_of(va);
    out.mean_b = mean_of(vb);
    out.diff = out.mean_a - out.mean_b;
    if (out.n_common < 2) {
      out.ci_low = out.ci_high = out.diff;
      out.method = "none";
      return out;
    }
    fill_paired(va, vb, options, out);
    return out;
  }
  out.warning = "unpaired comparison: " + unpaired_reason(out, same_dataset);
  std::vector<double> all_a, all_b;
  for (const std::string& id : order_a) all_a.push_back(by_a.at(id));
  for (const std::string& id : order_b) all_b.push_back(by_b.at(id));
  out.mean_a = mean_of(all_a);
  out.mean_b = mean_of(all_b);
  out.diff = out.mean_a - out.mean_b;
  const Interval ci = bootstrap_diff_interval(all_a, all_b, options.bootstrap_rounds, options.seed);
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  const bool testable = all_a.size() >= 2 && all_b.size() >= 2;
  out.method = testable ? "welch-t" : "none";
  out.p_value = testable ? welch_t_p(all_a, all_b) : 1.0;
  return out;
}

}  // namespace ys
