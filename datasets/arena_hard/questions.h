// Arena-Hard questions (`question.jsonl`) as published by lmarena/arena-hard-auto, in both schemas:
//   current (v2.0 and re-released v0.1): {uid, category, subcategory | cluster, prompt}
//   legacy  (v0.1):                      {question_id, category, cluster, turns: [{content}]}
// Format details: docs/suites/arena-hard.md.
#pragma once

#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace ys::arena {

struct ArenaQuestion {
  std::string uid;
  std::string category;     // "hard_prompt", "creative_writing", "arena-hard-v0.1", ...
  std::string subcategory;  // v2.0 subcategory, or the v0.1 cluster; "" when absent
  std::string prompt;       // the single user turn
};

// Reads every question in file order. Errors name file:line and the field; duplicate uids are an
// error (judgments are keyed by uid).
Expected<std::vector<ArenaQuestion>> load_arena_questions(const std::string& path);

}  // namespace ys::arena
