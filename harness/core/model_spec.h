// ModelSpec: which model to run and through which backend, parsed from the command line
// (`NAME=KIND:TARGET`) or from a config file's `models:` entry.
#pragma once

#include <string>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

struct ModelSpec {
  std::string name;  // display name, unique within a run (defaults to TARGET)
  std::string kind;  // backend table key: "openai", "openai-compat", "anthropic", "local", "replay"
  std::string target;  // kind-specific: model id, "BASE_URL#MODEL", a file path
  Json options =
      Json::object();  // kind-specific settings (base_url, api_key_env, headers, timeout_ms, ...)
  GenParams params;    // default sampling params for this model; suite and item params win
};

// Parses "NAME=KIND:TARGET" or "KIND:TARGET". Errors say what is wrong and show the accepted form.
Expected<ModelSpec> parse_model_spec(const std::string& text);

// Builds a spec from a config entry: {name, backend|kind, model|target|path, base_url, ...}.
// Unknown keys go to options. `where` names the config location for error messages.
Expected<ModelSpec> model_spec_from_json(const Json& j, const std::string& where);

}  // namespace ys
