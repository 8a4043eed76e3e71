#include "judge/livebench/latex_grammar.h"

namespace ys::livebench {

const std::set<std::string>& latex_function_names() {
  static const std::set<std::string> kNames = {
      "sin",    "cos",    "tan",    "sec",  "csc",  "cot",  "arcsin", "arccos", "arctan",
      "arcsec", "arccsc", "arccot", "sinh", "cosh", "tanh", "log",    "ln",     "exp"};
  return kNames;
}

const std::set<std::string>& latex_greek_names() {
  static const std::set<std::string> kNames = {
      "alpha",    "beta",    "gamma", "delta",  "epsilon", "varepsilon", "zeta", "eta", "theta",
      "vartheta", "iota",    "kappa", "lambda", "mu",      "nu",         "xi",   "rho", "sigma",
      "tau",      "upsilon", "phi",   "varphi", "chi",     "psi",        "omega"};
  return kNames;
}

bool lark_adjacent_ok(Factor head, Factor next) {
  switch (head) {
    case Factor::letter:
    case Factor::number:
    case Factor::fraction:
      return true;
    case Factor::round_group:
      return next == Factor::round_group || next == Factor::letter;
    case Factor::function:
      return next == Factor::function;
    default:
      return false;
  }
}

}  // namespace ys::livebench
