#include "harness/cli/comparison_load.h"

#include <algorithm>

#include "harness/cli/store_view.h"

namespace ys::cli {

Expected<ComparisonView> load_comparison(const Store& store, const std::string& baseline,
                                         const std::string& candidate,
                                         const std::vector<std::string>& suites,
                                         const PairedOptions& stats, double alpha) {
  RunFilter filter;
  filter.suites = suites;
  filter.models = {baseline, candidate};
  auto data = load_report_data(store, filter, true);
  if (!data) return data.error();
  for (const std::string& model : filter.models) {
    const bool found = std::any_of(data->runs.begin(), data->runs.end(),
                                   [&](const RunSummary& r) { return r.model == model; });
    if (!found) return Error{"no stored runs of model '" + model + "' match"};
  }
  ComparisonView view{baseline, candidate, {}, alpha};
  view.rows = compare_models(data->runs, data->samples, candidate, baseline, stats);
  if (view.rows.empty())
    return Error{"models '" + baseline + "' and '" + candidate + "' share no suite"};
  return view;
}

}  // namespace ys::cli
