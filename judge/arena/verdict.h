// Verdict parsing for pairwise judges (Arena-Hard protocol). Two published rules:
//   v2.0: upper-case the judge text; find all [[X]] with X made of A, B, <, >, =; if none, all
//         [X]; take the last; accept the ten labels below; anything else is null.
//   v0.1: case kept; [[X]] only; one distinct label -> it; several distinct labels -> null;
//         none -> null with ask_again set (the caller asks the judge once more to finish with a
//         verdict and parses the concatenated text).
// Labels: A>>B A>B A=B B>A B>>A and the mirrored A<<B A<B B=A B<A B<<A. Pure functions,
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ys::arena {

enum class VerdictRule { v2_0, v0_1 };

// "v2.0" / "v0.1" (also "2.0", "0.1", "v2", "v0"); nullopt for anything else.
std::optional<VerdictRule> verdict_rule_from_string(std::string_view s);
std::string to_string(VerdictRule rule);

struct Verdict {
  std::optional<std::string> label;  // one of the ten labels, as found; nullopt = null verdict
  bool ask_again = false;            // v0.1 only: no label at all, ask the judge once more
  std::string how;  // "double", "single", "none", "conflict" (v0.1), "invalid" (unknown label)
};

Verdict parse_verdict(std::string_view judge_text, VerdictRule rule);

// What a label means for assistant A: a_score 1 (A better), 0.5 (tie) or 0 (B better), and
// weight 3 for a strong preference (>> or <<), else 1. nullopt for an unknown label.
struct LabelOutcome {
  double a_score = 0.5;
  int weight = 1;
};
std::optional<LabelOutcome> label_outcome(std::string_view label);

// The follow-up user message of the v0.1 protocol.
inline constexpr std::string_view kAskForVerdict =
    "continue your judgment and finish by outputting a final verdict label";

}  // namespace ys::arena
