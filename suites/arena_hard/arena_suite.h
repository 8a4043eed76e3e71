// The `arena-hard` suite, answer phase: one chat Item per question of an Arena-Hard question file
// (current or legacy schema, see datasets/arena_hard/questions.h). Arena scores do not come from
// Suite::score (it returns status ok, value 0 and a note); they come from pairwise judging against
// a baseline (suites/arena_hard/judging.h) and the leaderboard
// (suites/arena_hard/leaderboard_from_judgments.h). Protocol and CLI flow:
// docs/suites/arena-hard.md.
#pragma once

#include <memory>
#include <string>

#include "harness/core/suite.h"

namespace ys::arena {

inline constexpr const char* kArenaHardProtocol = "arena-hard/1";

// spec.target: path of question.jsonl. spec.options (all optional):
//   "category": keep only questions of this category (e.g. "hard_prompt", "creative_writing")
//   "max_tokens" (int), "temperature" (number): answer generation params
//   "limit" (int): keep the first N questions (after the category filter)
// Errors: unreadable or malformed file (file:line: field), unknown options, bad option types,
// no questions left.
Expected<std::unique_ptr<Suite>> make_arena_hard_suite(const SuiteSpec& spec);

}  // namespace ys::arena
