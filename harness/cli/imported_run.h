// The run record of outputs imported from published files (no backend was called): backend kind
// "import", status complete, this harness's version, and a run id derived as for any run.
#pragma once

#include <cstdint>
#include <string>

#include "harness/core/suite.h"
#include "harness/store/store.h"

namespace ys::cli {

RunRecord imported_run_record(const std::string& identity, const std::string& model,
                              const SuiteInfo& info, Json config, int64_t n_items);

}  // namespace ys::cli
