#include "backends/remote/http_errors.h"

#include <curl/curl.h>

#include <cctype>
#include <charconv>
#include <cstdio>

#include "harness/core/json_parse.h"

namespace ys::remote {

namespace {

constexpr size_t kExcerptBytes = 200;

// The server's own explanation: error.message (OpenAI, Anthropic), else the body excerpt.
std::string server_message(const std::string& body) {
  auto parsed = parse_json(body);
  if (parsed && parsed->is_object() && parsed->contains("error")) {
    const Json& e = (*parsed)["error"];
    if (e.is_object() && e.contains("message") && e["message"].is_string())
      return e["message"].get<std::string>();
    if (e.is_string()) return e.get<std::string>();
  }
  return body_excerpt(body);
}

void set_error(Response& out, ErrorKind kind, bool retryable, std::string message) {
  out.error_kind = kind;
  out.retryable = retryable;
  out.error = std::move(message);
}

std::string status_prefix(const HttpResult& r, const std::string& url) {
  return "HTTP " + std::to_string(r.status) + " from " + url;
}

void classify_status(const HttpResult& r, const std::string& url, const std::string& key_env,
                     Response& out) {
  const std::string prefix = status_prefix(r, url);
  const std::string said = server_message(r.body);
  if (r.status == 401 || r.status == 403) {
    std::string hint = key_env.empty() ? "the server wants credentials; set option api_key_env"
                                       : "check " + key_env;
    set_error(out, ErrorKind::auth, false, prefix + ": " + hint + " (server said: " + said + ")");
  } else if (r.status == 429) {
    set_error(out, ErrorKind::rate_limited, true, prefix + ": rate limited: " + said);
  } else if (r.status == 408 || r.status == 409 || r.status >= 500) {
    set_error(out, ErrorKind::server, true, prefix + ": " + said);
  } else if (r.status >= 400) {
    set_error(out, ErrorKind::client, false, prefix + ": " + said);
  } else {
    set_error(out, ErrorKind::bad_response, true, prefix + ": unexpected status; " + said);
  }
  if (out.retryable && !r.retry_after.empty())
    out.retry_after_ms = parse_retry_after_ms(r.retry_after, std::time(nullptr));
}

}  // namespace

bool classify_http_failure(const HttpResult& r, const std::string& url, const std::string& key_env,
                           bool streamed, Response& out) {
  if (r.timed_out) {
    set_error(out, ErrorKind::timeout, true,
              "timed out after " + std::to_string(static_cast<long>(r.elapsed_ms)) + " ms: " + url);
    return true;
  }
  if (r.curl_code != 0 && r.status >= 200 && r.status < 300 && !r.body.empty()) {
    std::string what = streamed ? "stream cut off" : "response cut off";
    set_bad_response(
        out, what + " after " + std::to_string(r.body.size()) + " bytes (" + r.curl_error + ")",
        url, r.body);
    return true;
  }
  if (r.curl_code != 0) {
    set_error(out, ErrorKind::network, true, "network error calling " + url + ": " + r.curl_error);
    return true;
  }
  if (r.status >= 200 && r.status < 300) return false;
  classify_status(r, url, key_env, out);
  return true;
}

void set_bad_response(Response& out, const std::string& what, const std::string& url,
                      const std::string& body) {
  set_error(out, ErrorKind::bad_response, true,
            what + " from " + url + "; body starts: " + body_excerpt(body));
}

std::optional<double> parse_retry_after_ms(const std::string& value, std::time_t now) {
  double seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size())
    return seconds < 0 ? 0.0 : seconds * 1000.0;
  std::time_t when = curl_getdate(value.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return when <= now ? 0.0 : static_cast<double>(when - now) * 1000.0;
}

std::string body_excerpt(const std::string& body) {
  if (body.empty()) return "(empty body)";
  std::string out;
  for (size_t i = 0; i < body.size() && i < kExcerptBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (body.size() > kExcerptBytes) out += "...";
  return out;
}

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
    text.replace(at, secret.size(), "[REDACTED]");
  return text;
}

}  // namespace ys::remote
