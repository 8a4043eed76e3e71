// `yardstick runs`: lists stored runs with provenance, one per line (or JSON).
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/store_view.h"

namespace ys::cli {

CommandRunner setup_runs(CLI::App& sub, const GlobalOptions& global) {
  auto json = std::make_shared<bool>(false);
  sub.add_flag("--json", *json, "One JSON object per run");
  return [json, &global] {
    auto store = open_existing_store(global.db);
    if (!store) return fail(kExitBadInput, store.error().message);
    auto runs = (*store)->runs();
    if (!runs) return fail(kExitRunFailed, runs.error().message);
    for (const auto& r : *runs) {
      if (*json) {
        Json j = {{"run_id", r.run_id},
                  {"model", r.model_name},
                  {"model_identity", r.model_identity},
                  {"backend", r.backend_kind},
                  {"suite", r.suite_name},
                  {"protocol_version", r.protocol_version},
                  {"dataset_fingerprint", r.dataset_fingerprint},
                  {"params", r.params},
                  {"suite_config", r.suite_config},
                  {"config", r.config},
                  {"harness_version", r.harness_version},
                  {"harness_commit", r.harness_commit},
                  {"n_items", r.n_items},
                  {"status", r.status},
                  {"created_at", r.created_at},
                  {"updated_at", r.updated_at}};
        std::cout << j.dump() << "\n";
      } else {
        std::cout << r.run_id << "  " << r.status << "  " << r.suite_name << "  " << r.model_name
                  << "  (" << r.model_identity << ")  items=" << r.n_items
                  << "  dataset=" << r.dataset_fingerprint.substr(0, 12)
                  << "  updated=" << r.updated_at << "\n";
      }
    }
    return kExitOk;
  };
}

}  // namespace ys::cli
