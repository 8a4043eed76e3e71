#include "judge/livebench/python_literal.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace ys::livebench {
namespace {

using Kind = PyValue::Kind;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  std::optional<PyValue> document() {
    auto v = value(0);
    skip(0);
    if (!v || pos_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  // Between tokens: spaces and tabs always; newlines and comments only inside brackets (the
  // tokenizer ignores blank lines and a trailing newline at the top level too).
  void skip(int depth) {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\f' || ((c == '\n' || c == '\r') && depth >= 0)) {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') {
        pos_ += 2;
      } else if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  bool eat(char c, int depth) {
    skip(depth);
    if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
    return false;
  }

  std::optional<PyValue> value(int depth) {
    skip(depth);
    if (pos_ >= s_.size() || ++steps_ > 2'000'000 || depth > 200) return std::nullopt;
    const char c = s_[pos_];
    if (c == '{') return braces(depth + 1);
    if (c == '[') return sequence(']', Kind::list, depth + 1);
    if (c == '(') return sequence(')', Kind::tuple, depth + 1);
    if (c == '-' || c == '+') {
      ++pos_;
      auto v = value(depth);
      if (!v || (v->kind != Kind::number && v->kind != Kind::boolean)) return std::nullopt;
      v->kind = Kind::number;
      if (c == '-') v->number = -v->number;
      return v;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    return word_or_string(depth);
  }

  std::optional<PyValue> sequence(char close, Kind kind, int depth) {
    ++pos_;
    PyValue v;
    v.kind = kind;
    bool comma = true;
    while (!eat(close, depth)) {
      if (!comma) return std::nullopt;
      auto item = value(depth);
      if (!item) return std::nullopt;
      v.items.push_back(std::move(*item));
      comma = eat(',', depth);
    }
    if (kind == Kind::tuple && v.items.size() == 1 && !comma) return v.items[0];  // (x) is x
    return v;
  }

  std::optional<PyValue> braces(int depth) {
    ++pos_;
    PyValue v;
    v.kind = Kind::dict;
    bool comma = true;
    while (!eat('}', depth)) {
      if (!comma) return std::nullopt;
      auto key = value(depth);
      if (!key) return std::nullopt;
      if (eat(':', depth)) {
        if (v.kind != Kind::dict) return std::nullopt;
        auto item = value(depth);
        if (!item) return std::nullopt;
        put(v, std::move(*key), std::move(*item));
      } else {
        if (v.kind == Kind::dict && !v.entries.empty()) return std::nullopt;
        v.kind = Kind::set;
        v.items.push_back(std::move(*key));
      }
      comma = eat(',', depth);
    }
    return v;
  }

  static void put(PyValue& dict, PyValue key, PyValue item) {
    for (auto& [k, existing] : dict.entries)
      if (k == key) return void(existing = std::move(item));
    dict.entries.emplace_back(std::move(key), std::move(item));
  }

  std::optional<PyValue> number() {
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
            s_[pos_] == '_' ||
            ((s_[pos_] == '-' || s_[pos_] == '+') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E'))))
      ++pos_;
    std::string t;
    for (char c : s_.substr(start, pos_ - start))
      if (c != '_') t += c;
    if (t.size() > 1 && t[0] == '0' && std::isdigit(static_cast<unsigned char>(t[1])) &&
        t.find_first_not_of('0') != std::string::npos &&
        t.find_first_of(".eE") == std::string::npos)
      return std::nullopt;  // 012 is a syntax error in Python 3
    char* end = nullptr;
    PyValue v;
    v.kind = Kind::number;
    v.number = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || t.find_first_of("xXjJ") != std::string::npos)
      return std::nullopt;
    return v;
  }

  std::optional<PyValue> word_or_string(int depth) {
    size_t p = pos_;
    while (p < s_.size() && std::isalpha(static_cast<unsigned char>(s_[p]))) ++p;
    const std::string_view word = s_.substr(pos_, p - pos_);
    if (p < s_.size() && (s_[p] == '\'' || s_[p] == '"')) {
      std::string prefix;
      for (char c : word) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (prefix.empty() || prefix == "r" || prefix == "u" || prefix == "b" || prefix == "br" ||
          prefix == "rb")
        return strings(depth);
      return std::nullopt;
    }
    PyValue v;
    if (word == "None") {
      v.kind = Kind::none;
    } else if (word == "True" || word == "False") {
      v.kind = Kind::boolean;
      v.number = word == "True";
    } else {
      return std::nullopt;
    }
    pos_ = p;
    return v;
  }

  // One or more adjacent string literals, concatenated.
  std::optional<PyValue> strings(int depth) {
    PyValue v;
    v.kind = Kind::string;
    do {
      bool raw = false;
      while (std::isalpha(static_cast<unsigned char>(s_[pos_])))
        raw = raw || s_[pos_++] == 'r' || s_[pos_ - 1] == 'R';
      if (!one_string(raw, v.text)) return std::nullopt;
      skip(depth);
    } while (pos_ < s_.size() && starts_string());
    return v;
  }

  bool starts_string() const {
    size_t p = pos_;
    while (p < s_.size() && p - pos_ < 2 && std::strchr("rRuUbB", s_[p]) && s_[p]) ++p;
    return p < s_.size() && (s_[p] == '\'' || s_[p] == '"');
  }

  bool one_string(bool raw, std::string& out) {
    const char q = s_[pos_];
    const bool triple = s_.substr(pos_, 3) == std::string(3, q);
    pos_ += triple ? 3 : 1;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (triple ? s_.substr(pos_, 3) == std::string(3, q) : c == q) {
        pos_ += triple ? 3 : 1;
        return true;
      }
      if (c == '\n' && !triple) return false;
      if (c == '\\' && pos_ + 1 < s_.size()) {
        if (raw) {
          out += s_.substr(pos_, 2);
          pos_ += 2;
          continue;
        }
        escape(out);
        continue;
      }
      out += c;
      ++pos_;
    }
    return false;
  }

  void escape(std::string& out) {
    const char e = s_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case 'n':
        out += '\n';
        return;
      case 't':
        out += '\t';
        return;
      case 'r':
        out += '\r';
        return;
      case '\\':
        out += '\\';
        return;
      case '\'':
        out += '\'';
        return;
      case '"':
        out += '"';
        return;
      case '\n':
        return;
      case 'x':
      case 'u':
      case 'U': {
        const size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        const unsigned long cp = std::strtoul(std::string(s_.substr(pos_, n)).c_str(), nullptr, 16);
        pos_ += n;
        utf8(cp, out);
        return;
      }
      default:
        out += '\\';
        out += e;
        return;  // unknown escapes stay as written
    }
  }

  static void utf8(unsigned long cp, std::string& out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  long steps_ = 0;
};

}  // namespace

bool PyValue::truthy() const {
  switch (kind) {
    case Kind::none:
      return false;
    case Kind::boolean:
    case Kind::number:
      return number != 0;
    case Kind::string:
      return !text.empty();
    case Kind::dict:
      return !entries.empty();
    default:
      return !items.empty();
  }
}

bool PyValue::operator==(const PyValue& o) const {
  const bool num = kind == Kind::number || kind == Kind::boolean;
  const bool onum = o.kind == Kind::number || o.kind == Kind::boolean;
  if (num || onum) return num && onum && number == o.number;
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::none:
      return true;
    case Kind::string:
      return text == o.text;
    case Kind::dict:
      if (entries.size() != o.entries.size()) return false;
      for (const auto& [k, v] : entries) {
        const PyValue* other = o.get(k);
        if (!other || !(*other == v)) return false;
      }
      return true;
    default:
      return items == o.items;
  }
}

const PyValue* PyValue::get(const PyValue& key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

std::string PyValue::repr() const {
  switch (kind) {
    case Kind::none:
      return "None";
    case Kind::boolean:
      return number ? "True" : "False";
    case Kind::number: {
      std::string s = std::to_string(number);
      return s;
    }
    case Kind::string:
      return "'" + text + "'";
    case Kind::dict: {
      std::string s = "{";
      for (const auto& [k, v] : entries)
        s += (s.size() > 1 ? ", " : "") + k.repr() + ": " + v.repr();
      return s + "}";
    }
    default: {
      std::string s = kind == Kind::list ? "[" : kind == Kind::tuple ? "(" : "{";
      for (const auto& i : items) s += (s.size() > 1 ? ", " : "") + i.repr();
      return s + (kind == Kind::list ? "]" : kind == Kind::tuple ? ")" : "}");
    }
  }
}

std::optional<PyValue> parse_python_literal(std::string_view text) {
  // ast.literal_eval strips leading spaces and tabs; eval mode allows a trailing newline.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return Reader(text).document();
}

}  // namespace ys::livebench
