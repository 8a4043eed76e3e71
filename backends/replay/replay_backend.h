// The replay backend: answers from a file of recorded responses instead of a model. Useful to
// score outputs produced elsewhere and to run demos and tests without a server.
// File format (docs/backends.md): JSONL, one {"prompt": P, "response": R} per line, where P is the
// text of the request's last user message (chat) or its prompt (completion); optional "reasoning".
// A request with no recording fails with a client error naming the prompt's start.
#pragma once

#include <memory>

#include "harness/core/backend.h"
#include "harness/core/model_spec.h"

namespace ys {

// spec.target: path of the recording. Identity: "replay|<sha256 of the file>".
Expected<std::unique_ptr<Backend>> make_replay_backend(const ModelSpec& spec,
                                                       const BackendContext& ctx);

}  // namespace ys
