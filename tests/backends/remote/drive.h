// A tiny submit/poll loop for driving a Backend in tests (the real scheduler lives in harness/).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "harness/core/backend.h"

namespace ys::test {

// Submits every request (ticket = index) and polls until all completed or limit_ms passed.
// Returns responses by ticket; missing entries mean the backend never answered.
inline std::map<uint64_t, Response> drive(Backend& backend, const std::vector<Request>& requests,
                                          int limit_ms = 10000) {
  for (size_t i = 0; i < requests.size(); ++i) backend.submit(i, requests[i]);
  std::map<uint64_t, Response> out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
  while (out.size() < requests.size() && std::chrono::steady_clock::now() < deadline) {
    for (auto& c : backend.poll(50)) out[c.ticket] = std::move(c.response);
  }
  return out;
}

inline Response drive_one(Backend& backend, const Request& request, int limit_ms = 10000) {
  auto out = drive(backend, {request}, limit_ms);
  if (out.empty()) {
    Response missing;
    missing.error_kind = ErrorKind::cancelled;
    missing.error = "test driver: no answer within the limit";
    return missing;
  }
  return out.begin()->second;
}

// One request's whole Completion (with stops_run), or nullopt when none came within limit_ms.
inline std::optional<Completion> drive_completion(Backend& backend, const Request& request,
                                                  int limit_ms = 10000) {
  backend.submit(0, request);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    auto done = backend.poll(50);
    if (!done.empty()) return std::move(done.front());
  }
  return std::nullopt;
}

inline Request chat_request(const std::string& user, const std::string& system = "") {
  Request r;
  r.kind = RequestKind::chat;
  if (!system.empty()) r.messages.push_back({"system", system});
  r.messages.push_back({"user", user});
  return r;
}

}  // namespace ys::test
