// Fault injection on the wire (label `fault`): replies that are too large, cut short, slow or
// malformed each come back as one Response with an error of the right kind, in bounded time,
// without reading more than the byte limit.
#include <catch2/catch.hpp>
#include <chrono>

#include "backends/remote/remote.h"
#include "harness/core/clock.h"
#include "tests/backends/remote/drive.h"
#include "tests/support/fake_server.h"

using namespace ys;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;

namespace {

std::unique_ptr<Backend> compat(const FakeServer& server, Json options = Json::object()) {
  ModelSpec spec{"m", "openai-compat", server.base_url() + "#fake-model", std::move(options), {}};
  auto b = make_openai_backend(spec, BackendContext{});
  REQUIRE(b.ok());
  return std::move(*b);
}

FakeReply oversized(size_t bytes) {
  FakeReply r;
  r.kind = FakeReply::Kind::oversized;
  r.size_bytes = bytes;
  return r;
}

FakeServer scripted(FakeReply reply) {
  return FakeServer([reply](const FakeRequest&) { return reply; });
}

}  // namespace

TEST_CASE("a reply past the default 8 MiB limit is a too_large error, read no further", "[fault]") {
  FakeServer server = scripted(oversized(size_t{1} << 30));  // 1 GiB: never sent in full
  auto backend = compat(server);
  auto start = std::chrono::steady_clock::now();
  Response r = test::drive_one(*backend, test::chat_request("q"), 20000);
  CHECK(r.error_kind == ErrorKind::too_large);
  CHECK_FALSE(r.retryable);
  CHECK(r.error.find("8388608 bytes") != std::string::npos);
  CHECK(r.error.find("max_response_bytes") != std::string::npos);
  CHECK(r.text.empty());
  CHECK(seconds_since(start) < 10);
}

TEST_CASE("max_response_bytes sets the limit: a reply under it is read, one over it is not",
          "[fault]") {
  SECTION("under") {
    FakeServer server = scripted(oversized(3000));
    auto backend = compat(server, {{"max_response_bytes", 4000}});
    Response r = test::drive_one(*backend, test::chat_request("q"));
    REQUIRE(r.ok());
    CHECK(r.text == std::string(3000, 'x'));
  }
  SECTION("over") {
    FakeServer server = scripted(oversized(5000));
    auto backend = compat(server, {{"max_response_bytes", 4000}});
    Response r = test::drive_one(*backend, test::chat_request("q"));
    CHECK(r.error_kind == ErrorKind::too_large);
    CHECK(r.error.find("4000 bytes") != std::string::npos);
  }
  SECTION("a streamed request gets the same limit") {
    FakeServer server = scripted(oversized(5000));
    auto backend = compat(server, {{"max_response_bytes", 4000}, {"stream", true}});
    Response r = test::drive_one(*backend, test::chat_request("q"));
    CHECK(r.error_kind == ErrorKind::too_large);
  }
  SECTION("a bad value is refused") {
    ModelSpec spec{
        "m", "openai-compat", "http://127.0.0.1:9/v1#m", {{"max_response_bytes", 0}}, {}};
    CHECK_FALSE(make_openai_backend(spec, BackendContext{}).ok());
  }
}

TEST_CASE("a reply cut short of its Content-Length is a retryable bad_response", "[fault]") {
  FakeReply cut;
  cut.kind = FakeReply::Kind::truncated;
  cut.text = "a complete answer that will not arrive whole";
  FakeServer server = scripted(cut);
  auto backend = compat(server);
  Response r = test::drive_one(*backend, test::chat_request("q"));
  CHECK(r.error_kind == ErrorKind::bad_response);
  CHECK(r.retryable);
  CHECK(r.error.find("cut off") != std::string::npos);
}

TEST_CASE("a slow reply within the timeout is read, one past it is a timeout", "[fault]") {
  FakeReply slow = test::default_reply(FakeRequest{});
  SECTION("within") {
    slow.delay_ms = 100;
    FakeServer server = scripted(slow);
    auto backend = compat(server, {{"timeout_ms", 3000}});
    CHECK(test::drive_one(*backend, test::chat_request("q")).ok());
  }
  SECTION("past") {
    slow.delay_ms = 5000;
    FakeServer server = scripted(slow);
    auto backend = compat(server, {{"timeout_ms", 200}});
    auto start = std::chrono::steady_clock::now();
    Response r = test::drive_one(*backend, test::chat_request("q"));
    CHECK(r.error_kind == ErrorKind::timeout);
    CHECK(seconds_since(start) < 3);
  }
}

TEST_CASE("malformed JSON is a retryable bad_response naming what it got", "[fault]") {
  FakeReply bad;
  bad.kind = FakeReply::Kind::malformed_json;
  FakeServer server = scripted(bad);
  auto backend = compat(server);
  Response r = test::drive_one(*backend, test::chat_request("q"));
  CHECK(r.error_kind == ErrorKind::bad_response);
  CHECK(r.error.find("malformed JSON") != std::string::npos);
}
