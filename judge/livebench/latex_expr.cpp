#include "judge/livebench/latex_expr.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "judge/livebench/latex_grammar.h"

namespace ys::livebench {
namespace {

using Op = LatexNode::Op;

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

LatexNode node(Op op, std::vector<LatexNode> args = {}) {
  LatexNode n;
  n.op = op;
  n.args = std::move(args);
  return n;
}

LatexNode number(Complex v) {
  LatexNode n;
  n.value = v;
  return n;
}

class Parser {
 public:
  // `calls`: read a letter before '(' as a call of an undefined function (latex_expr.h).
  Parser(std::string_view s, bool calls) : s_(s), calls_(calls) {}

  // Whether an implicit product had a factor that sympy's lark grammar does not accept before
  // another (see lark_adjacent_ok): LiveBench then falls back to the antlr grammar.
  bool lark_unreadable() const { return lark_unreadable_; }

  LatexNode document() {
    std::vector<LatexNode> items{relation()};
    while (eat(',')) items.push_back(relation());
    skip();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(1, s_[pos_]) + "'");
    if (items.size() == 1) return std::move(items[0]);
    return node(Op::tuple, std::move(items));
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ParseError(what + " at offset " + std::to_string(pos_));
  }

  void skip() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~') {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] != 0 &&
                 std::strchr(" ,;:!", s_[pos_ + 1])) {
        pos_ += 2;
      } else if (is_spacing(peek_command())) {
        pos_ += 1 + peek_command().size();
      } else {
        break;
      }
    }
  }

  static bool is_spacing(std::string_view cmd) {
    return cmd == "quad" || cmd == "qquad" || cmd == "left" || cmd == "right" || cmd == "bigl" ||
           cmd == "bigr" || cmd == "Bigl" || cmd == "Bigr" || cmd == "big" || cmd == "Big";
  }

  bool at(char c) {
    skip();
    return pos_ < s_.size() && s_[pos_] == c;
  }

  bool eat(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }

  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }

  // The letters of a command starting at pos_ ("frac" for "\frac"), or "".
  std::string_view peek_command() const {
    if (pos_ >= s_.size() || s_[pos_] != '\\') return {};
    size_t e = pos_ + 1;
    while (e < s_.size() && std::isalpha(static_cast<unsigned char>(s_[e]))) ++e;
    return s_.substr(pos_ + 1, e - pos_ - 1);
  }

  bool eat_command(std::string_view name) {
    skip();
    if (peek_command() != name) return false;
    pos_ += 1 + name.size();
    return true;
  }

  // Counts the nesting of recursive rules while it lives; fails past 400 levels.
  struct Depth {
    explicit Depth(Parser& p) : parser(p) {
      if (++parser.depth_ > 400) parser.fail("expression nested too deeply");
    }
    ~Depth() { --parser.depth_; }
    Parser& parser;
  };

  LatexNode relation() {
    LatexNode lhs = sum();
    if (!eat('=')) return lhs;
    LatexNode rhs = sum();
    return node(Op::add, {std::move(lhs), node(Op::neg, {std::move(rhs)})});
  }

  LatexNode sum() {
    LatexNode left = term();
    for (;;) {
      if (eat('+')) {
        left = node(Op::add, {std::move(left), term()});
      } else if (eat('-')) {
        left = node(Op::add, {std::move(left), node(Op::neg, {term()})});
      } else {
        return left;
      }
    }
  }

  LatexNode term() {
    LatexNode left = unary(true);
    for (;;) {
      if (eat('*') || eat_command("times") || eat_command("cdot")) {
        left = node(Op::mul, {std::move(left), unary(true)});
      } else if (eat('/') || eat_command("div")) {
        left = node(Op::div, {std::move(left), unary(true)});
      } else {
        return left;
      }
    }
  }

  // A sign, or one or more implicitly multiplied postfix items (functions allowed or not).
  LatexNode unary(bool functions) {
    const Depth depth(*this);
    if (eat('-')) return node(Op::neg, {unary(functions)});
    if (eat('+')) return unary(functions);
    Factor head = next_factor();
    LatexNode left = power(functions);
    if (last_was_power_) head = Factor::superscript;
    while (starts_item(functions)) {
      Factor next = next_factor();
      LatexNode right = power(functions);
      if (last_was_power_) next = Factor::superscript;
      if (!lark_adjacent_ok(head, next)) lark_unreadable_ = true;
      left = node(Op::mul, {std::move(left), std::move(right)});
      head = next;
    }
    return left;
  }

  Factor next_factor() {
    skip();
    if (pos_ >= s_.size()) return Factor::other;
    const char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return Factor::number;
    if (std::isalpha(static_cast<unsigned char>(c))) return Factor::letter;
    if (c == '(') return Factor::round_group;
    if (c != '\\') return Factor::other;
    const std::string cmd(peek_command());
    if (cmd == "frac") return Factor::fraction;
    if (cmd == "pi" || latex_greek_names().count(cmd)) return Factor::letter;
    if (latex_function_names().count(cmd)) return Factor::function;
    return Factor::other;
  }

  bool starts_item(bool functions) {
    skip();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '(' || c == '[' || c == '{')
      return true;
    const std::string cmd(peek_command());
    if (cmd.empty() || cmd == "times" || cmd == "cdot" || cmd == "div" || cmd == "right" ||
        cmd == "end")
      return false;
    return functions || !latex_function_names().count(cmd);
  }

  LatexNode power(bool functions) {
    LatexNode base = item(functions);
    last_was_power_ = false;
    if (!eat('^')) return base;
    LatexNode e = exponent();
    last_was_power_ = true;
    return node(Op::pow, {std::move(base), std::move(e)});
  }

  LatexNode exponent() {
    const Depth depth(*this);
    LatexNode e;
    if (at('{')) {
      e = group('{', '}');
    } else if (at('-')) {
      ++pos_;
      e = node(Op::neg, {item(false)});
    } else {
      e = item(false);
    }
    if (eat('^')) e = node(Op::pow, {std::move(e), exponent()});  // right-associative
    return e;
  }

  LatexNode group(char open, char close) {
    expect(open);
    LatexNode inside = relation();
    expect(close);
    return inside;
  }

  LatexNode item(bool functions) {
    skip();
    if (pos_ >= s_.size()) fail("unexpected end");
    const char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number_literal();
    if (std::isalpha(static_cast<unsigned char>(c)))
      return variable(std::string(1, s_[pos_++]), functions);
    if (c == '(') return group('(', ')');
    if (c == '[') return group('[', ']');
    if (c == '{') return group('{', '}');
    if (c == '|') {
      ++pos_;
      LatexNode inside = sum();
      expect('|');
      LatexNode f = node(Op::func, {std::move(inside)});
      f.name = "abs";
      return f;
    }
    if (c == '\\') return command(functions);
    fail(std::string("unexpected '") + c + "'");
  }

  LatexNode number_literal() {
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.'))
      ++pos_;
    const std::string text(s_.substr(start, pos_ - start));
    if (std::count(text.begin(), text.end(), '.') > 1 || text == ".") fail("bad number " + text);
    return number(std::stod(text));
  }

  // `applicable`: a letter (or \alpha, \pi: SYMBOL) followed by '(' is a call of an undefined
  // function, as sympy's grammar reads it (`func`: (LETTER | SYMBOL) subexpr? L_PAREN args
  // R_PAREN), so "x (x+1)" is f_x(x+1), not x*(x+1). Not inside exponents or bare function
  // arguments, whose grammar rules (atom, mp_nofunc) have no calls.
  LatexNode variable(std::string name, bool applicable = false) {
    if (pos_ < s_.size() && s_[pos_] == '_') {  // x_1, C_{1}
      ++pos_;
      const size_t start = pos_;
      if (at('{')) {
        const size_t close = s_.find('}', pos_);
        if (close == std::string_view::npos) fail("unclosed subscript");
        pos_ = close + 1;
      } else if (pos_ < s_.size()) {
        ++pos_;
      }
      name += "_" + std::string(s_.substr(start, pos_ - start));
    }
    if (applicable && calls_ && at('(')) return applied_function(name);
    LatexNode v = node(Op::variable);
    v.name = std::move(name);
    if (v.name == "e") return number(std::exp(1.0));
    if (v.name == "i") return number(Complex(0, 1));
    return v;
  }

  LatexNode command(bool functions) {
    const std::string cmd(peek_command());
    pos_ += 1 + cmd.size();
    if (cmd == "frac") {
      LatexNode num = argument();
      return node(Op::div, {std::move(num), argument()});
    }
    if (cmd == "sqrt") return root();
    if (cmd == "begin") return matrix();
    if (cmd == "pi")
      return functions && calls_ && at('(') ? applied_function(cmd) : number(std::numbers::pi);
    if (cmd == "text" || cmd == "mathrm" || cmd == "textbf" || cmd == "mathbf") return argument();
    if (latex_greek_names().count(cmd)) return variable(cmd, functions);
    if (latex_function_names().count(cmd) && functions) return function(cmd);
    if (cmd == "operatorname") {
      const size_t close = s_.find('}', pos_);
      if (!at('{') || close == std::string_view::npos) fail("bad \\operatorname");
      const std::string name(s_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      if (latex_function_names().count(name) && functions) return function(name);
    }
    fail("unsupported command \\" + cmd);
  }

  // \begin{pmatrix} a & b \\ c & d \end{pmatrix} (also bmatrix, matrix): a tuple of the cells
  // in row order, named "matrix:RxC".
  LatexNode matrix() {
    const Depth depth(*this);
    const std::string env = braced_name();
    if (env != "pmatrix" && env != "bmatrix" && env != "matrix")
      fail("unsupported environment " + env);
    std::vector<LatexNode> cells;
    size_t rows = 1, columns = 0, in_row = 0;
    for (;;) {
      skip();
      if (peek_command() == "end") {
        pos_ += 4;
        if (braced_name() != env) fail("\\end does not match \\begin{" + env + "}");
        break;
      }
      cells.push_back(sum());
      ++in_row;
      skip();
      if (eat('&')) continue;
      if (s_.substr(pos_, 2) == "\\\\") {
        pos_ += 2;
        skip();
        if (peek_command() == "end") continue;  // a trailing row separator
        if (columns != 0 && in_row != columns) fail("matrix rows of different lengths");
        columns = in_row;
        in_row = 0;
        ++rows;
        continue;
      }
      if (peek_command() != "end") fail("expected '&', '\\\\' or \\end in a matrix");
    }
    if (columns != 0 && in_row != columns) fail("matrix rows of different lengths");
    if (columns == 0) columns = in_row;
    LatexNode m = node(Op::tuple, std::move(cells));
    m.name = "matrix:" + std::to_string(rows) + "x" + std::to_string(columns);
    return m;
  }

  std::string braced_name() {
    skip();
    const size_t close = s_.find('}', pos_);
    if (!at('{') || close == std::string_view::npos) fail("expected {name}");
    const std::string name(s_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return name;
  }

  // A braced group, or a single token ("\frac12" style).
  LatexNode argument() {
    if (at('{')) return group('{', '}');
    skip();
    if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])))
      return number(static_cast<double>(s_[pos_++] - '0'));
    return item(false);
  }

  LatexNode root() {
    LatexNode degree = number(2);
    if (at('[')) degree = group('[', ']');
    LatexNode radicand = argument();
    return node(Op::pow, {std::move(radicand), node(Op::div, {number(1), std::move(degree)})});
  }

  LatexNode applied_function(const std::string& name) {
    expect('(');
    std::vector<LatexNode> args{relation()};
    while (eat(',')) args.push_back(relation());
    expect(')');
    LatexNode f = node(Op::func, std::move(args));
    f.name = std::string(kAppliedPrefix) + name;
    return f;
  }

  LatexNode function(const std::string& name) {
    const Depth depth(*this);
    std::optional<LatexNode> power_of, base;
    for (int k = 0; k < 2; ++k) {
      if (eat('^')) power_of = exponent();
      if (eat('_')) base = at('{') ? group('{', '}') : item(false);
    }
    LatexNode arg;
    if (at('(')) {
      arg = group('(', ')');
    } else if (at('{')) {
      arg = group('{', '}');
    } else {
      arg = unary(false);
    }
    LatexNode f = node(Op::func, {std::move(arg)});
    f.name = name == "ln" ? "log" : name;
    if (base) {  // \log_b x = log x / log b
      LatexNode log_base = node(Op::func, {std::move(*base)});
      log_base.name = "log";
      f = node(Op::div, {std::move(f), std::move(log_base)});
    }
    if (eat('^')) power_of = exponent();
    if (power_of) f = node(Op::pow, {std::move(f), std::move(*power_of)});
    return f;
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool calls_ = false;
  bool lark_unreadable_ = false;
  bool last_was_power_ = false;  // the last power() read a '^'
  int depth_ = 0;
};

}  // namespace

Expected<LatexNode> parse_latex_expr(std::string_view latex) {
  try {
    // As LiveBench's parse(): the lark grammar first, which reads "x (x+1)" as a product (or, as
    // one of its ambiguous readings, a call; the product is the one that can equal an answer);
    // where lark cannot parse, the antlr grammar, which reads it as a call.
    Parser lark(latex, false);
    LatexNode read = lark.document();
    if (!lark.lark_unreadable()) return read;
    return Parser(latex, true).document();
  } catch (const ParseError& e) {
    return Error{std::string("cannot parse LaTeX '") + std::string(latex.substr(0, 200)) +
                 "': " + e.what()};
  } catch (const std::exception& e) {
    return Error{std::string("cannot parse LaTeX: ") + e.what()};
  }
}

}  // namespace ys::livebench
