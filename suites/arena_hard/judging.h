// Arena-Hard judged phase: turn answers into judge requests, and judge replies into stored
// judgments. The harness drives the requests through its scheduler and store (with the judge's
// backend); these functions only build and interpret values. Thread-safe, never throw.
//
// Flow (docs/suites/arena-hard.md): answers of each model (answer_from_response, or imported
// files) -> plan_judge_tasks -> for each task both requests -> (v0.1 only) followup_request when
// the first reply has no label -> judgment_from_replies -> compute_arena_leaderboard.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "datasets/arena_hard/questions.h"
#include "harness/core/types.h"
#include "judge/arena/judge_prompt.h"

namespace ys::arena {

// Published default baselines: "arena-hard-v0.1" -> gpt-4-0314, "hard_prompt" ->
// o3-mini-2025-01-31, "creative_writing" -> gemini-2.0-flash-001; "" for other categories.
std::string default_baseline(const std::string& category);

struct ArenaJudgeSettings {
  std::map<std::string, std::string> baselines;  // category -> baseline model; overrides defaults
  arena::JudgeOptions judge;
};

std::string baseline_for(const std::string& category, const ArenaJudgeSettings& settings);

// An answer in the current schema from a finished response to an arena-hard Item (Item.id = uid).
// Reasoning goes to `thought`; metadata is computed from the final answer as upstream computes it
// (ensure_style_meta: o200k token count, markdown counts).
ArenaAnswer answer_from_response(const Item& item, const Response& response,
                                 const std::string& model);

struct JudgeTask {
  std::string uid, category, model, baseline;
  std::array<Request, 2> requests;  // [0] baseline as A, [1] model as A
  std::string judge_prompt_hash;
};

struct JudgePlan {
  std::vector<JudgeTask> tasks;
  std::vector<std::string> missing;  // "model uid" or "baseline uid" pairs without an answer
};

// One task per question for which both the model's and the category baseline's answers exist.
// Questions whose category has no baseline are listed in `missing`.
JudgePlan plan_judge_tasks(const std::vector<ArenaQuestion>& questions, const AnswerIndex& answers,
                           const std::string& model, const ArenaJudgeSettings& settings);

struct JudgeReply {
  bool ok = true;    // false: the request failed (the game is stored as null)
  std::string text;  // judge text (for v0.1 after a follow-up: both replies, newline-joined)
};

// v0.1 only: when `first_reply` has no label, the follow-up request to send once; else nullopt.
std::optional<Request> followup_request(const JudgeTask& task, int game,
                                        const std::string& first_reply, arena::VerdictRule rule);

// The judgment to store: each game's parsed label (null when unparsed or failed), raw text and
// prompt, with judge name and prompt hash.
ArenaJudgment judgment_from_replies(const JudgeTask& task, const std::array<JudgeReply, 2>& replies,
                                    const std::string& judge_model, arena::VerdictRule rule);

}  // namespace ys::arena
