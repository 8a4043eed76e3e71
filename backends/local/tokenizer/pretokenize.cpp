// The splitting follows the regex alternatives in order, as a backtracking regex engine would pick
// them (first alternative that matches at the position wins); comments name the alternative.
#include "backends/local/tokenizer/pretokenize.h"

#include "backends/local/tokenizer/unicode.h"

namespace ys::engine {
namespace {

constexpr uint32_t kNone = 0xFFFFFFFF;  // "past the end"

class Splitter {
 public:
  explicit Splitter(const std::vector<uint32_t>& cpts) : c_(cpts) {}

  uint32_t at(size_t i) const { return i < c_.size() ? c_[i] : kNone; }
  bool letter(size_t i) const { return i < c_.size() && unicode::is_letter(c_[i]); }
  bool number(size_t i) const { return i < c_.size() && unicode::is_number(c_[i]); }
  bool space(size_t i) const { return i < c_.size() && unicode::is_whitespace(c_[i]); }
  // [^\s\p{L}\p{N}]: any codepoint that is none of the three classes.
  bool other(size_t i) const { return i < c_.size() && !space(i) && !letter(i) && !number(i); }
  size_t size() const { return c_.size(); }

  void emit(size_t end) {
    if (end > prev_) out_.push_back({prev_, end - prev_});
    prev_ = end;
  }
  std::vector<WordSpan> take() { return std::move(out_); }

  // 's 't 're 've 'm 'll 'd; returns the length matched (0 if none).
  size_t contraction(size_t pos, bool any_case) const {
    if (at(pos) != '\'') return 0;
    auto lower = [&](size_t i) {
      uint32_t c = at(i);
      return (any_case && c >= 'A' && c <= 'Z') ? c + 32 : c;
    };
    uint32_t a = lower(pos + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
    uint32_t b = lower(pos + 2);
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
    return 0;
  }

  // Whitespace alternatives shared by both families; returns the end of the match.
  // \s*[\r\n]+ (llama3 only) | \s+(?!\S) | \s+
  size_t whitespace_run(size_t pos, bool newline_rule) const {
    size_t n = 0;
    size_t last_newline_end = 0;
    while (space(pos + n)) {
      if (at(pos + n) == '\r' || at(pos + n) == '\n') last_newline_end = pos + n + 1;
      ++n;
    }
    if (newline_rule && last_newline_end > 0) return last_newline_end;
    if (n > 1 && pos + n < size()) return pos + n - 1;
    return pos + (n > 0 ? n : 1);  // \s+, or one codepoint when nothing matched
  }

 private:
  const std::vector<uint32_t>& c_;
  std::vector<WordSpan> out_;
  size_t prev_ = 0;
};

// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|
// \s*[\r\n]+|\s+(?!\S)|\s+      with D = 3 (llama3) or 1 (qwen2)
std::vector<WordSpan> split_llama3(const std::vector<uint32_t>& cpts, size_t max_digits) {
  Splitter s(cpts);
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t c = s.at(pos);
    if (size_t n = s.contraction(pos, true)) {
      pos += n;
    } else if (c != '\r' && c != '\n' && !s.number(pos) && (s.letter(pos) || s.letter(pos + 1))) {
      ++pos;
      while (s.letter(pos)) ++pos;
    } else if (s.number(pos)) {
      size_t start = pos;
      while (s.number(pos) && pos - start < max_digits) ++pos;
    } else if (s.other(pos) || (c == ' ' && s.other(pos + 1))) {
      if (c == ' ') ++pos;
      while (s.other(pos)) ++pos;
      while (s.at(pos) == '\r' || s.at(pos) == '\n') ++pos;
    } else {
      pos = s.whitespace_run(pos, true);
    }
    s.emit(pos);
  }
  return s.take();
}

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
std::vector<WordSpan> split_gpt2(const std::vector<uint32_t>& cpts) {
  Splitter s(cpts);
  size_t pos = 0;
  while (pos < s.size()) {
    size_t body = s.at(pos) == ' ' ? pos + 1 : pos;  // after the optional leading space
    if (size_t n = s.contraction(pos, false)) {
      pos += n;
    } else if (s.letter(body)) {
      pos = body;
      while (s.letter(pos)) ++pos;
    } else if (s.number(body)) {
      pos = body;
      while (s.number(pos)) ++pos;
    } else if (s.other(body)) {
      pos = body;
      while (s.other(pos)) ++pos;
    } else {
      pos = s.whitespace_run(pos, false);
    }
    s.emit(pos);
  }
  return s.take();
}

// Two patterns in sequence, as llama.cpp applies a list of regexes: \p{N} first (each digit a
// word, the text between digits kept as pieces), then the gpt2 pattern inside each piece.
std::vector<WordSpan> split_digits_then_gpt2(const std::vector<uint32_t>& cpts) {
  std::vector<WordSpan> out;
  size_t pos = 0;
  while (pos < cpts.size()) {
    if (unicode::is_number(cpts[pos])) {
      out.push_back({pos, 1});
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < cpts.size() && !unicode::is_number(cpts[end])) ++end;
    std::vector<uint32_t> piece(cpts.begin() + static_cast<std::ptrdiff_t>(pos),
                                cpts.begin() + static_cast<std::ptrdiff_t>(end));
    for (WordSpan w : split_gpt2(piece)) out.push_back({w.begin + pos, w.length});
    pos = end;
  }
  return out;
}

}  // namespace

std::optional<PreTokenizer> pre_tokenizer_from_name(const std::string& name) {
  // Aliases as grouped by llama.cpp's vocabulary loader.
  for (const char* n : {"llama-bpe", "llama3", "llama-v3", "dbrx", "smaug-bpe", "falcon3"}) {
    if (name == n) return PreTokenizer::llama3;
  }
  for (const char* n : {"qwen2", "deepseek-r1-qwen", "megrez"}) {
    if (name == n) return PreTokenizer::qwen2;
  }
  for (const char* n : {"gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es",
                        "jina-v2-de", "jina-v2-code", "roberta-bpe"}) {
    if (name == n) return PreTokenizer::gpt2;
  }
  for (const char* n :
       {"starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b"}) {
    if (name == n) return PreTokenizer::digits_then_gpt2;
  }
  return std::nullopt;
}

std::vector<WordSpan> pretokenize(PreTokenizer kind, const std::vector<uint32_t>& cpts) {
  switch (kind) {
    case PreTokenizer::llama3:
      return split_llama3(cpts, 3);
    case PreTokenizer::qwen2:
      return split_llama3(cpts, 1);
    case PreTokenizer::gpt2:
      return split_gpt2(cpts);
    case PreTokenizer::digits_then_gpt2:
      return split_digits_then_gpt2(cpts);
  }
  return {};
}

}  // namespace ys::engine
