// `yardstick import mmlu-pro PATH --model NAME`: stores published MMLU-Pro result files (TIGER-Lab
// format) as a run of NAME and scores them with yardstick's extraction, without calling a model.
// Importing the same files again updates the same run (its id covers the files' fingerprint).
#include <iostream>

#include "datasets/mmlu_pro/results.h"
#include "harness/cli/commands.h"
#include "harness/cli/imported_run.h"
#include "harness/core/hash.h"
#include "harness/run/runner.h"
#include "judge/mmlu_pro/score.h"
#include "suites/mmlu_pro/suite.h"

namespace ys::cli {

namespace {

struct Flags {
  std::string format = "mmlu-pro";
  std::string path;
  std::string model;
};

// Scores imported samples exactly as the MMLU-Pro suite scores its own.
class ImportedMmluPro final : public Suite {
 public:
  explicit ImportedMmluPro(SuiteInfo info) : info_(std::move(info)) {}
  SuiteInfo info() const override { return info_; }
  Expected<std::vector<Item>> plan(const PlanContext&) const override {
    return Error{"an imported run cannot be planned"};
  }
  Score score(const Item& item, const Response& response) const override {
    return score_mmlu_pro(item, response, MmluProScoring{});
  }

 private:
  SuiteInfo info_;
};

int import_mmlu_pro(const Flags& f, const GlobalOptions& global) {
  auto run_data = load_mmlu_pro_results(f.path);
  if (!run_data) return fail(kExitBadInput, run_data.error().message);
  if (run_data->records.empty()) return fail(kExitBadInput, f.path + ": no records");
  SuiteInfo info = mmlu_pro_import_info(*run_data, MmluProScoring{});
  const std::string identity = "import|" + f.model + "|" + run_data->fingerprint;

  auto store = Store::open(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  RunRecord run =
      imported_run_record(identity, f.model, info, {{"import", f.path}, {"files", run_data->files}},
                          static_cast<int64_t>(run_data->records.size()));

  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> responses;
  for (size_t i = 0; i < run_data->records.size(); ++i) {
    const auto& rec = run_data->records[i];
    Item item = mmlu_pro_item_for_import(rec);
    std::string key = request_key(identity, item.request);
    links.push_back({item.id, static_cast<int64_t>(i), item.category, key, item.request,
                     item.reference, item.meta});
    responses.push_back({key, identity, item.request, mmlu_pro_response_for_import(rec), {}});
  }
  if (auto st = (*store)->put_run(run); !st) return fail(kExitRunFailed, st.error().message);
  if (auto st = (*store)->put_samples(run.run_id, links); !st)
    return fail(kExitRunFailed, st.error().message);
  if (auto st = (*store)->put_responses(responses); !st)
    return fail(kExitRunFailed, st.error().message);
  if (auto st = score_run(**store, run.run_id, ImportedMmluPro(info)); !st)
    return fail(kExitRunFailed, st.error().message);
  if (!global.quiet)
    std::cerr << "imported " << links.size() << " MMLU-Pro outputs of '" << f.model << "' from "
              << run_data->files.size() << " file(s) as run " << run.run_id << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner setup_import(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("format", f->format, "Result file format: mmlu-pro")
      ->required()
      ->check(CLI::IsMember({"mmlu-pro"}));
  sub.add_option("path", f->path, "A result file (JSON list or JSONL) or a folder of them")
      ->required();
  sub.add_option("-m,--model", f->model, "Name to store the imported outputs under")->required();
  return [f, &global] { return import_mmlu_pro(*f, global); };
}

}  // namespace ys::cli
