// Vocab: the token table of a tokenizer as read from GGUF metadata (`tokenizer.ggml.*`), with the
// lookup structures the encoders need (text -> id, merge ranks). Built once, then read-only and
// safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/tokenizer/flat_index.h"
#include "backends/local/tokenizer/pretokenize.h"
#include "harness/core/expected.h"

namespace ys::engine {

// `tokenizer.ggml.token_type` values.
enum class TokenType : int32_t {
  undefined = 0,
  normal = 1,
  unknown = 2,
  control = 3,
  user_defined = 4,
  unused = 5,
  byte = 6,
};

enum class VocabKind { bpe, spm };

struct Vocab {
  Vocab() = default;
  Vocab(Vocab&&) = default;
  Vocab& operator=(Vocab&&) = default;
  Vocab(const Vocab&) = delete;
  Vocab& operator=(const Vocab&) = delete;

  VocabKind kind = VocabKind::bpe;
  PreTokenizer pre = PreTokenizer::gpt2;  // bpe only
  bool ignore_merges = false;             // bpe: a word that is a whole token skips merging
  bool add_space_prefix = true;           // spm: prepend ' ' to the text (and the first fragment)
  bool add_bos = false;
  bool add_eos = false;
  int32_t bos = -1, eos = -1, eot = -1, eom = -1, unk = -1, pad = -1;

  std::vector<std::string> text;  // by id
  std::vector<TokenType> type;    // by id
  std::vector<float> score;       // by id (spm)
  // text -> id (the last id wins on duplicates); keys point into `text`, whose strings never move
  // after loading (moving a Vocab keeps the vector's buffer; copying is disabled for that reason).
  FlatIndex<std::string_view> id_of;
  // pair_key(left id, right id) -> rank (bpe); merges whose parts are not both tokens are kept in
  // merge_rank_by_text under merge_key(left, right).
  FlatIndex<uint64_t, PairHash> merge_rank;
  std::unordered_map<std::string, int32_t> merge_rank_by_text;
  std::vector<int32_t> special_by_length;  // control/user-defined/unknown ids, longest text first
  std::vector<int32_t> eog;                // end-of-generation ids, sorted
  int32_t byte_token[256];                 // spm: id of <0xXX>, or -1

  int32_t n_tokens() const { return static_cast<int32_t>(text.size()); }
  int32_t find(std::string_view t) const;                             // -1 if absent
  int32_t rank(std::string_view left, std::string_view right) const;  // -1 if no merge
  static std::string merge_key(std::string_view left, std::string_view right);
  static uint64_t pair_key(int32_t left, int32_t right) {
    return (uint64_t{static_cast<uint32_t>(left)} << 32) | static_cast<uint32_t>(right);
  }
};

// Reads the vocabulary. Errors name the key at fault: missing or mistyped tokens, array lengths
// that disagree, special ids out of range, malformed merges, unsupported model or pre-tokenizer.
Expected<Vocab> load_vocab(const gguf::File& file);

}  // namespace ys::engine
