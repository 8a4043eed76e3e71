// RemoteBackend: a Backend over HTTP APIs. One HttpMulti event loop (driven inside poll) carries
// every in-flight request; an ApiDialect says how requests and replies look. Runs single attempts;
// the scheduler retries using error_kind / retryable / retry_after_ms.
//
// The API key stays inside: it is sent in headers and redacted ("[REDACTED]") from every string
// this backend returns (text, reasoning, error). Threading: as Backend (one driving thread).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends/remote/api_dialect.h"
#include "harness/core/backend.h"

namespace ys::remote {

struct RemoteConfig {
  std::string kind;      // "openai", "openai-compat", "anthropic"
  std::string base_url;  // without trailing slash, e.g. "https://api.openai.com/v1"
  // Further servers of the same model (endpoint_pool.h): requests are spread over base_url and
  // these; base_url alone names the model in identity(), so the pool may change between runs.
  std::vector<std::string> more_base_urls;
  double endpoint_cooldown_ms = 10000;  // an endpoint that failed rests this long (then doubling)
  std::string model;
  std::string api_key;               // "" = send none
  std::string api_key_env;           // named in auth errors; "" when no key is configured
  std::vector<std::string> headers;  // extra "Name: value" lines
  // Header values read from the environment (${VAR}): redacted like the key from every string
  // this backend returns.
  std::vector<std::string> secret_values;
  size_t max_response_bytes = size_t{8} << 20;  // a longer reply is ErrorKind::too_large
  long timeout_ms = 600000;
  bool stream = false;
  bool http2 = true;
  int max_connections = 0;  // 0 = no limit of our own
  // The model's context size, given by the user (option max_model_len); enables token counting
  // for the suites' context budget (token_counter.h): exact through POST <root>/tokenize for
  // openai-compat servers that have it, else an estimate.
  std::optional<int> max_model_len;
  LoglikMode loglik =
      LoglikMode::echo;  // how loglik requests are answered; in identity() if not echo
};

std::unique_ptr<Backend> make_remote_backend(RemoteConfig config,
                                             std::unique_ptr<ApiDialect> dialect);

}  // namespace ys::remote
