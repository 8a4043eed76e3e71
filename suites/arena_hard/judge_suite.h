// Arena-Hard judging as suites, so judge requests go through the same runner, scheduler and store
// as answers do: cached by request key, resumed after a kill, listed by `yardstick runs`.
//
// One judge suite per (judged model, judge): two items per question, "<uid>#g0" (the baseline as
// assistant A) and "<uid>#g1" (the model as A), built by plan_judge_tasks. The run's model is the
// judge. Each item's meta carries {uid, game, category, model, baseline, judge_prompt_hash} so the
// stored samples can be turned back into judgments (judgments_from_games).
//
// v0.1 only: games whose reply has no label get one follow-up request each (the original
// conversation, the reply, and the request to finish with a verdict), in a second suite run
// ("arena-hard-judge-followup:<model>"); the reply that counts is both texts joined by a newline.
//
// Score of a judge item: the model's side of the game's label (1 / 0.5 / 0), status unparsed when
// there is no usable label. The leaderboard does not read these values (it parses the stored
// judge text again); they make the generic reports show a raw win share. Thread-safe, never throws.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/suite.h"
#include "suites/arena_hard/judging.h"

namespace ys::arena {

inline constexpr const char* kArenaJudgeProtocol = "arena-hard-judge/1";
inline constexpr const char* kArenaJudgeSuitePrefix = "arena-hard-judge:";
inline constexpr const char* kArenaFollowupSuitePrefix = "arena-hard-judge-followup:";

// One stored judge item (from the store's sample of a judge or follow-up run).
struct StoredGame {
  Json meta;  // the item's meta as planned
  Request request;
  std::optional<Response> response;  // absent until answered
};

struct JudgeSuiteSetup {
  std::string model;                  // the judged model
  std::string questions_fingerprint;  // sha256 of question.jsonl
  arena::VerdictRule rule = arena::VerdictRule::v2_0;
};

// The judge suite of `plan` (tasks of one model). Errors: a plan without tasks.
Expected<std::unique_ptr<Suite>> make_arena_judge_suite(const JudgePlan& plan,
                                                        const JudgeSuiteSetup& setup);

// The v0.1 follow-up suite for the stored games of a judge run: one item per answered game
// whose reply has no label. Returns nullptr when there is nothing to follow up (or under v2.0).
std::unique_ptr<Suite> make_arena_followup_suite(const std::vector<StoredGame>& judge_games,
                                                 const JudgeSuiteSetup& setup);

// The judged model of a judge or follow-up suite name; nullopt for other suites.
std::optional<std::string> judged_model_of_suite(const std::string& suite_name, bool followup);

struct JudgmentsFromGames {
  std::vector<ArenaJudgment> judgments;
  int64_t n_pending = 0;  // questions with a game not answered yet (left out)
};

// Judgments from the stored games of a judge run (and its follow-up run, empty when none).
// `judge_name` is the judge run's model name.
JudgmentsFromGames judgments_from_games(const std::vector<StoredGame>& judge_games,
                                        const std::vector<StoredGame>& followup_games,
                                        const std::string& judge_name, arena::VerdictRule rule);

}  // namespace ys::arena
