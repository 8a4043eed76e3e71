#include "judge/livebench/amps_equivalence.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "judge/livebench/latex_expr.h"
#include "judge/livebench/text_rules.h"

namespace ys::livebench {
namespace {

constexpr int kPoints = 24;

// AMPS_Hard/utils.py parse(): absolute-value spellings, then a retry with "\\" as "\".
Expected<LatexNode> parse_answer(std::string_view text) {
  std::string s = replace_all(std::string(text), "\\lvert", "|");
  s = replace_all(replace_all(std::move(s), "\\rvert", "|"), "\\vert", "|");
  auto parsed = parse_latex_expr(s);
  if (!parsed.ok() && contains(s, "\\\\")) {
    auto retry = parse_latex_expr(replace_all(s, "\\\\", "\\"));
    if (retry.ok()) return retry;
  }
  return parsed;
}

bool close(Complex a, Complex b, double rel) {
  return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1.0});
}

Equivalence compare_scalars(const LatexNode& t, const LatexNode& a, bool up_to_constant) {
  auto vars = latex_variables(t);
  vars.merge(latex_variables(a));
  if (vars.empty()) {
    const Complex vt = evaluate_latex(t, {}), va = evaluate_latex(a, {});
    const bool finite = std::isfinite(std::abs(vt)) && std::isfinite(std::abs(va));
    return {finite && close(vt, va, 1e-9), "constant values compared"};
  }
  std::mt19937_64 rng(20240624);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Complex> differences;
  int valid = 0;
  for (int k = 0; k < kPoints * 4 && valid < kPoints; ++k) {
    std::map<std::string, Complex> point;
    for (const auto& v : vars) {
      const double span = unit(rng) < 0.7 ? 10.0 : 100.0;  // LiveBench's mix of ranges
      point[v] = Complex(span * (2 * unit(rng) - 1), 0);
    }
    const Complex vt = evaluate_latex(t, point), va = evaluate_latex(a, point);
    if (!std::isfinite(std::abs(vt)) || !std::isfinite(std::abs(va))) continue;
    ++valid;
    if (!close(vt, va, 1e-6)) differences.push_back(vt - va);
  }
  if (valid == 0) return {false, "no point where both sides are defined"};
  if (differences.empty()) return {true, "equal at " + std::to_string(valid) + " points"};
  if (up_to_constant) {
    const Complex first = differences.front();
    bool constant = true;
    for (const Complex d : differences) constant = constant && close(d, first, 1e-6);
    if (constant) return {true, "differ by a constant (an antiderivative)"};
  }
  return {false, "differ at " + std::to_string(differences.size()) + " of " +
                     std::to_string(valid) + " points"};
}

}  // namespace

Equivalence latex_equivalent(std::string_view truth, std::string_view answer,
                             std::string_view subtask) {
  const auto t = parse_answer(truth);
  if (!t.ok()) return {false, "ground truth: " + t.error().message};
  const auto a = parse_answer(answer);
  if (!a.ok()) return {false, "answer: " + a.error().message};
  const bool t_tuple = t->op == LatexNode::Op::tuple, a_tuple = a->op == LatexNode::Op::tuple;
  const bool up_to_constant = subtask == "amps_hard_integral" || subtask == "integral";
  if (!t_tuple && !a_tuple) return compare_scalars(*t, *a, up_to_constant);
  if (t_tuple != a_tuple || t->args.size() != a->args.size() || t->name != a->name)
    return {false, "tuples of different shapes"};
  bool in_order = true;
  for (size_t k = 0; k < t->args.size() && in_order; ++k)
    in_order = compare_scalars(t->args[k], a->args[k], false).equal;
  if (in_order) return {true, "tuples equal element by element"};
  // Order-free only for those subtasks' tuples and column vectors (LiveBench's _compare_tuples,
  // _compare_matrices).
  const bool column = t->name.empty() || t->name.ends_with("x1");
  if ((!contains(subtask, "polynomial_roots") && !contains(subtask, "eigenvalues")) || !column)
    return {false, "tuples differ (order matters for this subtask)"};
  std::vector<bool> used(a->args.size(), false);
  for (const auto& want : t->args) {
    bool found = false;
    for (size_t k = 0; k < a->args.size() && !found; ++k) {
      if (!used[k] && compare_scalars(want, a->args[k], false).equal) used[k] = found = true;
    }
    if (!found) return {false, "tuples differ as multisets"};
  }
  return {true, "tuples equal in some order"};
}

}  // namespace ys::livebench
