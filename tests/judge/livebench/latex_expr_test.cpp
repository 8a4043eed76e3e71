#include "judge/livebench/latex_expr.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

namespace lb = ys::livebench;

namespace {

lb::Complex value(const char* latex, double x = 0.0) {
  const auto node = lb::parse_latex_expr(latex);
  INFO(latex << ": " << (node.ok() ? "" : node.error().message));
  REQUIRE(node.ok());
  return lb::evaluate_latex(node.value(), {{"x", lb::Complex(x, 0)}});
}

}  // namespace

TEST_CASE("LaTeX arithmetic follows sympy's precedence") {
  CHECK(value("1/2x", 4).real() == Approx(0.125));  // 1/(2x): implicit products bind tighter
  CHECK(value("\\frac{1}{2} x", 4).real() == Approx(2));
  CHECK(value("-x^2", 3).real() == Approx(-9));
  CHECK(value("2^{3}^{2}").real() == Approx(512));  // right-associative
  CHECK(value("x^23", 1.1).real() == Approx(std::pow(1.1, 23)));
  CHECK(value("\\frac12").real() == Approx(0.5));
  CHECK(value("3 \\cdot 4 \\times 5 \\div 6").real() == Approx(10));
}

TEST_CASE("LaTeX functions take powers, bases and unparenthesised arguments") {
  CHECK(value("\\sin^2 x + \\cos ^2(x)", 0.7).real() == Approx(1));
  CHECK(value("\\sin 2x", 0.3).real() == Approx(std::sin(0.6)));
  CHECK(value("\\log_{2} 8").real() == Approx(3));
  CHECK(value("\\ln e^{2}").real() == Approx(2));
  CHECK(value("\\sec (x) \\cos (x)", 1.2).real() == Approx(1));
  CHECK(value("|x - 5|", 2).real() == Approx(3));
  CHECK(value("\\left(x+1\\right)^2", 2).real() == Approx(9));
}

TEST_CASE("LaTeX values are complex with principal branches, e and i as constants") {
  const lb::Complex z = value("4 i \\sqrt{5}");
  CHECK(z.real() == Approx(0).margin(1e-12));
  CHECK(z.imag() == Approx(4 * std::sqrt(5.0)));
  const lb::Complex r = value("\\sqrt[7]{-1}");
  CHECK(r.real() == Approx(std::cos(std::numbers::pi / 7)));
  CHECK(r.imag() == Approx(std::sin(std::numbers::pi / 7)));
  CHECK(value("\\sqrt{-4}").imag() == Approx(2));
  CHECK(value("e^{i \\pi}").real() == Approx(-1));
}

TEST_CASE("LaTeX variables, tuples and relations") {
  const auto node = lb::parse_latex_expr("\\lambda ^2 + C_{1} x");
  REQUIRE(node.ok());
  CHECK(lb::latex_variables(node.value()) == std::set<std::string>{"lambda", "C_{1}", "x"});
  const auto tuple = lb::parse_latex_expr("1, x, 3");
  REQUIRE(tuple.ok());
  CHECK(tuple.value().op == lb::LatexNode::Op::tuple);
  CHECK(tuple.value().args.size() == 3);
  CHECK(value("x = 3", 5).real() == Approx(2));  // lhs - rhs
}

TEST_CASE("malformed LaTeX is an error naming where it stopped") {
  for (const char* bad : {"\\frac{1}{", "(x", "x +", "\\unknowncommand{x}", "1..2", "", "}"}) {
    const auto node = lb::parse_latex_expr(bad);
    INFO(bad);
    REQUIRE_FALSE(node.ok());
    CHECK(node.error().message.find("cannot parse LaTeX") != std::string::npos);
  }
  CHECK(lb::parse_latex_expr("\\frac{1}{").error().message.find("offset") != std::string::npos);
}
