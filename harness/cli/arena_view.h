// Arena-Hard data in the store, for the `arena-hard` command and the reports: answers (runs of the
// `arena-hard` suite, ours or imported), judgments (runs of the judge suites), and leaderboards.
// A question file is identified by its sha256 (the arena-hard suite's dataset fingerprint), so
// answers and judgments of different question files never mix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "datasets/arena_hard/questions.h"
#include "harness/core/expected.h"
#include "harness/store/store.h"
#include "reports/report_data.h"
#include "suites/arena_hard/judge_suite.h"
#include "suites/arena_hard/leaderboard_from_judgments.h"

namespace ys::cli {

// The .jsonl files under `path` (a file, or a folder searched recursively), sorted. Errors: the
// path does not exist, or a folder without .jsonl files.
Expected<std::vector<std::string>> jsonl_files(const std::string& path);

struct StoredAnswers {
  arena::AnswerIndex index;
  std::vector<std::string> models;  // sorted
  std::vector<std::string> notes;   // e.g. "two runs of M: using the newest"
};

// Answers of the newest arena-hard run of each model for this question file (questions_fp = its
// sha256; empty = every question file). Imported metadata is used as is; ours is computed.
Expected<StoredAnswers> load_stored_answers(const Store& store, const std::string& questions_fp);

// Stores `answers` (one model's, as read from a model_answer file) as a complete arena-hard run
// of `model` for the question file: the same items the arena-hard suite plans, with the imported
// text, reasoning and metadata. Answers to uids not in `questions` are skipped (counted in
// *n_skipped). Importing the same answers again updates the same run. Returns the run id.
Expected<std::string> import_arena_answers(Store& store, const std::string& model,
                                           const std::vector<arena::ArenaAnswer>& answers,
                                           const std::vector<arena::ArenaQuestion>& questions,
                                           const std::string& questions_fp,
                                           const std::string& source, int64_t* n_skipped);

struct StoredJudgments {
  std::vector<arena::ArenaJudgment> judgments;
  // The verdict rule of the judge runs found, when they all used the same one (the null rule
  // their leaderboard should use); nullopt when none were found or they differ.
  std::optional<arena::VerdictRule> common_rule;
  int64_t n_pending = 0;  // questions whose games are not all answered yet
};

// Judgments of every stored judge run for this question file (empty = all), parsed again from the
// stored judge texts. `judges` filters by judge name (empty = all).
Expected<StoredJudgments> load_stored_judgments(const Store& store, const std::string& questions_fp,
                                                const std::vector<std::string>& judges);

// The games of one stored run, for the judge-suite functions.
Expected<std::vector<arena::StoredGame>> stored_games(const Store& store,
                                                      const std::string& run_id);

// One leaderboard per category found in `judgments` (sorted by category), or only `category`.
// Legacy judgments without a category take the one of their question (`questions` may be empty).
Expected<std::vector<arena::Leaderboard>> arena_leaderboards(
    std::vector<arena::ArenaJudgment> judgments, const arena::AnswerIndex& answers,
    const std::vector<arena::ArenaQuestion>& questions, const arena::LeaderboardOptions& options);

// Adds the plain leaderboards of every stored judge run to a report (one set per question file);
// a leaderboard that cannot be computed becomes a note instead.
Status add_arena_boards(const Store& store, ReportData& data);

}  // namespace ys::cli
