#include "tests/support/fake_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "tests/support/fake_render.h"
#include "tests/support/http_wire.h"

namespace ys::test {

namespace {

constexpr int kListenBacklog = 1024;  // the benchmark opens hundreds of connections at once
constexpr int kHangMs = 10 * 60 * 1000;

bool known_route(const std::string& path) {
  return path == "/v1/chat/completions" || path == "/v1/completions" || path == "/v1/messages";
}

int open_listener(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("fake server: socket() failed");
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, kListenBacklog) != 0) {
    ::close(fd);
    throw std::runtime_error("fake server: cannot listen on 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

}  // namespace

struct FakeServer::Impl {
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  FakeScript script;
  int listen_fd = -1;
  int port = 0;
  std::atomic<bool> stopping{false};
  std::thread acceptor;
  std::list<std::unique_ptr<Worker>> workers;  // touched by the acceptor thread only

  mutable std::mutex mu;
  std::atomic<bool> keep_log{true};
  std::vector<FakeRequest> log;
  int count = 0;

  // Sleeps up to ms; false when the server started stopping meanwhile.
  // Sleeps in slices rather than on a shared condition variable: hundreds of connection threads
  // sleep at once under the benchmark, and a shared mutex would serialise their wake-ups.
  bool sleep_ms(int ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (auto now = std::chrono::steady_clock::now(); now < until && !stopping.load();
         now = std::chrono::steady_clock::now())
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          until - now, std::chrono::milliseconds(50)));
    return !stopping.load();
  }

  FakeRequest record(const WireRequest& wire) {
    FakeRequest req;
    req.path = wire.path;
    req.headers = wire.headers;
    req.body = nlohmann::json::parse(wire.body, nullptr, false);
    if (req.body.is_discarded()) req.body = nullptr;
    std::lock_guard lock(mu);
    req.index = count++;
    if (keep_log.load()) log.push_back(req);
    return req;
  }

  RenderedReply reply_to(const WireRequest& wire, const FakeRequest& req) {
    if (wire.method != "POST" || !known_route(wire.path)) {
      return render_reply(wire.path, req.body,
                          status_reply(404, "no route " + wire.method + " " + wire.path), req.index,
                          wire.keep_alive);
    }
    if (!req.body.is_object()) {
      return render_reply(wire.path, req.body,
                          status_reply(400, "request body is not a JSON object"), req.index,
                          wire.keep_alive);
    }
    FakeReply r = script ? script(req) : default_reply(req);
    if (r.delay_ms > 0 && !sleep_ms(r.delay_ms)) return {{}, true, false};
    return render_reply(wire.path, req.body, r, req.index, wire.keep_alive);
  }

  void serve(int fd) {
    WireConnection conn(fd, stopping);
    WireRequest wire;
    while (conn.read_request(wire)) {
      FakeRequest req = record(wire);
      RenderedReply out = reply_to(wire, req);
      if (out.hang) sleep_ms(kHangMs);
      for (const auto& w : out.writes)
        if (!conn.write_all(w)) return;
      if (out.close_after || !wire.keep_alive) return;
    }
  }

  void reap_finished() {
    for (auto it = workers.begin(); it != workers.end();) {
      if ((*it)->done.load()) {
        (*it)->thread.join();
        it = workers.erase(it);
      } else {
        ++it;
      }
    }
  }

  void accept_loop() {
    while (!stopping.load()) {
      pollfd p{listen_fd, POLLIN, 0};
      int r = ::poll(&p, 1, 50);
      reap_finished();
      if (r <= 0) continue;
      int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      auto worker = std::make_unique<Worker>();
      Worker* w = worker.get();
      w->thread = std::thread([this, fd, w] {
        serve(fd);
        w->done.store(true);
      });
      workers.push_back(std::move(worker));
    }
    for (auto& w : workers) w->thread.join();
    workers.clear();
  }
};

FakeServer::FakeServer(FakeScript script, int port) : impl_(std::make_unique<Impl>()) {
  impl_->script = std::move(script);
  impl_->listen_fd = open_listener(port);
  impl_->port = bound_port(impl_->listen_fd);
  impl_->acceptor = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

FakeServer::~FakeServer() {
  impl_->stopping.store(true);
  impl_->acceptor.join();
  ::close(impl_->listen_fd);
}

int FakeServer::port() const {
  return impl_->port;
}

std::string FakeServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/v1";
}

int FakeServer::request_count() const {
  std::lock_guard lock(impl_->mu);
  return impl_->count;
}

void FakeServer::set_keep_requests(bool keep) {
  impl_->keep_log.store(keep);
}

std::vector<FakeRequest> FakeServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->log;
}

std::string fake_prompt_of(const nlohmann::json& body) {
  if (!body.is_object()) return "";
  if (body.contains("prompt")) {
    const auto& p = body["prompt"];
    if (p.is_string()) return p.get<std::string>();
    if (p.is_array() && !p.empty() && p[0].is_string()) return p[0].get<std::string>();
    return "";
  }
  if (!body.contains("messages") || !body["messages"].is_array()) return "";
  const auto& messages = body["messages"];
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (!it->is_object() || it->value("role", "") != "user" || !it->contains("content")) continue;
    const auto& c = (*it)["content"];
    if (c.is_string()) return c.get<std::string>();
    std::string text;  // Anthropic content blocks
    if (c.is_array())
      for (const auto& block : c)
        if (block.is_object() && block.value("type", "") == "text") text += block.value("text", "");
    return text;
  }
  return "";
}

FakeReply status_reply(int status, std::string message) {
  FakeReply r;
  r.kind = FakeReply::Kind::status;
  r.status = status;
  r.text = std::move(message);
  return r;
}

FakeReply default_reply(const FakeRequest& request) {
  FakeReply r;
  r.text = "echo: " + fake_prompt_of(request.body);
  return r;
}

}  // namespace ys::test
