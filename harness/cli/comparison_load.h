// Loads two models' runs and samples from the store and compares them (judge/stats/
// run_comparison.h), for `compare` and `gate --baseline`. Errors: the store cannot be read, a
// model has no run matching the suite filter, or the two share no suite.
#pragma once

#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/store/store.h"
#include "reports/comparison_table.h"

namespace ys::cli {

// Rows are compare_models(.., candidate, baseline): delta = candidate - baseline.
Expected<ComparisonView> load_comparison(const Store& store, const std::string& baseline,
                                         const std::string& candidate,
                                         const std::vector<std::string>& suites,
                                         const PairedOptions& stats, double alpha);

}  // namespace ys::cli
