// tiktoken's o200k_base encoding (OpenAI's tokenizer for gpt-4o; tiktoken.encoding_for_model(
// "gpt-4o")), re-implemented so that token counts equal tiktoken's: Arena-Hard counts answer
// tokens with it (utils/add_markdown_info.py: len(encoder.encode(answer, disallowed_special=()))).
//   1. pre-tokenizer: o200k's pattern, matched by hand with the regex's own semantics (ordered
//      alternatives, greedy quantifiers with backtracking), Unicode general categories from
//      harness/core/unicode_categories.h, \s = Unicode White_Space (tiktoken's Rust regex);
//   2. byte-pair merge of each piece with the o200k_base ranks (the lowest-ranked adjacent pair
//      first, leftmost on ties), as tiktoken's _byte_pair_merge.
// Special tokens are ordinary text (disallowed_special=()). The ranks are built into the binary
// (datasets/tiktoken/o200k_base.ranks, format and license in datasets/tiktoken/README.md) and
// parsed on first use (~0.2 s, ~20 MB). Thread-safe after construction; never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ys::tiktoken {

// The pieces o200k's pre-tokenizer splits `text` into (views into `text`, in order, covering it).
// Invalid UTF-8 bytes count as one "other" character each.
std::vector<std::string_view> o200k_pretokenize(std::string_view text);

class O200k {
 public:
  // The shared instance (ranks parsed once, on first call).
  static const O200k& instance();

  std::vector<uint32_t> encode(std::string_view text) const;
  int64_t count_tokens(std::string_view text) const;

  size_t vocabulary_size() const { return ranks_.size(); }

 private:
  O200k();
  void merge_piece(std::string_view piece, std::vector<uint32_t>& out) const;
  std::unordered_map<std::string, uint32_t> ranks_;
};

}  // namespace ys::tiktoken
