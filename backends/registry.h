// The table of backend kinds: name, one-line description, factory. Model specs name a kind
// ("openai:gpt-4o-mini"); adding a backend means adding one row to kBackendKinds in registry.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/core/backend.h"
#include "harness/core/model_spec.h"

namespace ys {

struct BackendKind {
  const char* name;
  const char* description;
  Expected<std::unique_ptr<Backend>> (*make)(const ModelSpec& spec, const BackendContext& ctx);
};

const std::vector<BackendKind>& backend_kinds();

// Finds spec.kind in the table and builds the backend; unknown kinds list the known ones.
Expected<std::unique_ptr<Backend>> make_backend(const ModelSpec& spec, const BackendContext& ctx);

// A BackendContext reading the real environment.
BackendContext default_backend_context();

}  // namespace ys
