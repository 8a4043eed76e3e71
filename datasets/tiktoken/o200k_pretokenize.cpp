// o200k_base's pre-tokenizer pattern (tiktoken_ext/openai_public.py; the same string ships in
// js-tiktoken's ranks file), alternatives tried in order at each position:
//   1
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//   2
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//   3  \p{N}{1,3}
//   4   ?[^\s\p{L}\p{N}]+[\r\n/]*
//   5  \s*[\r\n]+
//   6  \s+(?!\S)
//   7  \s+
// Each alternative is matched by a small function that returns the end a backtracking engine
// would find, or npos. Every character matches one of them, so the pieces cover the text.
#include <array>

#include "datasets/tiktoken/o200k.h"
#include "harness/core/unicode_categories.h"

namespace ys::tiktoken {
namespace {

using unicode::CharClass;
constexpr size_t npos = static_cast<size_t>(-1);

struct Char {
  uint32_t cp;
  CharClass cls;
  bool space;
};

class Matcher {
 public:
  explicit Matcher(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
      auto d = unicode::decode_utf8_at(text, pos);
      chars_.push_back({d.cp, unicode::char_class(d.cp), unicode::is_white_space(d.cp)});
      offsets_.push_back(pos);
      pos += d.length;
    }
    offsets_.push_back(text.size());
  }

  size_t size() const { return chars_.size(); }
  size_t offset(size_t i) const { return offsets_[i]; }

  // The end of the piece that starts at i.
  size_t match(size_t i) const {
    for (auto alt :
         {&Matcher::letters_lower, &Matcher::letters_upper, &Matcher::digits, &Matcher::punctuation,
          &Matcher::newlines, &Matcher::spaces_not_before_text, &Matcher::spaces}) {
      size_t end = (this->*alt)(i);
      if (end != npos) return end;
    }
    return i + 1;  // unreachable: every character matches alternative 1-4 or 7
  }

 private:
  bool in(size_t i) const { return i < chars_.size(); }
  bool prefix_class(size_t i) const {  // [^\r\n\p{L}\p{N}]
    const Char& c = chars_[i];
    return c.cp != '\r' && c.cp != '\n' && !unicode::is_letter(c.cls) && !unicode::is_number(c.cls);
  }
  bool upper(size_t i) const {  // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
    CharClass c = chars_[i].cls;
    return c == CharClass::kLu || c == CharClass::kLt || c == CharClass::kLm ||
           c == CharClass::kLo || c == CharClass::kM;
  }
  bool lower(size_t i) const {  // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
    CharClass c = chars_[i].cls;
    return c == CharClass::kLl || c == CharClass::kLm || c == CharClass::kLo || c == CharClass::kM;
  }
  size_t run(size_t i, bool (Matcher::*pred)(size_t) const) const {
    while (in(i) && (this->*pred)(i)) ++i;
    return i;
  }
  static uint32_t fold(uint32_t cp) { return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp; }

  // (?i:'s|'t|'re|'ve|'m|'ll|'d)? at i: the end after it (i when absent).
  size_t contraction(size_t i) const {
    if (!in(i) || chars_[i].cp != '\'' || !in(i + 1)) return i;
    uint32_t a = fold(chars_[i + 1].cp);
    uint32_t b = in(i + 2) ? fold(chars_[i + 2].cp) : 0;
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return i + 2;
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return i + 3;
    return i;
  }

  // [U]*[L]+ from j: the longest U-run is given back until an L character follows.
  size_t upper_star_lower_plus(size_t j) const {
    size_t u_end = run(j, &Matcher::upper);
    for (size_t k = u_end + 1; k-- > j;) {
      if (in(k) && lower(k)) return contraction(run(k, &Matcher::lower));
    }
    return npos;
  }
  size_t upper_plus_lower_star(size_t j) const {
    size_t u_end = run(j, &Matcher::upper);
    if (u_end == j) return npos;
    return contraction(run(u_end, &Matcher::lower));
  }
  // An optional prefix character, tried first with it, then without.
  size_t with_prefix(size_t i, size_t (Matcher::*rest)(size_t) const) const {
    if (prefix_class(i)) {
      size_t end = (this->*rest)(i + 1);
      if (end != npos) return end;
    }
    return (this->*rest)(i);
  }
  size_t letters_lower(size_t i) const { return with_prefix(i, &Matcher::upper_star_lower_plus); }
  size_t letters_upper(size_t i) const { return with_prefix(i, &Matcher::upper_plus_lower_star); }

  size_t digits(size_t i) const {
    size_t j = i;
    while (j < i + 3 && in(j) && unicode::is_number(chars_[j].cls)) ++j;
    return j > i ? j : npos;
  }
  bool symbol(size_t i) const {  // [^\s\p{L}\p{N}]
    const Char& c = chars_[i];
    return !c.space && !unicode::is_letter(c.cls) && !unicode::is_number(c.cls);
  }
  bool newline_or_slash(size_t i) const {
    uint32_t cp = chars_[i].cp;
    return cp == '\r' || cp == '\n' || cp == '/';
  }
  size_t punctuation(size_t i) const {
    size_t j = chars_[i].cp == ' ' && in(i + 1) && symbol(i + 1) ? i + 1 : i;
    size_t end = run(j, &Matcher::symbol);
    if (end == j) return npos;
    return run(end, &Matcher::newline_or_slash);
  }
  bool space(size_t i) const { return chars_[i].space; }
  size_t newlines(size_t i) const {
    size_t j = run(i, &Matcher::space);
    for (size_t k = j; k-- > i;) {
      if (chars_[k].cp == '\r' || chars_[k].cp == '\n') return k + 1;
    }
    return npos;
  }
  size_t spaces_not_before_text(size_t i) const {
    size_t j = run(i, &Matcher::space);
    if (j == i) return npos;
    if (!in(j)) return j;
    return j - 1 > i ? j - 1 : npos;
  }
  size_t spaces(size_t i) const {
    size_t j = run(i, &Matcher::space);
    return j > i ? j : npos;
  }

  std::vector<Char> chars_;
  std::vector<size_t> offsets_;  // byte offset of each character, plus the text's size
};

}  // namespace

std::vector<std::string_view> o200k_pretokenize(std::string_view text) {
  Matcher m(text);
  std::vector<std::string_view> pieces;
  for (size_t i = 0; i < m.size();) {
    size_t end = m.match(i);
    pieces.push_back(text.substr(m.offset(i), m.offset(end) - m.offset(i)));
    i = end;
  }
  return pieces;
}

}  // namespace ys::tiktoken
