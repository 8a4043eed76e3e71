// Pre-tokenizers of the byte-level BPE vocabularies: split text into words before BPE merges.
// They reproduce, by hand, the regexes llama.cpp applies for each `tokenizer.ggml.pre` family
// (see docs/engine-tokenizer.md for the exact patterns). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ys::engine {

enum class PreTokenizer {
  llama3,  // Llama 3: contractions (any case), letters with one leading non-letter, 1-3 digits
  qwen2,   // as llama3, but every digit is its own word
  gpt2,    // GPT-2: contractions (lower case), ' ?' letters / digits / other, whitespace runs
  digits_then_gpt2,  // StarCoder, SmolLM, Command-R...: every digit alone, then gpt2 between
};

// Maps a `tokenizer.ggml.pre` value to its family; nullopt for names this engine lacks.
std::optional<PreTokenizer> pre_tokenizer_from_name(const std::string& name);

struct WordSpan {
  size_t begin;  // codepoint index
  size_t length;
};

// Splits a codepoint sequence into words; the spans cover the input exactly, in order.
std::vector<WordSpan> pretokenize(PreTokenizer kind, const std::vector<uint32_t>& cpts);

}  // namespace ys::engine
