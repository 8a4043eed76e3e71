// The `local:` Backend: answers chat, completion and loglik requests with the in-process CPU
// engine (backends/local/engine) and the GGUF's own tokenizer. Format and behaviour:
// docs/engine-backend.md.
//
//   auto b = make_local_backend(spec, ctx);   // spec.target = path of a .gguf
//   b->submit(1, request);  auto done = b->poll(100);
//
// Contract: identity() is "gguf-sha256:<hex>" of the model file, hashed at load unless the hash
// cache (hash_cache.h; location from ctx.getenv: XDG_CACHE_HOME, HOME) knows it. Up to `batch`
// generation requests are decoded together, one token of each per engine step (their prompts are
// evaluated one at a time when they start); poll() returns as soon as one finishes or the
// deadline passes. Loglik requests run to completion when started (the context once, forked per
// continuation). Failures are
// Responses with error_kind engine (never retryable): prompt longer than n_ctx, engine errors.
// Errors from make_local_backend name the file or the option at fault. Driven from one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/backend.h"
#include "harness/core/expected.h"
#include "harness/core/model_spec.h"
#include "harness/core/types.h"

namespace ys {

enum class ChatTemplate { raw, chatml, llama3, llama2, gemma, phi3 };

// The family of a GGUF's tokenizer.chat_template text, from markers in it: `<|im_start|>` ->
// chatml, `<|start_header_id|>` -> llama3, `<start_of_turn>` -> gemma, `<|user|>` with `<|end|>`
// -> phi3, `[INST]` -> llama2 (Llama 2 and Mistral). An empty text (base models) -> raw; any other
// text -> nullopt (chat requests then fail with a message suggesting the chat_template option).
std::optional<ChatTemplate> detect_chat_template(const std::string& gguf_template_text);

// "chatml", "llama3", "llama2", "gemma", "phi3", "raw" -> the template; nullopt otherwise.
std::optional<ChatTemplate> chat_template_from_name(const std::string& name);
std::string chat_template_names();  // the names above, comma-separated

// Renders messages as the prompt text (with control tokens as text) and the assistant header.
// raw: the messages' contents joined by "\n\n" followed by "\n\n". gemma and llama2 have no
// system turn: system text opens the first user turn (llama2 inside <<SYS>> ... <</SYS>>).
std::string render_chat(ChatTemplate tmpl, const std::vector<Message>& messages);

// Options (spec.options): threads (int, default: hardware threads), n_ctx (int, default
// min(model context, 4096)), batch (int, default 8: generations decoded together, the most
// requests in flight), chat_template ("auto" or a name above, default auto). Unknown options are
// errors.
Expected<std::unique_ptr<Backend>> make_local_backend(const ModelSpec& spec,
                                                      const BackendContext& ctx);

}  // namespace ys
