// Minimal HTTP/1.1 server-side wire handling for the fake server: parse requests from the bytes
// of a connection, format responses. Bodies must carry Content-Length (what libcurl sends for
// POST fields); "Expect: 100-continue" is answered. Not a general HTTP server.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ys::test {

struct WireRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  bool keep_alive = true;
};

// Takes requests off the bytes read from one connection, which arrive in arbitrary pieces (the
// server's sockets are non-blocking). Pure parsing: no I/O.
class RequestReader {
 public:
  enum class Status { need_more, ready, bad };

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete request, if its bytes are all here. `bad`: a malformed head, a bad
  // Content-Length, or a head or body over the size limits; the connection should be closed.
  Status next(WireRequest& out);
  // True once for each request head that asked for "Expect: 100-continue" (the server answers
  // "HTTP/1.1 100 Continue" before the body can be expected).
  bool take_continue();

 private:
  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already taken
  bool have_head_ = false;
  WireRequest head_;
  size_t body_length_ = 0;
  bool continue_ = false;
};

// "HTTP/1.1 <status> <reason>\r\n" + headers + Content-Length + body.
std::string wire_response(int status, const std::string& content_type, const std::string& body,
                          const std::map<std::string, std::string>& extra_headers, bool keep_alive);

// Response head for a chunked stream (SSE); chunks follow via wire_chunk.
std::string wire_stream_head(const std::string& content_type, bool keep_alive);
std::string wire_chunk(std::string_view data);  // "" gives the terminating chunk

}  // namespace ys::test
