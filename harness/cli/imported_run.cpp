#include "harness/cli/imported_run.h"

#include "harness/cli/version.h"
#include "harness/run/runner.h"

namespace ys::cli {

RunRecord imported_run_record(const std::string& identity, const std::string& model,
                              const SuiteInfo& info, Json config, int64_t n_items) {
  RunRecord run;
  run.run_id = make_run_id(identity, info, GenParams{});
  run.model_name = model;
  run.model_identity = identity;
  run.backend_kind = "import";
  run.suite_name = info.name;
  run.protocol_version = info.protocol_version;
  run.dataset_fingerprint = info.dataset_fingerprint;
  run.suite_config = info.config;
  run.harness_version = build_version();
  run.harness_commit = build_commit();
  run.config = std::move(config);
  run.n_items = n_items;
  run.status = "complete";
  return run;
}

}  // namespace ys::cli
