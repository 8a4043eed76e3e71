// Numeric evaluation of parsed LaTeX (latex_expr.h) over complex numbers, principal branches.
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

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

// An undefined function (latex_expr.h): a smooth function fixed by its name, so equal arguments
// give equal values and a call differs from any expression without the same call.
Complex undefined_function(std::string_view name, const std::vector<Complex>& args) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  const auto next = [&h] {
    h = h * 6364136223846793005ull + 1442695040888963407ull;
    return 0.5 + static_cast<double>(h >> 11) / static_cast<double>(1ull << 53);
  };
  Complex sum(next(), 0);
  for (const Complex& a : args) {
    for (int k = 0; k < 3; ++k) sum += next() * std::cos(next() * canonical(a) + next());
  }
  return sum;
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
    case Op::func: {
      if (n.name.starts_with(kAppliedPrefix)) {
        std::vector<Complex> values;
        for (const auto& a : n.args) values.push_back(evaluate_latex(a, vars));
        return undefined_function(n.name, values);
      }
      return apply(n.name, evaluate_latex(n.args[0], vars));
    }
    case Op::tuple:
      return evaluate_latex(n.args[0], vars);
  }
  return {NAN, NAN};
}

}  // namespace ys::livebench
