// Incremental parser for Server-Sent Events (text/event-stream): bytes in, events out.
// Follows the WHATWG event-stream rules that APIs use: "event:" and "data:" fields, multi-line
// data joined with "\n", blank line ends an event, ":" lines are comments, CRLF or LF endings.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace ys::remote {

struct SseEvent {
  std::string name;  // "" when the event had no "event:" line
  std::string data;
};

class SseParser {
 public:
  explicit SseParser(std::function<void(const SseEvent&)> on_event);
  void feed(std::string_view bytes);
  size_t events_seen() const { return events_seen_; }

 private:
  void line(std::string_view text);
  std::function<void(const SseEvent&)> on_event_;
  std::string pending_;  // bytes of an unfinished line
  SseEvent current_;
  bool has_data_ = false;
  size_t events_seen_ = 0;
};

}  // namespace ys::remote
