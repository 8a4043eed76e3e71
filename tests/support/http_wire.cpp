#include "tests/support/http_wire.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>

namespace ys::test {

namespace {

constexpr size_t kMaxHeadBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// Parses the request line and headers in `head` (without the blank line).
bool parse_head(std::string_view head, WireRequest& out) {
  size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  size_t sp1 = line.find(' ');
  size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return false;
  out.method = std::string(line.substr(0, sp1));
  out.path = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  out.headers.clear();
  while (eol != std::string_view::npos) {
    size_t start = eol + 2;
    eol = head.find("\r\n", start);
    std::string_view h = head.substr(start, eol == std::string_view::npos ? eol : eol - start);
    size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    out.headers[lower(std::string(h.substr(0, colon)))] = trim(h.substr(colon + 1));
  }
  auto conn = out.headers.find("connection");
  out.keep_alive = conn == out.headers.end() || lower(conn->second) != "close";
  return true;
}

}  // namespace

WireConnection::WireConnection(int fd, const std::atomic<bool>& stopping)
    : fd_(fd), stopping_(stopping) {
  // A receive timeout instead of poll() before every read: one syscall per read, and a stop is
  // still noticed within 50 ms.
  timeval tv{0, 50 * 1000};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

WireConnection::~WireConnection() {
  close_now();
}

void WireConnection::close_now() {
  if (fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    fd_ = -1;
  }
}

bool WireConnection::fill() {
  char chunk[16384];
  while (!stopping_.load() && fd_ >= 0) {
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }
  return false;
}

bool WireConnection::read_request(WireRequest& out) {
  size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (buffer_.size() > kMaxHeadBytes || !fill()) return false;
  }
  if (!parse_head(std::string_view(buffer_).substr(0, head_end), out)) return false;
  buffer_.erase(0, head_end + 4);
  size_t length = 0;
  if (auto it = out.headers.find("content-length"); it != out.headers.end()) {
    auto [p, ec] =
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), length);
    if (ec != std::errc() || length > kMaxBodyBytes) return false;
  }
  if (auto it = out.headers.find("expect");
      it != out.headers.end() && lower(it->second) == "100-continue") {
    if (!write_all("HTTP/1.1 100 Continue\r\n\r\n")) return false;
  }
  while (buffer_.size() < length) {
    if (!fill()) return false;
  }
  out.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return true;
}

bool WireConnection::write_all(std::string_view data) {
  while (!data.empty()) {
    if (fd_ < 0 || stopping_.load()) return false;
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string wire_response(int status, const std::string& content_type, const std::string& body,
                          const std::map<std::string, std::string>& extra_headers,
                          bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
  out += "Content-Type: " + content_type + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  for (const auto& [name, value] : extra_headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

std::string wire_stream_head(const std::string& content_type, bool keep_alive) {
  std::string out = "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n";
  out += "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out;
}

std::string wire_chunk(std::string_view data) {
  char hex[32];
  auto [end, ec] = std::to_chars(hex, hex + sizeof hex, data.size(), 16);
  (void)ec;
  std::string out(hex, end);
  out += "\r\n";
  out += data;
  out += "\r\n";
  return out;
}

}  // namespace ys::test
