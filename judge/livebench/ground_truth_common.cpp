#include "judge/livebench/ground_truth_scorers.h"

namespace ys::livebench {

std::string ground_truth_text(const Question& q) {
  if (q.ground_truth.is_string()) return q.ground_truth.get<std::string>();
  if (q.ground_truth.is_null()) return "";
  return q.ground_truth.dump();
}

std::string task_or_subtask(const Question& q) {
  return q.record.contains("subtask") && !q.subtask.empty() ? q.subtask : q.task;
}

TaskScore make_score(double value, const std::optional<std::string>& extracted,
                     std::string method) {
  TaskScore s;
  s.value = value;
  s.status = extracted ? ScoreStatus::ok : ScoreStatus::unparsed;
  s.extracted = extracted.value_or("");
  s.method = std::move(method);
  return s;
}

}  // namespace ys::livebench
