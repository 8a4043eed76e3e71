#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>

#include "datasets/livebench/answers.h"
#include "harness/cli/import_livebench.h"
#include "harness/cli/imported_run.h"
#include "harness/core/hash.h"
#include "harness/run/runner.h"
#include "suites/livebench/suite.h"

namespace ys::cli {
namespace {

namespace fs = std::filesystem;

struct ImportCounts {
  int64_t answered = 0, api_errors = 0, duplicates = 0, not_selected = 0, missing = 0;
  int64_t answers_without_questions = 0;
  std::vector<std::string> files;
};

// model_answer/NAME.jsonl, or the lower-cased name LiveBench writes (model_display_name.lower()).
std::string answer_file(const std::string& task_dir, const std::string& model) {
  const fs::path dir = fs::path(task_dir) / "model_answer";
  std::string lower = model;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& name : {model, lower}) {
    std::error_code ec;
    if (fs::is_regular_file(dir / (name + ".jsonl"), ec)) return (dir / (name + ".jsonl")).string();
  }
  return "";
}

Response response_of(const livebench::ModelAnswer& a) {
  Response r;
  r.text = a.text;
  r.finish_reason = "imported";
  r.completion_tokens = a.total_output_tokens.value_or(0);
  if (a.api_error) {
    r.error_kind = ErrorKind::server;
    r.error = "LiveBench recorded $ERROR$: every API attempt for this answer failed";
  }
  return r;
}

// Reads every answer file of the selected tasks: question_id -> answer. Files are fingerprinted
// into `hash` (the import's identity).
Expected<std::map<std::string, livebench::ModelAnswer>> read_answers(
    const livebench::Dataset& data, const std::string& root, const std::string& model,
    const std::map<std::string, const Item*>& planned, ImportCounts& counts, Sha256& hash) {
  std::map<std::string, livebench::ModelAnswer> answers;
  std::vector<std::string> dirs;
  for (const auto& t : data.tasks) dirs.push_back(t.dir);
  for (const auto& t : data.tasks_without_questions) dirs.push_back((fs::path(root) / t).string());
  for (size_t i = 0; i < dirs.size(); ++i) {
    const std::string path = answer_file(dirs[i], model);
    if (path.empty()) continue;
    auto file = livebench::load_answer_file(path);
    if (!file) return file.error();
    auto sha = sha256_file(path);
    if (!sha) return sha.error();
    hash.update(path + " " + *sha + "\n");
    counts.files.push_back(path);
    counts.duplicates += file->stats.n_duplicate_ids;
    for (auto& a : file->answers) {
      if (i >= data.tasks.size()) {
        ++counts.answers_without_questions;
      } else if (!planned.count(a.question_id)) {
        ++counts.not_selected;
      } else {
        answers[a.question_id] = std::move(a);
      }
    }
  }
  return answers;
}

void print_summary(const std::string& model, const std::string& run_id, size_t n_items,
                   const ImportCounts& c, const SuiteInfo& info) {
  std::cerr << "imported " << c.answered << " LiveBench answers of '" << model << "' from "
            << c.files.size() << " file(s) as run " << run_id << " (" << n_items
            << " questions selected";
  if (c.missing) std::cerr << ", " << c.missing << " without an answer: the model is flagged";
  if (c.api_errors) std::cerr << ", " << c.api_errors << " $ERROR$ answers scored 0 as errors";
  std::cerr << ")\n";
  if (c.not_selected)
    std::cerr << "note: " << c.not_selected
              << " answers to questions not selected (release filter, no scorer, or not in "
                 "question.jsonl) skipped\n";
  if (c.answers_without_questions)
    std::cerr << "note: " << c.answers_without_questions
              << " answers in task folders without question.jsonl skipped (they cannot be "
                 "scored)\n";
  if (c.duplicates)
    std::cerr << "note: " << c.duplicates
              << " repeated question_id(s) in answer files: the last record kept, as LiveBench "
                 "does\n";
  for (const auto& n : info.config.at("notes"))
    std::cerr << "note: " << n.get<std::string>() << "\n";
}

}  // namespace

int import_livebench(const std::string& path, const std::string& model,
                     const std::vector<std::string>& suite_opts, const GlobalOptions& global) {
  auto options = livebench::livebench_options_from_pairs(suite_opts);
  if (!options) return fail(kExitBadInput, "--suite-opt " + options.error().message);
  auto suite = livebench::make_livebench(SuiteSpec{livebench::kLiveBenchSuiteName, path, *options});
  if (!suite) return fail(kExitBadInput, suite.error().message);
  auto items = (*suite)->plan(PlanContext{});
  if (!items) return fail(kExitBadInput, items.error().message);
  std::map<std::string, const Item*> planned;
  for (const Item& item : *items) planned[item.id] = &item;

  ImportCounts counts;
  Sha256 hash;
  auto answers = read_answers((*suite)->dataset(), path, model, planned, counts, hash);
  if (!answers) return fail(kExitBadInput, answers.error().message);
  if (counts.files.empty())
    return fail(kExitBadInput, path + ": no model_answer/" + model + ".jsonl in any selected task");
  SuiteInfo info = (*suite)->info();
  info.config["imported"] = true;
  const std::string identity = "import-livebench|" + model + "|" + hash.hex_digest();

  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> responses;
  for (size_t i = 0; i < items->size(); ++i) {
    const Item& item = (*items)[i];
    const std::string key = request_key(identity, item.request);
    SampleLink link{item.id,      static_cast<int64_t>(i), item.category, key,
                    item.request, item.reference,          item.meta};
    auto a = answers->find(item.id);
    if (a == answers->end()) {
      ++counts.missing;
    } else {
      ++counts.answered;
      counts.api_errors += a->second.api_error ? 1 : 0;
      link.meta["answer_id"] = a->second.answer_id;
      link.meta["model_id"] = a->second.model_id;
      if (a->second.tstamp) link.meta["tstamp"] = *a->second.tstamp;
      responses.push_back({key, identity, item.request, response_of(a->second), {}});
    }
    links.push_back(std::move(link));
  }
  auto store = Store::open(global.db);
  if (!store) return fail(kExitRunFailed, store.error().message);
  RunRecord run =
      imported_run_record(identity, model, info, {{"import", path}, {"files", counts.files}},
                          static_cast<int64_t>(links.size()));
  Status st = (*store)->put_run(run);
  if (st) st = (*store)->put_samples(run.run_id, links);
  if (st) st = (*store)->put_responses(responses);
  if (st) st = score_run(**store, run.run_id, **suite);
  if (!st) return fail(kExitRunFailed, st.error().message);
  if (!global.quiet) print_summary(model, run.run_id, links.size(), counts, info);
  return kExitOk;
}

}  // namespace ys::cli
