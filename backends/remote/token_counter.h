// Prompt token counts from a remote server, for the suites' context budget (Backend::
// count_tokens; docs/backends-remote.md, "Context size and token counts").
//
// llama.cpp's server and vLLM answer POST <root>/tokenize (root = the base URL without a trailing
// "/v1") with {"tokens": [...]} (vLLM also sends "count"); the request carries both servers'
// field names: {"model", "prompt", "content"}. When the endpoint is absent or the first call fails
// in any way, the counter uses the estimate for the rest of its life: ceil(bytes / 3), on the safe
// side of common BPE vocabularies (about 4 bytes per token for English text), so examples are
// dropped early rather than a prompt overflowing the server's context. A later failure after a
// success also falls back to the estimate, for that text only.
//
// Blocking (one HTTP call per count, timeout as configured); one thread; never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ys::remote {

// ceil(bytes / 3); 0 for "".
int estimate_tokens(const std::string& text);

// "http://host:8080/v1" -> "http://host:8080"; a URL without "/v1" at the end is kept.
std::string server_root(const std::string& base_url);

class RemoteTokenCounter {
 public:
  // use_server = false: estimate only (APIs without a tokenizer endpoint).
  RemoteTokenCounter(bool use_server, std::string root_url, std::string model,
                     std::vector<std::string> headers, long timeout_ms);

  int count(const std::string& text);
  // Whether counts come from the server (false once it fell back to the estimate).
  bool exact() const { return server_ok_.value_or(use_server_); }

 private:
  std::optional<int> ask_server(const std::string& text) const;

  bool use_server_;
  std::string url_, model_;
  std::vector<std::string> headers_;
  long timeout_ms_;
  std::optional<bool> server_ok_;  // unset until the first call
};

}  // namespace ys::remote
