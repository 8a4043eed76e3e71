#include "datasets/livebench/answers.h"

#include <unordered_map>

#include "harness/core/jsonl.h"

namespace ys::livebench {
namespace {

Expected<std::string> last_turn(const Json& record, const JsonlWhere& where, int64_t* n_turns) {
  auto choices = record.find("choices");
  if (choices == record.end() || !choices->is_array() || choices->empty())
    return Error{where.at("choices") + ": expected a non-empty list"};
  const Json& first = (*choices)[0];
  if (!first.is_object()) return Error{where.at("choices[0]") + ": expected an object"};
  auto turns = first.find("turns");
  if (turns == first.end() || !turns->is_array() || turns->empty())
    return Error{where.at("choices[0].turns") + ": expected a non-empty list of strings"};
  for (const Json& t : *turns)
    if (!t.is_string()) return Error{where.at("choices[0].turns") + ": holds a non-string"};
  *n_turns = static_cast<int64_t>(turns->size());
  return turns->back().get<std::string>();
}

Expected<ModelAnswer> parse_answer(const Json& record, const JsonlWhere& where) {
  ModelAnswer a;
  auto id = read_id(record, "question_id", where);
  if (!id) return id.error();
  a.question_id = *id;
  auto text = last_turn(record, where, &a.n_turns);
  if (!text) return text.error();
  a.text = std::move(*text);
  a.answer_id = read_optional_string(record, "answer_id").value_or("");
  a.model_id = read_optional_string(record, "model_id").value_or("");
  if (auto t = record.find("total_output_tokens"); t != record.end() && !t->is_null()) {
    if (!t->is_number_integer()) return Error{where.at("total_output_tokens") + ": not an integer"};
    a.total_output_tokens = t->get<int64_t>();
  }
  if (auto t = record.find("tstamp"); t != record.end() && t->is_number())
    a.tstamp = t->get<double>();
  a.api_error = a.text == kApiErrorOutput;
  a.line = where.line;
  return a;
}

}  // namespace

Expected<AnswerFile> load_answer_file(const std::string& path) {
  AnswerFile file;
  file.path = path;
  std::unordered_map<std::string, size_t> index;
  Status st = for_each_jsonl_object(path, [&](const Json& record, const JsonlWhere& where) {
    ++file.stats.n_records;
    auto a = parse_answer(record, where);
    if (!a) return Status(a.error());
    auto [it, inserted] = index.emplace(a->question_id, file.answers.size());
    if (inserted) {
      file.answers.push_back(std::move(*a));
    } else {
      ++file.stats.n_duplicate_ids;
      file.answers[it->second] = std::move(*a);
    }
    return ok_status();
  });
  if (!st) return st.error();
  for (const auto& a : file.answers) file.stats.n_api_errors += a.api_error ? 1 : 0;
  return file;
}

}  // namespace ys::livebench
