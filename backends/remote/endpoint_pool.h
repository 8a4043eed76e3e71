// EndpointPool: several base URLs serving one model (a pool of vLLM/SGLang/llama.cpp servers
// without a balancer in front). Requests go to the healthy endpoint with the fewest requests in
// flight (ties: the one after the last picked), so a faster server takes more. An endpoint whose
// request fails at the transport level (network error, timeout) or with a 5xx is taken out of
// rotation for a cool-down (`cooldown_ms`, doubled after each further failure, at most 32x) and
// then tried again; a success puts it back at once. When every endpoint is cooling down, the one
// whose cool-down ends first is used, so requests keep failing fast (the scheduler retries them)
// rather than stalling.
//
// Not thread-safe: owned and driven by one RemoteBackend (one driving thread). Times come from
// `now_ms` (a monotonic clock in milliseconds), so tests can move time.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace ys::remote {

class EndpointPool {
 public:
  // urls: at least one, without trailing slash.
  EndpointPool(std::vector<std::string> urls, double cooldown_ms,
               std::function<double()> now_ms = {});

  size_t size() const { return endpoints_.size(); }
  const std::string& url(size_t i) const { return endpoints_[i].url; }
  bool healthy(size_t i) const;
  int in_flight(size_t i) const { return endpoints_[i].in_flight; }

  // The endpoint for the next request; counts it in flight until finished() or cancelled().
  size_t acquire();
  // The request on endpoint i ended; `endpoint_failed`: it failed in a way that blames the
  // endpoint (see above), not the request.
  void finished(size_t i, bool endpoint_failed);
  // The request on endpoint i was abandoned before it ended.
  void cancelled(size_t i);

 private:
  struct Endpoint {
    std::string url;
    int in_flight = 0;
    int failures = 0;          // consecutive
    double down_until_ms = 0;  // out of rotation until then
  };
  double now() const;

  std::vector<Endpoint> endpoints_;
  double cooldown_ms_;
  std::function<double()> now_ms_;
  size_t next_ = 0;  // round-robin start for ties
};

}  // namespace ys::remote
