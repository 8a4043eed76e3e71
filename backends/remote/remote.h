// Factories for the remote API backends (rows of the backend table in backends/registry.cpp).
// Options, defaults and error behaviour are documented in docs/backends-remote.md.
//
// Both return an Error (never throw) for a bad spec: unknown or mistyped option, missing API key,
// malformed target. The returned backend never exposes the API key: not in identity(), not in any
// Response field (it is redacted from error messages and text).
#pragma once

#include <memory>

#include "harness/core/backend.h"
#include "harness/core/expected.h"
#include "harness/core/model_spec.h"

namespace ys {

// kind "openai": target = model id; base_url option, default https://api.openai.com/v1; key from
// env OPENAI_API_KEY (or the api_key_env option), required.
// kind "openai-compat": target = "BASE_URL#MODEL" (or base_url option + target MODEL); key
// optional (read from api_key_env when that option is given). Several servers of one model:
// "URL1,URL2#MODEL" or a list as base_url (requests spread over them, remote_backend.h).
Expected<std::unique_ptr<Backend>> make_openai_backend(const ModelSpec& spec,
                                                       const BackendContext& ctx);

// kind "anthropic": target = model id; base_url default https://api.anthropic.com/v1; key from
// env ANTHROPIC_API_KEY (or api_key_env), required; sends the anthropic-version header.
Expected<std::unique_ptr<Backend>> make_anthropic_backend(const ModelSpec& spec,
                                                          const BackendContext& ctx);

}  // namespace ys
