// Facts of sympy's LaTeX grammars that our parser (latex_expr.cpp) follows: the function and
// Greek letter names it reads, and which implicit products sympy's lark grammar accepts (LiveBench
// falls back to the antlr grammar when lark cannot parse, docs/suites/livebench.md).
#pragma once

#include <set>
#include <string>

namespace ys::livebench {

// Function commands read as functions: \sin ... \exp (without the backslash).
const std::set<std::string>& latex_function_names();
// Greek letter commands read as variables: \alpha ... \omega.
const std::set<std::string>& latex_greek_names();

// The kinds of factor that matter to sympy's lark grammar in an implicit product.
enum class Factor { letter, number, round_group, function, fraction, superscript, other };

// Whether sympy's lark LaTeX grammar (the version of LiveBench's judgments) accepts `head`
// directly followed by `next`: after a letter, a number or a fraction anything may follow; after
// a parenthesised group, another group or a letter; after a function, a function. "e^{x} x" or
// "\sqrt{x} y" do not parse there.
bool lark_adjacent_ok(Factor head, Factor next);

}  // namespace ys::livebench
