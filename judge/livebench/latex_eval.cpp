// Numeric evaluation of parsed LaTeX (latex_expr.h) over complex numbers, principal branches.
#include <cmath>

#include "judge/livebench/latex_expr.h"

namespace ys::livebench {
namespace {

using Op = LatexNode::Op;

// A real number's imaginary part as +0: negating 1 gives (-1, -0), which would put logarithms
// and roots on the wrong side of their branch cut; sympy's -1 is exactly real.
Complex canonical(Complex z) {
  return z.imag() == 0 ? Complex(z.real(), 0.0) : z;
}

Complex apply(const std::string& f, Complex arg) {
  const Complex x = canonical(arg);
  const Complex one(1, 0), i(0, 1);
  if (f == "sin") return std::sin(x);
  if (f == "cos") return std::cos(x);
  if (f == "tan") return std::tan(x);
  if (f == "sec") return one / std::cos(x);
  if (f == "csc") return one / std::sin(x);
  if (f == "cot") return std::cos(x) / std::sin(x);
  if (f == "arcsin") return std::asin(x);
  if (f == "arccos") return std::acos(x);
  if (f == "arctan") return std::atan(x);
  if (f == "arcsec") return std::acos(one / x);
  if (f == "arccsc") return std::asin(one / x);
  if (f == "arccot") return std::atan(one / x);
  if (f == "sinh") return std::sinh(x);
  if (f == "cosh") return std::cosh(x);
  if (f == "tanh") return std::tanh(x);
  if (f == "log") return std::log(x);
  if (f == "exp") return std::exp(x);
  if (f == "abs") return std::abs(x);
  return {NAN, NAN};
}

// Principal power; exact for integer exponents of real bases (std::pow on complex goes through
// exp/log and turns (-2)^3 into -8 + tiny imaginary noise, which is harmless at our tolerance).
Complex power_of(Complex base, Complex e) {
  const Complex b = canonical(base);
  if (e.imag() == 0 && b.imag() == 0 && e.real() == std::round(e.real()) &&
      std::fabs(e.real()) < 1e6)
    return std::pow(b.real(), e.real());
  if (b == Complex(0, 0)) return e.real() > 0 ? Complex(0, 0) : Complex(NAN, NAN);
  return std::pow(b, e);
}

}  // namespace

std::set<std::string> latex_variables(const LatexNode& n) {
  std::set<std::string> out;
  if (n.op == Op::variable) out.insert(n.name);
  for (const auto& a : n.args) out.merge(latex_variables(a));
  return out;
}

Complex evaluate_latex(const LatexNode& n, const std::map<std::string, Complex>& vars) {
  switch (n.op) {
    case Op::number:
      return n.value;
    case Op::variable: {
      const auto it = vars.find(n.name);
      return it == vars.end() ? Complex(NAN, NAN) : it->second;
    }
    case Op::add:
      return evaluate_latex(n.args[0], vars) + evaluate_latex(n.args[1], vars);
    case Op::mul:
      return evaluate_latex(n.args[0], vars) * evaluate_latex(n.args[1], vars);
    case Op::div:
      return evaluate_latex(n.args[0], vars) / evaluate_latex(n.args[1], vars);
    case Op::pow:
      return power_of(evaluate_latex(n.args[0], vars), evaluate_latex(n.args[1], vars));
    case Op::neg:
      return -evaluate_latex(n.args[0], vars);
    case Op::func:
      return apply(n.name, evaluate_latex(n.args[0], vars));
    case Op::tuple:
      return evaluate_latex(n.args[0], vars);
  }
  return {NAN, NAN};
}

}  // namespace ys::livebench
