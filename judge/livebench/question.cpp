#include "judge/livebench/question.h"

namespace ys::livebench {
namespace {

Expected<std::string> string_field(const Json& record, const char* name, bool required) {
  auto it = record.find(name);
  if (it == record.end() || it->is_null()) {
    if (required) return Error{std::string("field '") + name + "' is missing"};
    return std::string();
  }
  if (!it->is_string()) return Error{std::string("field '") + name + "' is not a string"};
  return it->get<std::string>();
}

}  // namespace

Expected<Question> question_from_json(const Json& record) {
  if (!record.is_object()) return Error{"record is not a JSON object"};
  Question q;
  struct Field {
    const char* name;
    std::string* out;
    bool required;
  };
  const Field fields[] = {{"question_id", &q.question_id, true},
                          {"category", &q.category, true},
                          {"task", &q.task, true},
                          {"subtask", &q.subtask, false},
                          {"livebench_release_date", &q.release_date, false}};
  for (const Field& f : fields) {
    auto value = string_field(record, f.name, f.required);
    if (!value) return value.error();
    *f.out = std::move(value.value());
  }
  if (auto it = record.find("turns"); it != record.end()) {
    if (!it->is_array()) return Error{"field 'turns' is not a list"};
    for (const auto& turn : *it) {
      if (!turn.is_string()) return Error{"field 'turns' holds a value that is not a string"};
    }
  }
  q.ground_truth = record.value("ground_truth", Json());
  q.record = record;
  return q;
}

}  // namespace ys::livebench
