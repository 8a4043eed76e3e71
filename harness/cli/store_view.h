// Loads what reports need from the store: run summaries (aggregated by judge/stats) and, when
// asked, every sample. Filters select runs by suite and model name (empty = all).
#pragma once

#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/store/store.h"
#include "reports/report_data.h"

namespace ys::cli {

struct RunFilter {
  std::vector<std::string> suites;  // suite names, e.g. "custom:sample"
  std::vector<std::string> models;  // model display names
  std::vector<std::string> run_ids;
};

bool matches(const RunFilter& filter, const RunRecord& run);

Expected<ReportData> load_report_data(const Store& store, const RunFilter& filter,
                                      bool with_samples);

// Opens an existing store for reading; a missing file is an error (reports never create one).
Expected<std::unique_ptr<Store>> open_existing_store(const std::string& path);

}  // namespace ys::cli
