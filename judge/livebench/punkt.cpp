#include "judge/livebench/punkt.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "judge/livebench/py_text.h"
#include "judge/mmlu_pro/python_word.h"

namespace ys::livebench {
namespace {

// A subset of the English model's abbreviation types (lowercase, without the final period).
constexpr std::array<std::string_view, 96> kAbbreviations = {
    "a.m",  "p.m",   "e.g",  "i.e",  "u.s",    "u.k",    "u.n", "n.y", "l.a",  "d.c",  "mr",
    "mrs",  "ms",    "dr",   "prof", "sr",     "jr",     "st",  "mt",  "ft",   "inc",  "corp",
    "co",   "ltd",   "bros", "cos",  "vs",     "v",      "no",  "nos", "jan",  "feb",  "mar",
    "apr",  "jun",   "jul",  "aug",  "sep",    "sept",   "oct", "nov", "dec",  "mon",  "tues",
    "wed",  "thurs", "fri",  "gen",  "gov",    "sen",    "rep", "rev", "col",  "lt",   "sgt",
    "capt", "cmdr",  "adm",  "maj",  "messrs", "calif",  "fla", "ill", "mass", "mich", "minn",
    "ariz", "colo",  "conn", "ga",   "ind",    "kan",    "ky",  "la",  "md",   "mo",   "mont",
    "neb",  "nev",   "okla", "ore",  "pa",     "tenn",   "tex", "va",  "wash", "wis",  "ave",
    "blvd", "dept",  "est",  "fig",  "vol",    "approx", "cf",  "al"};

// A subset of the English model's sentence starters.
constexpr std::array<std::string_view, 40> kSentStarters = {
    "a",         "among",    "and",   "as",      "at",    "because", "both",      "but",
    "for",       "he",       "his",   "however", "i",     "if",      "in",        "it",
    "meanwhile", "moreover", "mr",    "mrs",     "ms",    "she",     "so",        "still",
    "that",      "the",      "there", "these",   "they",  "this",    "those",     "today",
    "under",     "we",       "what",  "when",    "where", "while",   "yesterday", "yet"};

constexpr std::string_view kNonWord = ")\";}]*:@'({[!?";
constexpr std::string_view kNotWordStart = "(\"`{[:;&#*@)}]-,";

bool contains(std::string_view set, char c) {
  return set.find(c) != std::string_view::npos;
}

size_t space_len(std::string_view s, size_t p) {
  const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(s, p);
  return (c.size_bytes && c.code_point != 0xFFFD && mmlu_pro::is_python_space(c.code_point))
             ? c.size_bytes
             : 0;
}

size_t char_len(std::string_view s, size_t p) {
  return std::max<size_t>(1, mmlu_pro::utf8_char_at(s, p).size_bytes);
}

// Length of a multi-character punctuation token at p (--, .., or ". . ."), 0 if none.
size_t multichar_len(std::string_view s, size_t p) {
  auto run = [&](char c) {
    size_t q = p;
    while (q < s.size() && s[q] == c) ++q;
    return q - p;
  };
  if (p >= s.size()) return 0;
  if (s[p] == '-' && run('-') >= 2) return run('-');
  if (s[p] == '.' && run('.') >= 2) return run('.');
  // (?:\.\s){2,}\.  (greedy, with backtracking onto the last '.')
  std::vector<size_t> ends;  // end of each repetition
  size_t q = p;
  while (q < s.size() && s[q] == '.' && space_len(s, q + 1)) {
    q += 1 + space_len(s, q + 1);
    ends.push_back(q);
  }
  for (size_t k = ends.size(); k >= 2; --k) {
    if (ends[k - 1] < s.size() && s[ends[k - 1]] == '.') return ends[k - 1] + 1 - p;
  }
  return 0;
}

bool word_end_at(std::string_view s, size_t q) {
  if (q >= s.size() || space_len(s, q) || contains(kNonWord, s[q]) || multichar_len(s, q)) {
    return true;
  }
  if (s[q] != ',') return false;
  const size_t r = q + 1;
  return r >= s.size() || space_len(s, r) || contains(kNonWord, s[r]) || multichar_len(s, r);
}

// PunktLanguageVars.word_tokenize on one line: calls visit(token) for each token until it
// returns true (then returns true).
template <typename Visit>
bool tokenize_line(std::string_view line, Visit&& visit) {
  size_t p = 0;
  while (p < line.size()) {
    if (const size_t w = space_len(line, p)) {
      p += w;
      continue;
    }
    size_t len = multichar_len(line, p);
    if (!len && !contains(kNotWordStart, line[p])) {
      size_t q = p + char_len(line, p);
      while (!word_end_at(line, q)) q += char_len(line, q);
      len = q - p;
    }
    if (!len) len = char_len(line, p);
    if (visit(line.substr(p, len))) return true;
    p += len;
  }
  return false;
}

struct Token {
  std::string_view tok;
  std::string type;
  bool sentbreak = false;
  bool abbr = false;
  bool ellipsis = false;

