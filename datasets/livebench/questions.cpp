#include "datasets/livebench/questions.h"

#include <cctype>
#include <unordered_set>

#include "harness/core/jsonl.h"
#include "judge/livebench/question.h"

namespace ys::livebench {
namespace {

Status check_turns(const Json& record, const JsonlWhere& where) {
  auto it = record.find("turns");
  if (it == record.end() || !it->is_array() || it->empty())
    return Error{where.at("turns") + ": expected a non-empty list of strings"};
  return ok_status();
}

Status check_dates(const Json& record, const Question& q, const JsonlWhere& where,
                   QuestionFileStats& stats) {
  if (!is_iso_date(q.release_date)) {
    return Error{where.at("livebench_release_date") +
                 (q.release_date.empty()
                      ? ": missing (LiveBench's loader requires it)"
                      : ": expected YYYY-MM-DD, got \"" + q.release_date + "\"")};
  }
  auto it = record.find("livebench_removal_date");
  if (it == record.end() || it->is_null()) {
    ++stats.n_missing_removal_date;
    return ok_status();
  }
  if (!it->is_string()) return Error{where.at("livebench_removal_date") + ": expected a string"};
  const std::string removal = it->get<std::string>();
  if (!removal.empty() && !is_iso_date(removal)) {
    return Error{where.at("livebench_removal_date") + ": expected \"\" or YYYY-MM-DD, got \"" +
                 removal + "\""};
  }
  return ok_status();
}

}  // namespace

bool is_iso_date(const std::string& text) {
  if (text.size() != 10) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string removal_date_of(const Question& question) {
  auto it = question.record.find("livebench_removal_date");
  if (it == question.record.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

bool in_release(const Question& question, const std::string& release) {
  if (release.empty()) return true;
  if (question.release_date > release) return false;
  const std::string removal = removal_date_of(question);
  return removal.empty() || removal > release;
}

Expected<QuestionFile> load_question_file(const std::string& path,
                                          const std::string& folder_category,
                                          const std::string& folder_task) {
  QuestionFile file;
  file.path = path;
  std::unordered_set<std::string> seen;
  Status st = for_each_jsonl_object(path, [&](const Json& record, const JsonlWhere& where) {
    ++file.stats.n_records;
    auto q = question_from_json(record);
    if (!q) return Status(Error{where.str() + ": " + q.error().message});
    if (auto turns = check_turns(record, where); !turns) return turns;
    if (auto dates = check_dates(record, *q, where, file.stats); !dates) return dates;
    if ((!folder_task.empty() && q->task != folder_task) ||
        (!folder_category.empty() && q->category != folder_category))
      ++file.stats.n_task_differs_from_folder;
    if (!seen.insert(q->question_id).second) {
      ++file.stats.n_duplicate_ids;
      return ok_status();
    }
    file.questions.push_back(std::move(*q));
    return ok_status();
  });
  if (!st) return st.error();
  return file;
}

}  // namespace ys::livebench
