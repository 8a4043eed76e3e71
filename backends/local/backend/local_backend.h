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
#include <string>

#include "backends/local/backend/chat_template.h"
#include "harness/core/backend.h"
#include "harness/core/expected.h"
#include "harness/core/model_spec.h"
#include "harness/core/types.h"

namespace ys {

// Options (spec.options): threads (int, default: hardware threads), n_ctx (int, default
// min(model context, 4096)), batch (int, default 8: generations decoded together, the most
// requests in flight), chat_template ("auto" or a name from chat_template.h, default auto). Unknown
// options are errors.
Expected<std::unique_ptr<Backend>> make_local_backend(const ModelSpec& spec,
                                                      const BackendContext& ctx);

}  // namespace ys
