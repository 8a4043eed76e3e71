// Turns a finished HTTP call into the error fields of a Response (error_kind, error, retryable,
// retry_after_ms), and the small text helpers every error message goes through.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "backends/remote/http_multi.h"
#include "harness/core/types.h"

namespace ys::remote {

// Fills out's error fields and returns true when the call failed at the transport or HTTP level
// (curl error, timeout, non-2xx status, cut-off stream). Returns false for a completed 2xx call,
// whose body still has to be checked by the caller. `key_env` is named in 401/403 messages
// ("" = the backend sends no key).
bool classify_http_failure(const HttpResult& r, const std::string& url, const std::string& key_env,
                           bool streamed, Response& out);

// Sets out to a retryable bad_response error: "<what> from URL; body starts: <excerpt>".
void set_bad_response(Response& out, const std::string& what, const std::string& url,
                      const std::string& body);

// Retry-After as milliseconds from now: delay-seconds or an HTTP-date (a past date gives 0).
std::optional<double> parse_retry_after_ms(const std::string& value, std::time_t now);

// The first ~200 bytes of a body for an error message, control characters escaped.
std::string body_excerpt(const std::string& body);

// Replaces every occurrence of secret with "[REDACTED]" (no-op for an empty secret).
std::string redact(std::string text, const std::string& secret);

}  // namespace ys::remote
