// Comparison of two models over the stored runs they share: one row per suite both ran, one per
// category inside it, and, with more than one shared suite, an "overall" row over the pooled items
// (item ids qualified by suite). Each row is a compare_paired result (judge/stats/paired.h).
//
// Which runs: for each suite, the last run (in input order) of each model. Paired when the two
// runs' dataset fingerprints are equal and their item sets coincide; otherwise unpaired with the
// row's warning. Multiple testing: Holm's adjustment (judge/stats/hypothesis.h) over the suite rows
// together, and over the category rows of each suite together; the overall row is one test of its
// own (adjusted p = p). Pure, thread-safe, never throws.
#pragma once

#include <string>
#include <vector>

#include "harness/core/results.h"
#include "judge/stats/paired.h"

namespace ys {

struct ComparisonRow {
  std::string suite;     // "overall" for the pooled row
  std::string category;  // empty for a whole suite (or overall)
  std::string run_a, run_b;
  PairedComparison result;
  double p_adjusted = 1;  // Holm-adjusted p-value (see above)
};

// Rows in order: per suite (sorted by name) the suite row then its category rows (sorted), then
// the overall row when there are two or more suites. Empty when the models share no suite.
std::vector<ComparisonRow> compare_models(const std::vector<RunSummary>& runs,
                                          const std::vector<SampleRow>& samples,
                                          const std::string& model_a, const std::string& model_b,
                                          const PairedOptions& options = {});

}  // namespace ys