  bool period_final() const { return !tok.empty() && tok.back() == '.'; }
  std::string type_no_period() const {
    return type.size() > 1 && type.back() == '.' ? type.substr(0, type.size() - 1) : type;
  }
  std::string type_no_sentperiod() const { return sentbreak ? type_no_period() : type; }
  bool is_initial() const {
    if (tok.size() < 2 || tok.back() != '.') return false;
    const mmlu_pro::Utf8Char c = mmlu_pro::utf8_char_at(tok, 0);
    const bool digit = c.code_point >= '0' && c.code_point <= '9';
    return c.size_bytes + 1 == tok.size() && mmlu_pro::is_python_word(c.code_point) && !digit;
  }
  bool is_ellipsis() const {
    return tok.size() >= 2 && tok.find_first_not_of('.') == std::string_view::npos;
  }
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// re.sub(r"^-?[\.,]?\d[\d,\.-]*\.?$", "##number##", tok.lower())
std::string token_type(std::string_view tok) {
  std::string lower = py_lower(tok);
  for (size_t start : {size_t{0}, size_t{1}}) {
    if (start == 1 && (lower.empty() || lower[0] != '-')) continue;
    for (size_t skip : {size_t{0}, size_t{1}}) {
      size_t i = start;
      if (skip && (i >= lower.size() || (lower[i] != '.' && lower[i] != ','))) continue;
      i += skip;
      if (i >= lower.size() || !is_digit(lower[i])) continue;
      if (lower.find_first_not_of("0123456789,.-", i) == std::string::npos) return "##number##";
    }
  }
  return lower;
}

template <size_t N>
bool in_list(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void first_pass(Token& t) {
  const std::string_view tok = t.tok;
  if (tok == "." || tok == "?" || tok == "!") {
    t.sentbreak = true;
  } else if (t.is_ellipsis()) {
    t.ellipsis = true;
  } else if (t.period_final() && !(tok.size() >= 2 && tok.substr(tok.size() - 2) == "..")) {
    const std::string stem = py_lower(tok.substr(0, tok.size() - 1));
    const std::string last =
        stem.substr(stem.rfind('-') == std::string::npos ? 0 : stem.rfind('-') + 1);
    if (in_list(kAbbreviations, stem) || in_list(kAbbreviations, last)) {
      t.abbr = true;
    } else {
      t.sentbreak = true;
    }
  }
}

// The orthographic heuristic with an empty orthographic context: nullopt stands for "unknown".
std::optional<bool> ortho_heuristic(const Token& next) {
  if (std::string_view(";:,.!?").find(next.tok) != std::string_view::npos) return false;
  if (py_first_is_lower(next.tok)) return false;
  return std::nullopt;
}

void second_pass(Token& t, const Token* next) {
  if (!next || !t.period_final()) return;
  const std::string typ = t.type_no_period();
  const std::string next_typ = next->type_no_sentperiod();
  const bool initial = t.is_initial();
  if ((t.abbr || t.ellipsis) && !initial) {
    if (ortho_heuristic(*next) == std::optional<bool>(true)) {
      t.sentbreak = true;
      return;
    }
    if (py_first_is_upper(next->tok) && in_list(kSentStarters, next_typ)) {
      t.sentbreak = true;
      return;
    }
  }
  if (initial || typ == "##number##") {
    const std::optional<bool> starter = ortho_heuristic(*next);
    if (starter == std::optional<bool>(false)) {
      t.sentbreak = false;
      t.abbr = true;
      return;
    }
    if (!starter && initial && py_first_is_upper(next->tok)) {
      t.sentbreak = false;
      t.abbr = true;
    }
  }
}

// Whether some token of the context is a break with a token after it. Tokens are annotated as
// they come (the second pass of a token needs only the next one), so a long context stops at its
// first break: a run of "!!!!" costs two tokens per check, not the whole run.
bool contains_sentbreak(std::string_view context) {
  Token prev;
  bool have_prev = false;
  auto visit = [&](std::string_view word) {
    Token t;
    t.tok = word;
    t.type = token_type(word);
    first_pass(t);
    if (have_prev) {
      second_pass(prev, &t);
      if (prev.sentbreak) return true;
    }
    prev = std::move(t);
    have_prev = true;
    return false;
  };
  for (size_t start = 0; start <= context.size();) {
    const size_t nl = std::min(context.find('\n', start), context.size());
    const std::string_view line = context.substr(start, nl - start);
    if (!py_strip(line).empty() && tokenize_line(line, visit)) return true;
    start = nl + 1;
  }
  return false;
}

struct EndMatch {
  size_t start;      // the sentence-end character
  size_t after_end;  // end of after_tok
  size_t next_tok;   // start of next_tok, npos when after_tok is punctuation
};

std::vector<EndMatch> end_matches(std::string_view text) {
  std::vector<EndMatch> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '.' && text[i] != '?' && text[i] != '!') continue;
    const size_t a = i + 1;
    if (a < text.size() && contains(kNonWord, text[a])) {
      out.push_back({i, a + 1, std::string_view::npos});
      continue;
    }
    size_t j = a;
    while (j < text.size() && space_len(text, j)) j += space_len(text, j);
    if (j == a || j >= text.size()) continue;
    size_t k = j;
    while (k < text.size() && !space_len(text, k)) k += char_len(text, k);
    out.push_back({i, k, j});
  }
  return out;
}

size_t last_ascii_space(std::string_view s) {
  for (size_t i = s.size(); i-- > 0;) {
    if (std::string_view(" \t\n\r\x0b\x0c").find(s[i]) != std::string_view::npos) return i;
  }
  return 0;
}

struct Slice {
  size_t start, stop;
};

std::vector<Slice> sentence_slices(std::string_view text) {
  std::vector<Slice> slices;
  size_t last_break = 0;
  auto consider = [&](const EndMatch& m, Slice prev_word) {
    // The previous word ends where the match starts: the context is one piece of the text.
    if (!contains_sentbreak(text.substr(prev_word.start, m.after_end - prev_word.start))) return;
    slices.push_back({last_break, m.start + 1});
    last_break = m.next_tok != std::string_view::npos ? m.next_tok : m.start + 1;
  };
  const std::vector<EndMatch> matches = end_matches(text);
  Slice prev_slice{0, 0};
  const EndMatch* prev_match = nullptr;
  for (const EndMatch& m : matches) {
    const std::string_view before = text.substr(prev_slice.stop, m.start - prev_slice.stop);
    size_t word_start = last_ascii_space(before);
    word_start = word_start ? word_start + prev_slice.stop + 1 : prev_slice.start;
    const Slice word{word_start, m.start};
    if (prev_match && prev_slice.stop <= word.start) consider(*prev_match, prev_slice);
    prev_match = &m;
    prev_slice = word;
  }
  if (prev_match) consider(*prev_match, prev_slice);
  slices.push_back({last_break, text.size()});
  return slices;
}

// re.match(r'["\')\]}]+?(?:\s+|(?=--)|$)', s, re.MULTILINE): its end, or npos.
size_t realignment_end(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && contains("\"')]}", s[i])) {
    ++i;
    if (i < s.size() && space_len(s, i)) {
      while (i < s.size() && space_len(s, i)) i += space_len(s, i);
      return i;
    }
    if (i == s.size() || s.substr(i, 2) == "--") return i;
  }
  return std::string_view::npos;
}

}  // namespace

size_t punkt_count_sentences(std::string_view text) {
  const std::vector<Slice> slices = sentence_slices(text);
  size_t count = 0, realign = 0;
  for (size_t i = 0; i < slices.size(); ++i) {
    const Slice s1{slices[i].start + realign, slices[i].stop};
    if (i + 1 == slices.size()) {
      if (s1.start < s1.stop) ++count;
      break;
    }
    const Slice& s2 = slices[i + 1];
    const size_t m = realignment_end(text.substr(s2.start, s2.stop - s2.start));
    if (m != std::string_view::npos) {
      ++count;
      realign = m;
    } else {
      realign = 0;
      if (s1.start < s1.stop) ++count;
    }
  }
  return count;
}

}  // namespace ys::livebench
