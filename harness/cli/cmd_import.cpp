// `yardstick import mmlu-pro PATH --model NAME`: stores published MMLU-Pro result files (TIGER-Lab
// format) as a run of NAME and scores them with yardstick's extraction, without calling a model.
// Importing the same files again updates the same run (its id covers the files' SHA-256). Each
// record keeps its own output: its response is stored under a key of its own (the record's
// position and question_id), never shared with another record that renders the same prompt.
#include <iostream>

#include "datasets/mmlu_pro/results.h"
#include "harness/cli/commands.h"
#include "harness/cli/import_livebench.h"
#include "harness/cli/imported_run.h"
#include "harness/core/hash.h"
#include "harness/run/finalize.h"
#include "harness/run/runner.h"
#include "judge/mmlu_pro/score.h"
#include "suites/mmlu_pro/suite.h"

namespace ys::cli {

namespace {

struct Flags {
  std::string format = "mmlu-pro";
  std::string path;
  std::string model;
  std::vector<std::string> suite_opts;  // livebench only
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
    return mmlu_pro::score_mmlu_pro(item, response, mmlu_pro::MmluProScoring{});
  }
  bool has_run_level_scoring() const override { return true; }
  std::vector<size_t> finalize_scores(const std::vector<const Item*>& items,
                                      std::vector<Score>& scores) const override {
    return mmlu_pro::finalize_mmlu_pro_scores(items, scores, mmlu_pro::MmluProScoring{});
  }

 private:
  SuiteInfo info_;
};

// The cache key of one imported record: the import's identity, the record's position and
// question_id, and its request. Two records with the same prompt get different keys, so neither
// can take the other's output.
std::string record_key(const std::string& identity, size_t ordinal, const Item& item) {
  return request_key(identity + "|record " + std::to_string(ordinal) + " " + item.id, item.request);
}

// The provenance of an import: path, files, and each file's quirk counts.
Json import_config(const std::string& path, const mmlu_pro::MmluProImportedRun& data) {
  Json quirks = Json::array();
  for (size_t i = 0; i < data.files.size(); ++i) {
    Json q = data.file_quirks[i].to_json();
    q["file"] = data.files[i];
    quirks.push_back(std::move(q));
  }
  return {{"import", path},
          {"files", data.files},
          {"files_sha256", data.files_sha256},
          {"quirks", std::move(quirks)}};
}

int import_mmlu_pro(const Flags& f, const GlobalOptions& global) {
  auto run_data = mmlu_pro::load_mmlu_pro_results(f.path);
  if (!run_data) return fail(kExitBadInput, run_data.error().message);
  if (run_data->records.empty()) return fail(kExitBadInput, f.path + ": no records");
  SuiteInfo info = mmlu_pro::mmlu_pro_import_info(*run_data, mmlu_pro::MmluProScoring{});
  // The outputs belong to the identity (two files of one model are two runs); the dataset
  // fingerprint covers the questions only, so imports of one question set compare cleanly.
  const std::string identity = "import|" + f.model + "|" + run_data->files_sha256;
  if (!global.quiet) {
    for (size_t i = 0; i < run_data->files.size(); ++i)
      std::cerr << mmlu_pro::mmlu_pro_quirks_line(run_data->files[i], run_data->file_quirks[i])
                << "\n";
  }

  auto store = Store::open(global.db);
  if (!store) return fail(kExitBadInput, store.error().message);
  RunRecord run = imported_run_record(identity, f.model, info, import_config(f.path, *run_data),
                                      static_cast<int64_t>(run_data->records.size()));

  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> responses;
  for (size_t i = 0; i < run_data->records.size(); ++i) {
    const auto& rec = run_data->records[i];
    Item item = mmlu_pro::mmlu_pro_item_for_import(rec);
    std::string key = record_key(identity, i, item);
    links.push_back({item.id, static_cast<int64_t>(i), item.category, key, item.request,
                     item.reference, item.meta});
    responses.push_back(
        {key, identity, item.request, mmlu_pro::mmlu_pro_response_for_import(rec), {}});
  }
  if (auto st = (*store)->put_run(run); !st) return fail(kExitRunFailed, st.error().message);
  if (auto st = (*store)->put_samples(run.run_id, links); !st)
    return fail(kExitRunFailed, st.error().message);
  if (auto st = (*store)->put_responses(responses); !st)
    return fail(kExitRunFailed, st.error().message);
  const ImportedMmluPro suite(info);
  if (auto st = score_run(**store, run.run_id, suite); !st)
    return fail(kExitRunFailed, st.error().message);
  if (auto st = finalize_run_scores(**store, run.run_id, suite); !st)
    return fail(kExitRunFailed, st.error().message);
  if (!global.quiet)
    std::cerr << "imported " << links.size() << " MMLU-Pro outputs of '" << f.model << "' from "
              << run_data->files.size() << " file(s) as run " << run.run_id << "\n";
  return kExitOk;
}

}  // namespace

CommandRunner setup_import(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<Flags>();
  sub.add_option("format", f->format, "Result file format: mmlu-pro or livebench")
      ->required()
      ->check(CLI::IsMember({"mmlu-pro", "livebench"}));
  sub.add_option("path", f->path,
                 "mmlu-pro: a result file (JSON list or JSONL) or a folder of them; livebench: the "
                 "live_bench data folder")
      ->required();
  sub.add_option("-m,--model", f->model, "Name to store the imported outputs under")->required();
  sub.add_option("--suite-opt", f->suite_opts,
                 "livebench: KEY=VALUE (release, categories, tasks), as for `run` (repeatable)");
  return [f, &global] {
    if (f->format == "livebench") return import_livebench(f->path, f->model, f->suite_opts, global);
    return import_mmlu_pro(*f, global);
  };
}

}  // namespace ys::cli
