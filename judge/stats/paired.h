// Paired comparison of two runs on the items they share (same suite, different models or
// settings): is A's score different from B's beyond what chance explains?
//
// Items are matched by item_id; items present in only one run are left out (n_only_a/n_only_b say
// how many). As in aggregation, a sample whose request errored, or whose score is not finite,
// counts 0. Interval: 95% paired Student-t interval of the per-item difference (A - B). p-value
// (two-sided): exact McNemar test when every score is 0 or 1 (binomial on the discordant pairs),
// else the paired t-test. Pure, thread-safe, never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/results.h"

namespace ys {

struct PairedComparison {
  int64_t n_common = 0;  // items in both runs
  int64_t n_only_a = 0, n_only_b = 0;
  double mean_a = 0, mean_b = 0;  // over the common items
  double diff = 0;                // mean_a - mean_b
  double ci_low = 0, ci_high = 0;
  int64_t a_only_right = 0, b_only_right = 0;  // discordant pairs (0/1 scores only)
  double p_value = 1;
  std::string method;  // "mcnemar-exact", "paired-t", or "none" (fewer than 2 common items)
};

PairedComparison compare_paired(const std::vector<SampleRow>& a, const std::vector<SampleRow>& b);

// Two-sided exact McNemar p-value for discordant counts b and c: min(1, 2 * P(X <= min(b, c)))
// with X ~ Binomial(b + c, 1/2). 1 when b + c = 0.
double mcnemar_exact_p(int64_t b, int64_t c);

}  // namespace ys
