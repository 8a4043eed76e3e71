// HttpMulti: one libcurl multi handle driving many concurrent HTTP POSTs from a single thread.
// libcurl's socket interface on an epoll set drives it, so the cost of each wake-up is proportional
// to the transfers that are ready, not to the number in flight. Connections are reused across
// calls; HTTP/2 is negotiated over TLS when the server offers it, and new transfers to an https://
// URL wait for a multiplexable connection (PIPEWAIT) rather than opening a new one.
//
// Threading: not thread-safe; every method is called from the owning (scheduler) thread.
// Errors are values in HttpResult; nothing here throws.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ys::remote {

struct HttpCall {
  std::string url;
  std::vector<std::string> headers;  // "Name: value" lines
  std::string body;                  // POSTed as is
  long timeout_ms = 600000;          // whole-transfer limit
  bool http2 = true;
  // The most body bytes read (0 = no limit). Past it the transfer is aborted, the connection
  // dropped, and HttpResult::too_large set: memory stays bounded whatever the server sends.
  size_t max_body_bytes = 0;
  // Called with each piece of the response body as it arrives (streaming); may be empty.
  std::function<void(std::string_view)> on_data;
};

struct HttpResult {
  int curl_code = 0;       // CURLcode; 0 = transfer completed
  std::string curl_error;  // libcurl's message when curl_code != 0
  bool timed_out = false;
  long status = 0;  // HTTP status, 0 when no response head arrived
  std::string content_type;
  std::string retry_after;  // raw Retry-After header value, "" when absent
  std::string body;         // the whole body (also for streams); at most max_body_bytes
  bool too_large = false;   // the body passed max_body_bytes; body holds its start
  double elapsed_ms = 0.0;
};

struct HttpMultiOptions {
  int max_connections = 0;  // 0 = no limit of our own
};

class HttpMulti {
 public:
  explicit HttpMulti(HttpMultiOptions options = {});
  ~HttpMulti();
  HttpMulti(const HttpMulti&) = delete;
  HttpMulti& operator=(const HttpMulti&) = delete;

  // Starts a transfer; its result comes back from poll() with the returned id. The transfer is
  // taken as far as it goes at once (its request sent when a connection is ready), so on_data
  // callbacks of transfers whose libcurl timers are due may run inside this call.
  uint64_t start(HttpCall call);
  // Drives transfers for at most timeout_ms (returns early once something finished).
  std::vector<std::pair<uint64_t, HttpResult>> poll(int timeout_ms);
  // Abandons one transfer / all transfers; they are never reported.
  void cancel(uint64_t id);
  void cancel_all();
  size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ys::remote
