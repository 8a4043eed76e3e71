// The fake server itself: counting, routing, many concurrent connections, prompt shutdown, oracle.
// Spoken to over raw sockets so these tests do not depend on the backend under test.
#include "tests/support/fake_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "harness/core/clock.h"
#include "tests/support/fake_oracle.h"

using namespace ys::test;
using nlohmann::json;
using ys::seconds_since;

namespace {

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  // A reply that never comes fails the test after this long instead of hanging it.
  timeval limit{};
  limit.tv_sec = 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  return fd;
}

void send_post(int fd, const std::string& path, const std::string& body) {
  std::string req = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
}

// Reads one Content-Length response; returns {status, body}, or {0, ""} when the connection
// closes (or the receive times out) first. Bytes read past the response (the start of a pipelined
// next one: two replies can arrive in one recv) stay in `data` for the next call.
std::pair<int, std::string> read_response(int fd, std::string& data) {
  char buf[4096];
  size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return {0, ""};
    data.append(buf, static_cast<size_t>(n));
  }
  int status = std::stoi(data.substr(9, 3));
  size_t cl = data.find("Content-Length: ");
  size_t length = cl < head_end ? std::stoul(data.substr(cl + 16)) : 0;
  while (data.size() < head_end + 4 + length) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  if (data.size() < head_end + 4 + length) return {0, ""};
  std::string body = data.substr(head_end + 4, length);
  data.erase(0, head_end + 4 + length);
  return {status, body};
}

// For connections that carry one response at a time.
std::pair<int, std::string> read_response(int fd) {
  std::string data;
  return read_response(fd, data);
}

std::pair<int, json> post(int port, const std::string& path, const json& body) {
  int fd = connect_to(port);
  send_post(fd, path, body.dump());
  auto [status, text] = read_response(fd);
  ::close(fd);
  return {status, json::parse(text, nullptr, false)};
}

json chat(const std::string& model, const std::string& user) {
  return {{"model", model}, {"messages", {{{"role", "user"}, {"content", user}}}}};
}

std::string content_of(const json& reply) {
  return reply["choices"][0]["message"]["content"].get<std::string>();
}

}  // namespace

TEST_CASE("the fake server counts every request, unknown routes included", "[fake]") {
  FakeServer server;
  auto [status, body] = post(server.port(), "/v1/chat/completions", chat("m", "hello"));
  CHECK(status == 200);
  CHECK(content_of(body) == "echo: hello");
  auto [missing, _] = post(server.port(), "/v1/nothing", json::object());
  CHECK(missing == 404);
  CHECK(server.request_count() == 2);
  CHECK(server.requests()[1].path == "/v1/nothing");
  CHECK(server.base_url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/v1");
}

TEST_CASE("the fake server serves 520 concurrent connections in parallel", "[fake]") {
  rlimit lim{};
  ::getrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < 2000 && lim.rlim_max >= 2000) {
    lim.rlim_cur = 2000;
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }
  ::getrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < 1200) {
    WARN("skipped: needs about 1100 file descriptors");
    return;
  }
  FakeServer server([](const FakeRequest& req) {
    FakeReply r = default_reply(req);
    r.delay_ms = 300;
    return r;
  });
  std::vector<int> fds;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 520; ++i) {
    fds.push_back(connect_to(server.port()));
    send_post(fds.back(), "/v1/chat/completions", chat("m", "n" + std::to_string(i)).dump());
  }
  int ok = 0;
  for (int fd : fds) ok += read_response(fd).first == 200;
  // Keep-alive: a second round on the same connections.
  for (int fd : fds) send_post(fd, "/v1/chat/completions", chat("m", "again").dump());
  for (int fd : fds) ok += read_response(fd).first == 200;
  for (int fd : fds) ::close(fd);
  CHECK(ok == 1040);
  CHECK(server.request_count() == 1040);
  CHECK(seconds_since(start) < 5.0);  // serial handling would take 1040 * 0.3 s
}

