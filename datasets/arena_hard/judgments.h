// Arena-Hard judgments (`model_judgment/<judge>/<model>.jsonl`) as published by
// lmarena/arena-hard-auto:
//   current: {uid, category, judge, model, baseline, games: [g0, g1]} with each game null or
//            {score: label|null, judgment: {answer}, prompt}
//   legacy (v0.1): {question_id, model, judge, games: [{user_prompt, judgment: "text", score}]}
// games[0] has the baseline as assistant A, games[1] the judged model as A. Import and export, so a
// leaderboard can be computed from published judgments without calling a judge.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys::arena {

struct ArenaGame {
  std::optional<std::string>
      score;             // the verdict label as stored ("A>B", "B<<A", ...); null = none
  std::string judgment;  // raw judge text
  Json prompt;           // what the judge was sent (messages array or string)
};

struct ArenaJudgment {
  std::string uid;
  std::string category;  // "" in legacy files; the caller may fill it from the questions
  std::string judge;
  std::string model;
  std::string baseline;                           // "" in legacy files
  std::array<std::optional<ArenaGame>, 2> games;  // a null game stays nullopt
  std::string judge_prompt_hash;  // ours; written as "judge_prompt_hash" when non-empty
};

// Reads every judgment in file order. Errors name file:line and the field. Fewer than two games
// read as null games; more than two is an error.
Expected<std::vector<ArenaJudgment>> load_arena_judgments(const std::string& path);

Json arena_judgment_to_json(const ArenaJudgment& judgment);  // current schema
Status write_arena_judgments(const std::string& path, const std::vector<ArenaJudgment>& judgments);

}  // namespace ys::arena
