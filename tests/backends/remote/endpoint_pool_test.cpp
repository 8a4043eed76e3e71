// Several base URLs for one model (backends/remote/endpoint_pool.h): requests spread over the
// live servers, a dead one is taken out of rotation and tried again after its cool-down.
#include "backends/remote/endpoint_pool.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "backends/remote/remote.h"
#include "tests/backends/remote/drive.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::remote::EndpointPool;
using ys::test::FakeServer;

namespace {

Request chat(const std::string& text) {
  Request r;
  r.kind = RequestKind::chat;
  r.messages = {{"user", text}};
  return r;
}

std::unique_ptr<Backend> pool_backend(const std::string& urls, Json options = Json::object()) {
  ModelSpec spec{"m", "openai-compat", urls + "#fake-model", std::move(options), {}};
  auto b = make_openai_backend(spec, BackendContext{});
  REQUIRE(b.ok());
  return std::move(*b);
}

// A base URL nobody listens on: a fake server's, after it stopped.
std::pair<std::string, int> dead_url() {
  FakeServer gone;
  return {gone.base_url(), gone.port()};
}

}  // namespace

TEST_CASE("the pool picks the endpoint with the fewest requests in flight, ties in turn") {
  double now = 0;
  EndpointPool pool({"http://a", "http://b", "http://c"}, 1000, [&] { return now; });
  CHECK(pool.acquire() == 0);
  CHECK(pool.acquire() == 1);
  CHECK(pool.acquire() == 2);
  pool.finished(1, false);
  CHECK(pool.acquire() == 1);  // the only one with nothing in flight
  CHECK(pool.in_flight(0) == 1);
  CHECK(pool.in_flight(1) == 1);
}

TEST_CASE("a failed endpoint rests, longer after each failure, and a success restores it") {
  double now = 0;
  EndpointPool pool({"http://a", "http://b"}, 1000, [&] { return now; });
  pool.finished(pool.acquire(), true);  // a fails
  CHECK_FALSE(pool.healthy(0));
  for (int i = 0; i < 4; ++i) {
    const size_t e = pool.acquire();
    CHECK(e == 1);
    pool.finished(e, false);
  }
  now = 1000;  // its first cool-down is over
  CHECK(pool.healthy(0));
  const size_t again = pool.acquire();
  CHECK(again == 0);
  pool.finished(again, true);  // fails again: 2000 ms now
  now = 2999;
  CHECK_FALSE(pool.healthy(0));
  now = 3000;
  CHECK(pool.healthy(0));
  const size_t other = pool.acquire();  // b: the tie goes to the one after the last picked
  CHECK(other == 1);
  const size_t a = pool.acquire();  // then a, which has nothing in flight
  CHECK(a == 0);
  pool.finished(a, false);  // a success resets the back-off
  pool.finished(a, true);
  now = 3999;
  CHECK_FALSE(pool.healthy(0));
  now = 4000;
  CHECK(pool.healthy(0));
}

TEST_CASE("when every endpoint rests, the one back soonest is used") {
  double now = 0;
  EndpointPool pool({"http://a", "http://b"}, 1000, [&] { return now; });
  pool.finished(pool.acquire(), true);  // a: back at 1000
  now = 500;
  pool.finished(pool.acquire(), true);  // b: back at 1500
  CHECK(pool.acquire() == 0);
}

TEST_CASE("requests to a model on two live servers are spread over both") {
  FakeServer a, b;
  auto backend = pool_backend(a.base_url() + "," + b.base_url());
  std::vector<Request> requests;
  for (int i = 0; i < 200; ++i) requests.push_back(chat("q" + std::to_string(i)));
  auto out = test::drive(*backend, requests, 20000);
  REQUIRE(out.size() == 200);
  for (const auto& [ticket, r] : out) REQUIRE(r.ok());
  CHECK(a.request_count() + b.request_count() == 200);
  CHECK(a.request_count() >= 50);
  CHECK(b.request_count() >= 50);
  // The first URL names the model: adding servers to the pool keeps the store's cache keys.
  CHECK(backend->identity() == pool_backend(a.base_url())->identity());
}

TEST_CASE("a dead server is taken out of rotation and tried again after its cool-down") {
  FakeServer live;
  auto [dead, dead_port] = dead_url();
  auto backend = pool_backend(live.base_url() + "," + dead, Json{{"endpoint_cooldown_ms", 300}});
  int failed = 0;
  for (int i = 0; i < 20; ++i) failed += !test::drive_one(*backend, chat("q")).ok();
  CHECK(failed == 1);  // the first request sent there; then it rests
  CHECK(live.request_count() == 19);

  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  FakeServer back(nullptr, dead_port);  // the server comes back on the same address
  for (int i = 0; i < 20; ++i) CHECK(test::drive_one(*backend, chat("q")).ok());
  CHECK(back.request_count() >= 5);  // back in rotation
}

TEST_CASE("base URL lists are checked, in the target and as an option") {
  ModelSpec bad{"m", "openai-compat", "http://a/v1,ftp://b#m", Json::object(), {}};
  auto r = make_openai_backend(bad, BackendContext{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("ftp://b") != std::string::npos);
  ModelSpec listed{"m",
                   "openai-compat",
                   "m",
                   Json{{"base_url", Json::array({"http://a/v1", "http://b/v1/"})}},
                   {}};
  CHECK(make_openai_backend(listed, BackendContext{}).ok());
  ModelSpec cooldown{"m", "openai-compat", "http://a/v1#m", Json{{"endpoint_cooldown_ms", -1}}, {}};
  CHECK_FALSE(make_openai_backend(cooldown, BackendContext{}).ok());
}
