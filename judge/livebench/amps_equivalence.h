// Equivalence of two LaTeX answers for LiveBench's AMPS_Hard task: both are parsed with our own
// parser (latex_expr.h) and evaluated at the same random points, complex values included.
// Deterministic (a fixed seed); pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ys::livebench {

struct Equivalence {
  bool equal = false;
  std::string reason;  // why: "equal at 24 points", "differ at x=...", "cannot parse ..."
};

// `subtask` selects LiveBench's per-subtask allowances: amps_hard_integral accepts answers that
// differ by a constant; polynomial_roots and eigenvalues compare tuples in any order.
Equivalence latex_equivalent(std::string_view truth, std::string_view answer,
                             std::string_view subtask);

}  // namespace ys::livebench
