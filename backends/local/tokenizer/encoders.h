// The two merge algorithms, applied to one fragment of plain text (special tokens already split
// off). Both append token ids to `out`. Pure functions of the Vocab; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "backends/local/tokenizer/vocab.h"

namespace ys::engine {

// Byte-level BPE: pre-tokenize, map bytes to the GPT-2 alphabet, then apply merges by rank
// (lowest first, leftmost on ties) within each word.
void bpe_encode(const Vocab& vocab, std::string_view text, std::vector<int32_t>* out);

// SentencePiece-style BPE: `text` already has spaces replaced by U+2581. Merges adjacent pieces
// whose concatenation is a token, highest score first; pieces that are not tokens fall back to
// <0xXX> byte tokens.
void spm_encode(const Vocab& vocab, std::string_view text, std::vector<int32_t>* out);

}  // namespace ys::engine
