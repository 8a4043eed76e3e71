// Comparison of two runs of one suite (different models or settings): how much does A's score
// differ from B's, and is that more than chance explains? (docs/reports.md, "Paired comparison")
//
// Paired when both runs hold exactly the same item ids and come from the same dataset
// (same_dataset: equal dataset fingerprints): per-item differences d = a - b, the mean of d with a
// 95% paired bootstrap interval (percentiles 2.5/97.5 of `bootstrap_rounds` resampled means,
// BootstrapRng(seed)), and a two-sided p-value: the exact McNemar test when every score is 0 or 1,
// else the sign-flip permutation test (judge/stats/hypothesis.h, BootstrapRng(seed + 1)).
// Otherwise unpaired, with a warning saying why: difference of the two runs' means over all their
// items, an interval from resampling each run on its own (A's n_a draws, then B's n_b, per round),
// and Welch's t-test. As in aggregation, an errored sample or a non-finite score counts 0; a
// duplicated item id counts once (its first row). Pure, thread-safe, never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/results.h"
#include "judge/stats/ci.h"

namespace ys {

struct PairedOptions {
  int bootstrap_rounds = 2000;     // resamples for the interval; 0 gives the point itself
  int permutation_rounds = 10000;  // sign patterns sampled when the test cannot enumerate
  uint64_t seed = 1;
};

struct PairedComparison {
  bool paired = false;
  std::string warning;       // why the comparison is unpaired; empty when paired
  bool same_dataset = true;  // the same_dataset argument
  int64_t n_a = 0, n_b = 0;  // distinct items in each run
  int64_t n_common = 0;      // items in both runs
  int64_t n_only_a = 0, n_only_b = 0;
  double mean_a = 0, mean_b = 0;  // paired: over the common items; unpaired: over each run's own
  double diff = 0;                // mean_a - mean_b
  double ci_low = 0, ci_high = 0;
  int64_t won = 0, lost = 0, tied = 0;         // paired items where a > b, a < b, a == b
  int64_t a_only_right = 0, b_only_right = 0;  // discordant pairs (0/1 scores only)
  double p_value = 1;
  // "mcnemar-exact", "sign-flip-exact", "sign-flip-sampled", "welch-t", or "none" (fewer than two
  // items to compare).
  std::string method;
};

PairedComparison compare_paired(const std::vector<SampleRow>& a, const std::vector<SampleRow>& b,
                                const PairedOptions& options = {}, bool same_dataset = true);

// 95% percentile bootstrap interval of mean(values): `rounds` resamples of size n drawn with
// BootstrapRng(seed).index(n), quantiles 0.025/0.975 with linear interpolation. Empty values or
// rounds < 1: [mean, mean].
Interval bootstrap_mean_interval(const std::vector<double>& values, int rounds, uint64_t seed);

// The same for mean(a) - mean(b) of independent samples: each round draws a's resample, then b's.
Interval bootstrap_diff_interval(const std::vector<double>& a, const std::vector<double>& b,
                                 int rounds, uint64_t seed);

}  // namespace ys
