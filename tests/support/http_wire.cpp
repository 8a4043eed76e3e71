#include "tests/support/http_wire.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

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

RequestReader::Status RequestReader::next(WireRequest& out) {
  std::string_view rest = std::string_view(buffer_).substr(consumed_);
  if (!have_head_) {
    size_t head_end = rest.find("\r\n\r\n");
    if (head_end == std::string_view::npos)
      return rest.size() > kMaxHeadBytes ? Status::bad : Status::need_more;
    if (!parse_head(rest.substr(0, head_end), head_)) return Status::bad;
    body_length_ = 0;
    if (auto it = head_.headers.find("content-length"); it != head_.headers.end()) {
      auto [p, ec] =
          std::from_chars(it->second.data(), it->second.data() + it->second.size(), body_length_);
      if (ec != std::errc() || body_length_ > kMaxBodyBytes) return Status::bad;
    }
    if (auto it = head_.headers.find("expect");
        it != head_.headers.end() && lower(it->second) == "100-continue")
      continue_ = true;
    have_head_ = true;
    consumed_ += head_end + 4;
    rest = std::string_view(buffer_).substr(consumed_);
  }
  if (rest.size() < body_length_) return Status::need_more;
  out = std::move(head_);
  out.body = std::string(rest.substr(0, body_length_));
  consumed_ += body_length_;
  have_head_ = false;
  // Drop the taken bytes once they are most of the buffer (keeps the erase cost linear).
  if (consumed_ == buffer_.size() || consumed_ > buffer_.size() / 2) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return Status::ready;
}

bool RequestReader::take_continue() {
  return std::exchange(continue_, false);
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
