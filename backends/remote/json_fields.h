// Lenient field readers shared by the API dialects (openai_dialect.cpp, anthropic_dialect.cpp) for
// the optional parts of a reply (usage counts, reasoning text, stream deltas): a missing or
// mistyped field reads as 0 or "", never as an error. Required fields are checked where they are
// read, with messages that name them. Thread-safe; never throws.
#pragma once

#include <cstdint>
#include <string>

#include "harness/core/types.h"

namespace ys::remote {

// j[key] when j is an object holding a number there, else 0 (a fraction is truncated).
inline int64_t int_or_zero(const Json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  return it->get<int64_t>();
}

// j[key] when j is an object holding a string there, else "".
inline std::string string_or_empty(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace ys::remote