TEST_CASE("the fake server shuts down promptly while a reply hangs", "[fake]") {
  auto start = std::chrono::steady_clock::now();
  int fd = -1;
  {
    FakeServer server([](const FakeRequest&) {
      FakeReply r;
      r.kind = FakeReply::Kind::hang;
      return r;
    });
    fd = connect_to(server.port());
    send_post(fd, "/v1/chat/completions", chat("m", "x").dump());
    while (server.request_count() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(seconds_since(start) < 1.0);
  CHECK(read_response(fd).first == 0);  // closed without an answer
  ::close(fd);
}

TEST_CASE("the fake server answers a request sent one byte at a time, and pipelined ones in order",
          "[fake]") {
  FakeServer server;
  int fd = connect_to(server.port());
  std::string body = chat("m", "slow").dump();
  std::string req = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body;
  for (char c : req) {
    REQUIRE(::send(fd, &c, 1, MSG_NOSIGNAL) == 1);
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  auto [status, text] = read_response(fd);
  CHECK(status == 200);
  CHECK(content_of(json::parse(text)) == "echo: slow");
  // Two requests in one write: two answers, in order, on the same connection.
  std::string a = chat("m", "first").dump(), b = chat("m", "second").dump();
  std::string both =
      "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: " + std::to_string(a.size()) +
      "\r\n\r\n" + a +
      "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: " + std::to_string(b.size()) +
      "\r\n\r\n" + b;
  REQUIRE(::send(fd, both.data(), both.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(both.size()));
  std::string pending;  // both replies may arrive in one recv
  CHECK(content_of(json::parse(read_response(fd, pending).second)) == "echo: first");
  CHECK(content_of(json::parse(read_response(fd, pending).second)) == "echo: second");
  ::close(fd);
  CHECK(server.request_count() == 3);
}

TEST_CASE("the fake server answers Expect: 100-continue before the body arrives", "[fake]") {
  FakeServer server;
  int fd = connect_to(server.port());
  std::string body = chat("m", "later").dump();
  std::string head =
      "POST /v1/chat/completions HTTP/1.1\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  REQUIRE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size()));
  char buf[64] = {};
  ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
  CHECK(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0) == "HTTP/1.1 100 Continue\r\n\r\n");
  REQUIRE(::send(fd, body.data(), body.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(body.size()));
  auto [status, text] = read_response(fd);
  CHECK(status == 200);
  CHECK(content_of(json::parse(text)) == "echo: later");
  ::close(fd);
}

TEST_CASE("the fake server closes a connection whose Content-Length is not a number", "[fake]") {
  FakeServer server;
  int fd = connect_to(server.port());
  std::string req = "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: lots\r\n\r\n{}";
  REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
  CHECK(read_response(fd).first == 0);  // closed without an answer
  ::close(fd);
  CHECK(server.request_count() == 0);
}

TEST_CASE("FNV-1a matches the published test vectors", "[fake][oracle]") {
  CHECK(fake_hash("") == 0xcbf29ce484222325ull);
  CHECK(fake_hash("a") == 0xaf63dc4c8601ec8cull);
}

TEST_CASE("oracle models answer with the reference or a plausible wrong answer", "[fake][oracle]") {
  const std::string path = "fake_oracle_answers_test.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id":"1","prompt":"What is 2+2?","reference":"4"})"
        << "\n\n"
        << R"({"id":"2","messages":[{"role":"user","content":"Pick one"}],"reference":"B"})"
        << "\n"
        << R"({"id":"3","prompt":"Name it","reference":["Paris","paris"]})"
        << "\n";
  }
  OracleOptions options;
  REQUIRE(load_oracle_answers(path, options).empty());
  std::remove(path.c_str());
  FakeServer server(make_oracle_script(options));
  auto ask = [&](const std::string& model, const std::string& prompt) {
    return content_of(post(server.port(), "/v1/chat/completions", chat(model, prompt)).second);
  };
  CHECK(ask("oracle-100", "What is 2+2?") == "4");
  CHECK(ask("oracle-0", "What is 2+2?") == "5");
  CHECK(ask("oracle-100", "Pick one") == "B");
  CHECK(ask("oracle-0", "Pick one") == "C");
  CHECK(ask("oracle-100", "Question: Name it\nAnswer:") == "Paris");  // found inside a template
  CHECK(ask("oracle-0", "Name it") == "I am not sure.");
  CHECK(ask("gpt-x", "What is 2+2?") == "echo: What is 2+2?");
}

TEST_CASE("oracle answer files with a bad line are rejected with file:line", "[fake][oracle]") {
  const std::string path = "fake_oracle_bad_test.jsonl";
  {
    std::ofstream out(path);
    out << R"({"prompt":"a","reference":"x"})"
        << "\n"
        << R"({"prompt":"b"})"
        << "\n";
  }
  OracleOptions options;
  std::string error = load_oracle_answers(path, options);
  std::remove(path.c_str());
  CHECK(error == path + ":2: missing field 'reference'");
  CHECK(load_oracle_answers("no/such/file.jsonl", options) ==
        "no/such/file.jsonl: cannot open file");
}

TEST_CASE("with fail rate 1 every request fails once and then succeeds", "[fake][oracle]") {
  OracleOptions options;
  options.fail_rate = 1.0;
  FakeServer server(make_oracle_script(options));
  CHECK(post(server.port(), "/v1/chat/completions", chat("m", "q")).first == 500);
  CHECK(post(server.port(), "/v1/chat/completions", chat("m", "q")).first == 200);
  CHECK(post(server.port(), "/v1/chat/completions", chat("m", "other")).first == 500);
}
