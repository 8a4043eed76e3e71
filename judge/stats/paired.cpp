#include "judge/stats/paired.h"

#include <cmath>
#include <map>

#include "judge/stats/ci.h"

namespace ys {
namespace {

double counted_score(const SampleRow& row) {
  if (row.status == ScoreStatus::error || !std::isfinite(row.score)) return 0.0;
  return row.score;
}

// Two-sided p-value of the paired t-test on the differences.
double paired_t_p(const std::vector<double>& diffs) {
  const double n = static_cast<double>(diffs.size());
  const double mean = mean_of(diffs);
  double squares = 0.0;
  for (double d : diffs) squares += (d - mean) * (d - mean);
  const double se = std::sqrt(squares / (n - 1.0) / n);
  if (se == 0.0) return mean == 0.0 ? 1.0 : 0.0;
  return 2.0 * student_t_cdf(-std::fabs(mean / se), n - 1.0);
}

}  // namespace

double mcnemar_exact_p(int64_t b, int64_t c) {
  const int64_t n = b + c;
  if (n <= 0) return 1.0;
  const int64_t k = std::min(b, c);
  // P(X <= k), X ~ Binomial(n, 1/2), summed in log space so large n does not overflow.
  double cdf = 0.0;
  for (int64_t i = 0; i <= k; ++i) {
    const double log_term = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) -
                            static_cast<double>(n) * std::log(2.0);
    cdf += std::exp(log_term);
  }
  return std::min(1.0, 2.0 * cdf);
}

PairedComparison compare_paired(const std::vector<SampleRow>& a, const std::vector<SampleRow>& b) {
  std::map<std::string, double> scores_b;
  for (const SampleRow& row : b) scores_b[row.item_id] = counted_score(row);
  PairedComparison out;
  std::vector<double> diffs, values_a, values_b;
  std::map<std::string, bool> seen_a;
  for (const SampleRow& row : a) {
    if (seen_a[row.item_id]) continue;  // a duplicated item id counts once
    seen_a[row.item_id] = true;
    const auto found = scores_b.find(row.item_id);
    if (found == scores_b.end()) {
      ++out.n_only_a;
      continue;
    }
    values_a.push_back(counted_score(row));
    values_b.push_back(found->second);
    diffs.push_back(values_a.back() - values_b.back());
    if (values_a.back() == 1.0 && values_b.back() == 0.0) ++out.a_only_right;
    if (values_a.back() == 0.0 && values_b.back() == 1.0) ++out.b_only_right;
  }
  out.n_common = static_cast<int64_t>(diffs.size());
  out.n_only_b = static_cast<int64_t>(scores_b.size()) - out.n_common;
  out.mean_a = mean_of(values_a);
  out.mean_b = mean_of(values_b);
  out.diff = out.mean_a - out.mean_b;
  if (out.n_common < 2) {
    out.ci_low = out.ci_high = out.diff;
    out.method = "none";
    return out;
  }
  const Interval ci = mean_interval(diffs);
  out.ci_low = ci.low;
  out.ci_high = ci.high;
  if (all_binary(values_a) && all_binary(values_b)) {
    out.method = "mcnemar-exact";
    out.p_value = mcnemar_exact_p(out.a_only_right, out.b_only_right);
  } else {
    out.method = "paired-t";
    out.p_value = paired_t_p(diffs);
  }
  return out;
}

}  // namespace ys
