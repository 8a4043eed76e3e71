// Minimal HTTP/1.1 server-side wire handling for the fake server: read one request from a
// blocking socket, write a response. Bodies must carry Content-Length (what libcurl sends for
// POST fields); "Expect: 100-continue" is answered. Not a general HTTP server.
#pragma once

#include <atomic>
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

// One accepted connection; owns the socket and closes it in the destructor.
class WireConnection {
 public:
  WireConnection(int fd, const std::atomic<bool>& stopping);
  ~WireConnection();
  WireConnection(const WireConnection&) = delete;
  WireConnection& operator=(const WireConnection&) = delete;

  // Reads the next request. False on EOF, a malformed request, or when the server is stopping.
  bool read_request(WireRequest& out);
  // Writes all bytes; false when the peer is gone or the server is stopping.
  bool write_all(std::string_view data);
  void close_now();

 private:
  bool fill();  // reads more bytes into buffer_; a stop is noticed within ~50 ms
  int fd_;
  const std::atomic<bool>& stopping_;
  std::string buffer_;
};

// "HTTP/1.1 <status> <reason>\r\n" + headers + Content-Length + body.
std::string wire_response(int status, const std::string& content_type, const std::string& body,
                          const std::map<std::string, std::string>& extra_headers, bool keep_alive);

// Response head for a chunked stream (SSE); chunks follow via wire_chunk.
std::string wire_stream_head(const std::string& content_type, bool keep_alive);
std::string wire_chunk(std::string_view data);  // "" gives the terminating chunk

}  // namespace ys::test
