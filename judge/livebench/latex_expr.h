// A LaTeX math parser of our own for LiveBench's AMPS_Hard answers, and numeric evaluation of what
// it parses over complex numbers (principal branches, as sympy's are).
//
// Grammar (after sympy's LaTeX grammar, which LiveBench uses): sums of terms; a term is a chain
// of '*', '\times', '\div', '/' between unary factors; a unary factor is a sign or one or more
// implicitly multiplied postfix items ("2 x", "4 i \sqrt{5}"), so 1/2x is 1/(2x) as in sympy;
// postfix items are numbers, letters (with subscripts), Greek letters, \pi, groups in (), [], {},
// |..| (absolute value), \frac, \sqrt[n]{}, ^ (right-associative, "x^23" is x to the 23rd as in
// sympy), function calls (\sin, \cos, \tan, \sec, \csc, \cot, their arc and hyperbolic forms,
// \log and \ln (natural), \log_b, \exp) with an optional power (\sin^2 x) and an argument in
// parentheses, braces, or a product without functions ("\sin 2x"). Top-level commas make a
// tuple; a top-level '=' gives lhs - rhs. \begin{pmatrix|bmatrix|matrix} … \end{…} (cells
// separated by '&', rows by '\\') is a tuple of the cells in row order named "matrix:RxC". 'e' is
// Euler's number and 'i' the imaginary unit, as LiveBench substitutes them after parsing.
// LiveBench parses with sympy's lark grammar first and falls back to its antlr grammar when lark
// fails; the two read "x (x+1)" differently. We follow lark's reading (a product) unless the text
// has an implicit product lark does not accept (a power, root or brace group before another
// factor, e.g. "e^{x} x (x+1)"); then antlr's: a letter followed by '(' outside exponents is a
// call of an undefined function, a func node named kAppliedPrefix + letter with one arg per
// comma-separated argument, which evaluates to a fixed smooth pseudo-random function of them, so
// it equals only the same call.
//
// Errors: parse_latex_expr returns an Error naming what it could not read and where.
#pragma once

#include <complex>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"

namespace ys::livebench {

using Complex = std::complex<double>;

struct LatexNode {
  enum class Op { number, variable, add, mul, div, pow, neg, func, tuple };
  Op op = Op::number;
  Complex value;     // number
  std::string name;  // variable or function name
  std::vector<LatexNode> args;
};

inline constexpr std::string_view kAppliedPrefix = "applied:";

Expected<LatexNode> parse_latex_expr(std::string_view latex);

// The variables a node refers to (names as written: "x", "lambda", "C_{1}").
std::set<std::string> latex_variables(const LatexNode& node);

// The node's value with `vars` bound (an unbound variable gives NaN). Tuples evaluate their
// first element; use node.args for the others.
Complex evaluate_latex(const LatexNode& node, const std::map<std::string, Complex>& vars);

}  // namespace ys::livebench
