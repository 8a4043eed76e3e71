#include "judge/livebench/task_scorer.h"

namespace ys::livebench {

// One row per task. Scorer functions live in one file per task family (math, reasoning,
// data_analysis, language, instruction_following, coding) in this folder.
const std::vector<TaskScorer>& task_scorers() {
  static const std::vector<TaskScorer> kTaskScorers = {};
  return kTaskScorers;
}

const TaskScorer* find_task_scorer(std::string_view task) {
  for (const auto& row : task_scorers()) {
    if (row.task == task) return &row;
  }
  return nullptr;
}

}  // namespace ys::livebench
