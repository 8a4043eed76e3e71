#include "datasets/mmlu_pro/results.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "datasets/mmlu_pro/file.h"
#include "harness/core/hash.h"

namespace ys::mmlu_pro {
namespace {

namespace fs = std::filesystem;

bool is_result_file(const fs::path& p) {
  const std::string name = p.filename().string();
  const std::string ext = p.extension().string();
  return (ext == ".json" || ext == ".jsonl") && name.find("summary") == std::string::npos;
}

Expected<std::vector<std::string>> list_files(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::vector<std::string>{path};
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.is_regular_file() && is_result_file(entry.path())) {
      files.push_back(entry.path().string());
    }
  }
  if (ec) return Error{path + ": cannot list folder (" + ec.message() + ")"};
  std::sort(files.begin(), files.end());
  if (files.empty()) return Error{path + ": folder holds no .json or .jsonl result files"};
  return files;
}

Expected<MmluProImportedRecord> parse_imported(const Json& obj, const std::string& where,
                                               MmluProQuirks& quirks) {
  auto rec = parse_mmlu_pro_record(obj, where, quirks);
  if (!rec) return rec.error();
  for (const char* field : {"model_outputs", "generated_text", "response"}) {
    const auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) continue;
    if (!it->is_string()) return Error{where + ": field '" + field + "' must be a string"};
    return MmluProImportedRecord{std::move(*rec), it->get<std::string>(), field, where};
  }
  return Error{where +
               ": no model output (expected one of the fields model_outputs, generated_text, "
               "response)"};
}

Expected<std::string> files_sha256(const std::vector<std::string>& files) {
  if (files.size() == 1) return sha256_file(files[0]);
  Sha256 all;
  for (const auto& f : files) {
    auto h = sha256_file(f);
    if (!h) return h.error();
    all.update(fs::path(f).filename().string() + " " + *h + "\n");
  }
  return all.hex_digest();
}

}  // namespace

std::string mmlu_pro_questions_fingerprint(const std::vector<const MmluProRecord*>& records) {
  std::vector<const MmluProRecord*> sorted = records;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->question_id < b->question_id; });
  Sha256 all;
  for (const MmluProRecord* r : sorted) {
    const Json line = {r->question_id, r->question, r->options, r->answer, r->category};
    all.update(line.dump() + "\n");
  }
  return all.hex_digest();
}

Expected<MmluProImportedRun> load_mmlu_pro_results(const std::string& path) {
  auto files = list_files(path);
  if (!files) return files.error();
  MmluProImportedRun run;
  run.files = *files;
  std::unordered_map<int64_t, std::string> seen;
  for (const auto& file : run.files) {
    MmluProQuirks quirks;
    auto st =
        for_each_mmlu_pro_json(file, [&](const Json& obj, const std::string& where) -> Status {
          if (!obj.is_object()) {
            ++quirks.non_object;
            return ok_status();
          }
          auto rec = parse_imported(obj, where, quirks);
          if (!rec) return rec.error();
          const auto [it, inserted] = seen.emplace(rec->record.question_id, where);
          if (!inserted) {
            return Error{where + ": field 'question_id' " +
                         std::to_string(rec->record.question_id) + " duplicates " + it->second};
          }
          run.records.push_back(std::move(*rec));
          return ok_status();
        });
    if (!st) return st.error();
    run.file_quirks.push_back(quirks);
    run.quirks.add(quirks);
  }
  auto sha = files_sha256(run.files);
  if (!sha) return sha.error();
  run.files_sha256 = *sha;
  std::vector<const MmluProRecord*> questions;
  for (const auto& r : run.records) questions.push_back(&r.record);
  run.fingerprint = mmlu_pro_questions_fingerprint(questions);
  return run;
}

}  // namespace ys::mmlu_pro
