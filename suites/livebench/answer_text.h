// The text a LiveBench scorer sees, from a stored response: gen_ground_truth_judgment.py removes
// every `<think>...</think>` block (shortest match, across lines) from the last turn before
// scoring, and for instruction_following also strips surrounding whitespace. The reasoning a
// backend returned apart (Response.reasoning) is never part of it. An unclosed `<think>` is left
// as is, as LiveBench's regex leaves it. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ys::livebench {

// Removes every closed <think>...</think> block (non-greedy), as LiveBench does.
std::string remove_think_blocks(std::string_view text);

// The answer LiveBench scores for a question of `category`.
std::string livebench_scored_text(std::string_view response_text, std::string_view category);

}  // namespace ys::livebench
