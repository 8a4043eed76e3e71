// Tokenizer: text <-> token ids for a GGUF model, following llama.cpp's rules so ids match it
// exactly. Supports byte-level BPE (`tokenizer.ggml.model` = gpt2, pre-tokenizers llama-bpe,
// qwen2, gpt-2 and aliases) and SentencePiece-style BPE (`llama`, byte fallback). Details and
// sources: docs/engine-tokenizer.md.
//
// Errors: from_gguf returns an Error naming the metadata key at fault. encode/decode never fail:
// invalid UTF-8 input is encoded as U+FFFD per bad byte, unknown ids decode to "".
// Ownership: the Tokenizer copies what it needs; the gguf::File may be closed afterwards.
// Thread-safety: immutable after construction; all const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "backends/local/tokenizer/vocab.h"
#include "harness/core/expected.h"

namespace ys::engine {

class Tokenizer {
 public:
  static Expected<std::unique_ptr<Tokenizer>> from_gguf(const gguf::File& f);

  // add_special: prepend BOS / append EOS as the vocabulary's add_bos/add_eos flags say.
  // parse_special: text equal to a control token (e.g. "<|im_start|>") becomes that token;
  // user-defined (added) tokens are matched whole in either case, as llama.cpp does.
  std::vector<int32_t> encode(std::string_view text, bool add_special, bool parse_special) const;

  // Raw bytes of one token: normal tokens decoded from the byte alphabet (BPE) or with U+2581 as
  // a space (SPM), byte tokens as their byte, control/user-defined/unknown tokens as their text,
  // unused tokens and ids out of range as "". May be an incomplete UTF-8 sequence.
  std::string token_to_piece(int32_t id) const;

  // Concatenated pieces; for SPM vocabularies with a space prefix, the one leading space that
  // encode adds is removed. decode(encode(x, false, false)) == x for valid UTF-8 x.
  std::string decode(const std::vector<int32_t>& ids) const;

  int32_t bos() const { return vocab_.bos; }
  int32_t eos() const { return vocab_.eos; }
  int32_t eot() const { return vocab_.eot; }  // -1 when absent
  bool is_eog(int32_t id) const;              // end of generation (eos, eot, eom, <|im_end|> ...)
  bool is_control(int32_t id) const;          // control or unknown token (not text)
  bool add_bos() const { return vocab_.add_bos; }
  int32_t n_vocab() const { return vocab_.n_tokens(); }
  int32_t find_token(std::string_view text) const { return vocab_.find(text); }  // -1 if absent
  const Vocab& vocab() const { return vocab_; }

 private:
  explicit Tokenizer(Vocab vocab) : vocab_(std::move(vocab)) {}
  struct Fragment;
  std::vector<Fragment> split_special(std::string_view text, bool parse_special) const;
  void encode_text(std::string_view text, bool after_special, std::vector<int32_t>* out) const;

  Vocab vocab_;
};

// Streaming decode for generation: push ids one at a time and get back only complete UTF-8;
// the bytes of a character split across tokens are held until it is complete. No leading space
// is stripped (a continuation keeps its space). Not thread-safe; one per sequence.
class IncrementalDetokenizer {
 public:
  explicit IncrementalDetokenizer(const Tokenizer& tokenizer) : tokenizer_(tokenizer) {}
  std::string push(int32_t id);  // text that became complete with this token (may be "")
  std::string flush();           // whatever is held back, even if incomplete; resets
  size_t pending_bytes() const { return pending_.size(); }

 private:
  const Tokenizer& tokenizer_;
  std::string pending_;
};

}  // namespace ys::engine
