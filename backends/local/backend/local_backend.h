// The `local:` Backend: answers chat, completion and loglik requests with the in-process CPU
// engine (backends/local/engine) and the GGUF's own tokenizer. Format and behaviour:
// docs/engine-backend.md.
//
//   auto b = make_local_backend(spec, ctx);   // spec.target = path of a .gguf
//   b->submit(1, request);  auto done = b->poll(100);
//
// Contract: identity() is "gguf-sha256:<hex>" of the model file, hashed at load unless the hash
// cache (hash_cache.h; location from ctx.getenv: XDG_CACHE_HOME, HOME) knows it. poll()
// runs queued requests one at a time, to completion, oldest first (timeout_ms only bounds how
// many it starts: it returns after the first request that ends past the deadline). Failures are
// Responses with error_kind engine (never retryable): prompt longer than n_ctx, engine errors.
// Errors from make_local_backend name the file or the option at fault. Driven from one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/core/backend.h"
#include "harness/core/expected.h"
#include "harness/core/model_spec.h"
#include "harness/core/types.h"

namespace ys {

enum class ChatTemplate { raw, chatml, llama3 };

// "auto" reads the GGUF's tokenizer.chat_template: `<|im_start|>` -> chatml,
// `<|start_header_id|>` -> llama3, otherwise raw. Explicit names select directly.
ChatTemplate detect_chat_template(const std::string& gguf_template_text);

// Renders messages as the prompt text (with control tokens as text) and the assistant header.
// raw: the messages' contents joined by "\n\n" followed by "\n\n".
std::string render_chat(ChatTemplate tmpl, const std::vector<Message>& messages);

// Options (spec.options): threads (int, default: hardware threads), n_ctx (int, default
// min(model context, 4096)), chat_template ("auto" | "chatml" | "llama3" | "raw", default auto).
Expected<std::unique_ptr<Backend>> make_local_backend(const ModelSpec& spec,
                                                      const BackendContext& ctx);

}  // namespace ys
