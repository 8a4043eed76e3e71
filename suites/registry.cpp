#include "suites/registry.h"

#include "suites/arena_hard/arena_suite.h"
#include "suites/custom/custom_suite.h"
#include "suites/livebench/suite.h"
#include "suites/mmlu_pro/suite.h"

namespace ys {

const std::vector<SuiteKind>& suite_kinds() {
  static const std::vector<SuiteKind> kSuiteKinds = {
      {"custom", "your own JSONL items scored by exact, contains, regex or choice rules",
       make_custom_suite},
      {"mmlu-pro",
       "MMLU-Pro (TIGER-Lab): 10-option multiple choice, 5-shot chain of thought, official "
       "answer extraction",
       mmlu_pro::make_mmlu_pro_suite},
      {"arena-hard",
       "Arena-Hard-Auto answer phase (question.jsonl); scores come from pairwise judging",
       arena::make_arena_hard_suite},
      {"livebench",
       "LiveBench ground-truth tasks (live_bench/<category>/<task>/question.jsonl), scored as "
       "LiveBench scores them",
       livebench::make_livebench_suite},
  };
  return kSuiteKinds;
}

Expected<std::unique_ptr<Suite>> make_suite(const SuiteSpec& spec) {
  std::string known;
  for (const auto& kind : suite_kinds()) {
    if (spec.kind == kind.name) return kind.make(spec);
    known += known.empty() ? kind.name : std::string(", ") + kind.name;
  }
  return Error{"unknown suite kind '" + spec.kind + "' (known: " + known + ")"};
}

}  // namespace ys
