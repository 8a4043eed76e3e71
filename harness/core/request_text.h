// The text a request is "about": its last user message (chat) or its prompt (completion, loglik).
// Used to match recorded answers and to show requests in reports. Pure, thread-safe.
#pragma once

#include <string>

#include "harness/core/types.h"

namespace ys {

inline std::string request_text(const Request& r) {
  if (r.kind != RequestKind::chat) return r.prompt;
  for (auto it = r.messages.rbegin(); it != r.messages.rend(); ++it)
    if (it->role == "user") return it->content;
  return {};
}

}  // namespace ys
