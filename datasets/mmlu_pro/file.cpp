#include "datasets/mmlu_pro/file.h"

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "harness/core/json_parse.h"
#include "harness/core/jsonl.h"

namespace ys::mmlu_pro {
namespace {

Expected<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open file"};
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Error{path + ": read error"};
  return buf.str();
}

Status for_each_in_list(const std::string& path, const std::string& text,
                        const std::function<Status(const Json&, const std::string&)>& fn) {
  JsonErrorPosition at;
  auto parsed = parse_json(text, &at);
  if (!parsed)
    return Error{path + ":" + std::to_string(at.line) + ": invalid JSON (" +
                 parsed.error().message + ")"};
  const Json& doc = *parsed;
  if (!doc.is_array()) return Error{path + ": expected a JSON list of records"};
  for (size_t i = 0; i < doc.size(); ++i) {
    auto st = fn(doc[i], path + ": record " + std::to_string(i + 1));
    if (!st) return st;
  }
  return ok_status();
}

// JSONL: the shared line reader, with the "invalid JSON" wording docs/suites/mmlu-pro.md shows.
Status for_each_line(const std::string& path, const std::string& text,
                     const std::function<Status(const Json&, const std::string&)>& fn) {
  std::istringstream in(text);
  return for_each_jsonl_line(
      in, path, [&](const Json& obj, const JsonlWhere& where) { return fn(obj, where.str()); },
      "invalid JSON");
}

}  // namespace

Status for_each_mmlu_pro_json(const std::string& path,
                              const std::function<Status(const Json&, const std::string&)>& fn) {
  auto text = read_all(path);
  if (!text) return text.error();
  const size_t first = text->find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Error{path + ": file is empty"};
  if ((*text)[first] == '[') return for_each_in_list(path, *text, fn);
  return for_each_line(path, *text, fn);
}

Expected<std::vector<MmluProRecord>> load_mmlu_pro_file(const std::string& path,
                                                        MmluProQuirks* quirks) {
  std::vector<MmluProRecord> records;
  std::unordered_map<int64_t, std::string> seen;
  MmluProQuirks counted;
  auto st = for_each_mmlu_pro_json(path, [&](const Json& obj, const std::string& where) -> Status {
    if (!obj.is_object()) {
      ++counted.non_object;
      return ok_status();
    }
    auto rec = parse_mmlu_pro_record(obj, where, counted);
    if (!rec) return rec.error();
    const auto [it, inserted] = seen.emplace(rec->question_id, where);
    if (!inserted) {
      return Error{where + ": field 'question_id' " + std::to_string(rec->question_id) +
                   " duplicates " + it->second};
    }
    records.push_back(std::move(*rec));
    return ok_status();
  });
  if (!st) return st.error();
  if (quirks) *quirks = counted;
  return records;
}

}  // namespace ys::mmlu_pro
