// libFuzzer entry point: GGUF parsing and, when the input carries a vocabulary, tokenizer loading,
// encoding and decoding. Built by scripts/fuzz-gguf.sh (not part of ys_engine). Any crash,
// sanitizer report or hang is a bug: hostile files must only ever produce an Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "backends/local/gguf/gguf.h"
#include "backends/local/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = ys::gguf::File::from_bytes(std::string(reinterpret_cast<const char*>(data), size));
  if (!file.ok()) return 0;
  for (const ys::gguf::TensorInfo& t : (*file)->tensors()) {
    // Touch the first and last byte of every tensor: ASan catches a range past the buffer.
    if (t.size_bytes > 0 && (t.data[0] ^ t.data[t.size_bytes - 1]) == 0x5A) (void)t;
  }
  if (!(*file)->has("tokenizer.ggml.tokens")) return 0;
  auto tok = ys::engine::Tokenizer::from_gguf(**file);
  if (!tok.ok()) return 0;
  const char* text = "Hello  world's 1234 \xC3\xA9\xE2\x96\x81<|im_start|><s>\n\t\xF0\x9F\x98";
  for (bool special : {false, true}) {
    auto ids = (*tok)->encode(text, special, special);
    (void)(*tok)->decode(ids);
  }
  ys::engine::IncrementalDetokenizer stream(**tok);
  for (int32_t id = -1; id < 300 && id < (*tok)->n_vocab() + 1; ++id) (void)stream.push(id);
  (void)stream.flush();
  return 0;
}
