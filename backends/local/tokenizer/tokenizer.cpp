#include "backends/local/tokenizer/tokenizer.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "backends/local/tokenizer/encoders.h"
#include "backends/local/tokenizer/unicode.h"

namespace ys::engine {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The byte of a "<0xXX>" token, or -1 for any other text.
int byte_token_value(const std::string& text) {
  if (text.size() != 6 || text.compare(0, 3, "<0x") != 0 || text[5] != '>') return -1;
  int hi = hex_digit(text[3]);
  int lo = hex_digit(text[4]);
  return (hi < 0 || lo < 0) ? -1 : hi * 16 + lo;
}

}  // namespace

struct Tokenizer::Fragment {
  int32_t token;  // -1 for plain text
  size_t begin;
  size_t size;
};

Expected<std::unique_ptr<Tokenizer>> Tokenizer::from_gguf(const gguf::File& f) {
  std::optional<Expected<Vocab>> vocab;
  try {
    vocab.emplace(load_vocab(f));
  } catch (const std::exception& e) {  // allocation failure on a hostile vocabulary
    return Error{std::string("tokenizer: cannot load vocabulary: ") + e.what()};
  }
  if (!vocab->ok()) return vocab->error();
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(*vocab).value()));
}

// Splits off special tokens, longest first; each special token is searched in the plain-text
// fragments left by the longer ones (llama.cpp's tokenizer_st_partition).
std::vector<Tokenizer::Fragment> Tokenizer::split_special(std::string_view text,
                                                          bool parse_special) const {
  std::vector<Fragment> frags{{-1, 0, text.size()}};
  for (int32_t id : vocab_.special_by_length) {
    TokenType type = vocab_.type[id];
    if (!parse_special && type != TokenType::user_defined) continue;
    const std::string& special = vocab_.text[id];
    std::vector<Fragment> next;
    for (const Fragment& f : frags) {
      if (f.token >= 0 || f.size < special.size()) {
        next.push_back(f);
        continue;
      }
      size_t pos = f.begin;
      size_t end = f.begin + f.size;
      while (true) {
        size_t hit = text.substr(0, end).find(special, pos);
        if (hit == std::string_view::npos) break;
        if (hit > pos) next.push_back({-1, pos, hit - pos});
        next.push_back({id, hit, special.size()});
        pos = hit + special.size();
      }
      if (pos < end) next.push_back({-1, pos, end - pos});
    }
    frags.swap(next);
  }
  return frags;
}

void Tokenizer::encode_text(std::string_view text, bool after_special,
                            std::vector<int32_t>* out) const {
  if (vocab_.kind == VocabKind::bpe) {
    bpe_encode(vocab_, text, out);
    return;
  }
  // SentencePiece: a space before text that starts the input or follows a special token, and
  // every space written as U+2581.
  std::string escaped;
  if (vocab_.add_space_prefix && after_special) escaped = "\xE2\x96\x81";
  for (char c : text) {
    if (c == ' ') {
      escaped += "\xE2\x96\x81";
    } else {
      escaped += c;
    }
  }
  spm_encode(vocab_, escaped, out);
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special,
                                       bool parse_special) const {
  std::vector<int32_t> out;
  if (add_special && vocab_.add_bos && vocab_.bos >= 0) out.push_back(vocab_.bos);
  if (!text.empty()) {
    bool after_special = true;
    for (const Fragment& f : split_special(text, parse_special)) {
      if (f.token >= 0) {
        out.push_back(f.token);
        after_special = true;
      } else {
        encode_text(text.substr(f.begin, f.size), after_special, &out);
        after_special = false;
      }
    }
  }
  if (add_special && vocab_.add_eos && vocab_.eos >= 0) out.push_back(vocab_.eos);
  return out;
}

std::string Tokenizer::token_to_piece(int32_t id) const {
  if (id < 0 || id >= vocab_.n_tokens()) return "";
  const std::string& text = vocab_.text[id];
  switch (vocab_.type[id]) {
    case TokenType::control:
    case TokenType::user_defined:
    case TokenType::unknown:
      return text;
    case TokenType::unused:
    case TokenType::undefined:
      return "";
    case TokenType::byte:
      if (vocab_.kind == VocabKind::spm) {
        int byte = byte_token_value(text);
        if (byte >= 0) return std::string(1, static_cast<char>(byte));
      }
      break;
    case TokenType::normal:
      break;
  }
  std::string out;
  if (vocab_.kind == VocabKind::spm) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 3, "\xE2\x96\x81") == 0) {
        out += ' ';
        i += 2;
      } else {
        out += text[i];
      }
    }
    return out;
  }
  for (uint32_t cp : unicode::decode_utf8(text)) {
    int byte = unicode::symbol_to_byte(cp);
    if (byte >= 0) {
      out += static_cast<char>(byte);
    } else {
      unicode::append_utf8(cp, &out);  // not in the byte alphabet: keep the character
    }
  }
  return out;
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids) const {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string piece = token_to_piece(ids[i]);
    if (i == 0 && vocab_.kind == VocabKind::spm && vocab_.add_space_prefix && !piece.empty() &&
        piece[0] == ' ') {
      piece.erase(0, 1);
    }
    out += piece;
  }
  return out;
}

bool Tokenizer::is_eog(int32_t id) const {
  return std::binary_search(vocab_.eog.begin(), vocab_.eog.end(), id);
}

bool Tokenizer::is_control(int32_t id) const {
  if (id < 0 || id >= vocab_.n_tokens()) return false;
  TokenType t = vocab_.type[id];
  return t == TokenType::control || t == TokenType::unknown;
}

std::string IncrementalDetokenizer::push(int32_t id) {
  pending_ += tokenizer_.token_to_piece(id);
  size_t keep = unicode::incomplete_utf8_tail(pending_);
  std::string ready = pending_.substr(0, pending_.size() - keep);
  pending_.erase(0, pending_.size() - keep);
  return ready;
}

std::string IncrementalDetokenizer::flush() {
  std::string rest;
  rest.swap(pending_);
  return rest;
}

}  // namespace ys::engine
