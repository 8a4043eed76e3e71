// The LiveBench suite (issue 14): LiveBench's ground-truth tasks, asked as LiveBench's
// gen_api_answer.py asks them and scored by the task scorers of judge/livebench (task_scorer.h).
// Protocol and options: docs/suites/livebench.md.
//
// make_livebench_suite loads the data folder (spec.target; datasets/livebench/dataset.h) with the
// options' selection (suites/livebench/options.h) up front, so every data error surfaces before
// any request is sent. plan() returns one Item per selected question, in task order then file
// order:
//   id        question_id
//   category  the LiveBench category (folder name)
//   request   chat: the record's system_prompt (when present) and its single turn as a user
//             message; temperature = required_temperature when the record has one, else 0;
//             max_tokens = option max_tokens (4096)
//   reference {"ground_truth": the record's ground_truth}
//   meta      {"task", "subtask", "release_date", "removal_date"}
// Questions are skipped, counted and listed in SuiteInfo.config["notes"] (never scored 0) when
// their task has no scorer, or when they have more than one turn (LiveBench sends later turns
// after the model's earlier answers; one Item carries one request). No selected question left is
// an error.
//
// score(): a failed request scores as error; the answer "$ERROR$" too (LiveBench's marker of a
// failed API call, found in imported answers). Otherwise the text of livebench_scored_text
// (answer_text.h) goes to the task's scorer with livebench_score_context(); Score.detail is
// {"task", "scorer": the scorer's detail}. Thread-safe after creation.
#pragma once

#include <memory>
#include <string_view>
#include <unordered_map>

#include "datasets/livebench/dataset.h"
#include "harness/core/suite.h"
#include "judge/livebench/task_scorer.h"
#include "suites/livebench/options.h"

namespace ys::livebench {

inline constexpr const char* kLiveBenchSuiteName = "livebench";
inline constexpr const char* kLiveBenchProtocolVersion = "livebench/1";

using TaskScorerLookup = const livebench::TaskScorer* (*)(std::string_view task);

class LiveBenchSuite final : public Suite {
 public:
  // `all` holds every question of the folder (before the release filter), so that runs planned
  // for another release can still be scored (rescore).
  LiveBenchSuite(LiveBenchOptions options, livebench::Dataset dataset,
                 std::unordered_map<std::string, livebench::Question> all, TaskScorerLookup lookup);

  SuiteInfo info() const override;
  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override;
  Score score(const Item& item, const Response& response) const override;

  const livebench::Dataset& dataset() const { return dataset_; }
  const LiveBenchOptions& options() const { return options_; }  // release resolved

 private:
  const livebench::Question* find_question(const std::string& id) const;

  LiveBenchOptions options_;
  livebench::Dataset dataset_;
  TaskScorerLookup lookup_;
  std::vector<Item> items_;  // planned once, at creation
  std::unordered_map<std::string, livebench::Question> all_;
  std::vector<std::string> notes_;
};

// spec.target: the data folder (live_bench/, a category or a task folder). `lookup` defaults to
// the scorer table; tests pass their own.
Expected<std::unique_ptr<LiveBenchSuite>> make_livebench(const SuiteSpec& spec,
                                                         TaskScorerLookup lookup = nullptr);

// The suite table's factory (suites/registry.cpp).
Expected<std::unique_ptr<Suite>> make_livebench_suite(const SuiteSpec& spec);

}  // namespace ys::livebench
