#include "tests/support/fake_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "tests/support/fake_render.h"
#include "tests/support/http_wire.h"

namespace ys::test {

namespace {

constexpr int kListenBacklog = 1024;  // the benchmark opens hundreds of connections at once

bool known_route(const std::string& path) {
  return path == "/v1/chat/completions" || path == "/v1/completions" || path == "/v1/messages" ||
         path == "/tokenize";
}

int open_listener(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
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

// One thread serves every connection from an epoll set: non-blocking sockets, replies that wait
// (delay_ms) sit in a timer queue, hung connections are parked until the peer or the server goes.
// Under the benchmark this costs a fraction of what a thread per connection did (no thread start
// per connection, no wake-up per sleeping reply), so the fake server takes less of the cores the
// client is measured on.
struct FakeServer::Impl {
  struct Conn {
    int fd = -1;
    uint64_t serial = 0;  // tells this connection from an earlier one that had the same fd
    RequestReader reader;
    std::deque<std::string> out;  // reply pieces not yet written, each sent with its own send()
    size_t out_offset = 0;        // bytes of out.front() already written
    bool busy = false;            // a request is being answered (HTTP/1.1: one at a time)
    bool close_after = false;     // close once `out` is written
    bool hung = false;            // never answered; held until the peer or the server goes
    bool want_out = false;        // EPOLLOUT is in the epoll set
    size_t filler_left = 0;       // bytes of 'x' still to make (RenderedReply::filler_bytes)
    std::string filler_tail;      // written after the filler
  };
  struct Due {
    std::chrono::steady_clock::time_point at;
    uint64_t seq;  // keeps replies due at the same instant in arrival order
    int fd;
    uint64_t conn_serial;
    RenderedReply reply;
    bool operator>(const Due& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };

  FakeScript script;
  int listen_fd = -1;
  int port = 0;
  int epoll_fd = -1;
  int wake_fd = -1;   // eventfd: the destructor's stop signal
  int timer_fd = -1;  // timerfd armed for the earliest due reply
  std::thread loop_thread;

  // Touched by the loop thread only.
  std::unordered_map<int, Conn> conns;
  uint64_t next_serial = 1, next_seq = 0;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due;
  std::optional<std::chrono::steady_clock::time_point> timer_armed_for;

  mutable std::mutex mu;
  std::atomic<bool> keep_log{true};
  std::vector<FakeRequest> log;
  int count = 0;

  ~Impl() {
    for (int fd : {epoll_fd, wake_fd, timer_fd})
      if (fd >= 0) ::close(fd);
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

  void watch(int fd, uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_fd, op, fd, &ev);
  }

  void close_conn(int fd) {
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    conns.erase(fd);
  }

  void accept_all() {
    for (;;) {
      int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0) return;  // EAGAIN: none left (other errors: try again on the next wake-up)
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      Conn& c = conns[fd];
      c = Conn{};
      c.fd = fd;
      c.serial = next_serial++;
      watch(fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
    }
  }

  // Writes what it can of c.out. False when the connection was closed (peer gone, or done).
  // Makes the next piece of a filler reply, once what was queued before it is written.
  static void refill(Conn& c) {
    if (!c.out.empty() || (c.filler_left == 0 && c.filler_tail.empty())) return;
    constexpr size_t kPiece = 64 * 1024;
    if (c.filler_left == 0) {
      c.out.push_back(std::move(c.filler_tail));
      c.filler_tail.clear();
      return;
    }
    const size_t n = std::min(kPiece, c.filler_left);
    c.out.emplace_back(n, 'x');
    c.filler_left -= n;
  }

  bool flush(Conn& c) {
    for (refill(c); !c.out.empty(); refill(c)) {
      const std::string& piece = c.out.front();
      ssize_t n =
          ::send(c.fd, piece.data() + c.out_offset, piece.size() - c.out_offset, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {
        close_conn(c.fd);
        return false;
      }
      c.out_offset += static_cast<size_t>(n);
      if (c.out_offset == piece.size()) {
        c.out.pop_front();
        c.out_offset = 0;
      }
    }
    const bool pending = !c.out.empty();
    if (pending != c.want_out) {
      c.want_out = pending;
      watch(c.fd, EPOLLIN | EPOLLRDHUP | (pending ? EPOLLOUT : 0u), EPOLL_CTL_MOD);
    }
    if (!pending && c.close_after) {
      close_conn(c.fd);
      return false;
    }
    return true;
  }

  RenderedReply reply_to(const WireRequest& wire, const FakeRequest& req, int& delay_ms) {
    delay_ms = 0;
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
    delay_ms = std::max(0, r.delay_ms);
    return render_reply(wire.path, req.body, r, req.index, wire.keep_alive);
  }

  // Queues a reply and writes what it can. False when the connection was closed.
  bool deliver(Conn& c, RenderedReply reply) {
    c.busy = false;
    if (reply.hang) {
      c.hung = true;
      return true;
    }
    for (auto& w : reply.writes) c.out.push_back(std::move(w));
    c.filler_left = reply.filler_bytes;
    c.filler_tail = std::move(reply.filler_tail);
    c.close_after = c.close_after || reply.close_after;
    return flush(c);
  }

  // Answers the connection's next buffered request, if a whole one is here and none is pending.
  void serve_next(Conn& c) {
    while (!c.busy && !c.hung && !c.close_after) {
      WireRequest wire;
      RequestReader::Status st = c.reader.next(wire);
      if (c.reader.take_continue()) c.out.push_back("HTTP/1.1 100 Continue\r\n\r\n");
      if (st == RequestReader::Status::bad) {
        c.close_after = true;
        flush(c);
        return;
      }
      if (st == RequestReader::Status::need_more) {
        flush(c);
        return;
      }
      FakeRequest req = record(wire);
      int delay_ms = 0;
      RenderedReply reply = reply_to(wire, req, delay_ms);
      if (!wire.keep_alive) reply.close_after = true;
      c.busy = true;
      if (delay_ms > 0) {
        due.push({std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms),
                  next_seq++, c.fd, c.serial, std::move(reply)});
        flush(c);  // a 100 Continue, if one is waiting
        return;
      }
      if (!deliver(c, std::move(reply)) || !c.out.empty()) return;  // closed, or EPOLLOUT next
    }
  }

  void on_readable(Conn& c) {
    char chunk[16384];
    for (;;) {
      ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {  // the peer closed (or reset): nothing more can be answered
        close_conn(c.fd);
        return;
      }
      if (!c.hung) c.reader.feed(std::string_view(chunk, static_cast<size_t>(n)));
    }
    serve_next(c);
  }

  void fire_due() {
    const auto now = std::chrono::steady_clock::now();
    while (!due.empty() && due.top().at <= now) {
      Due d = std::move(const_cast<Due&>(due.top()));
      due.pop();
      auto it = conns.find(d.fd);
      if (it == conns.end() || it->second.serial != d.conn_serial) continue;  // the peer left
      Conn& c = it->second;
      if (deliver(c, std::move(d.reply)) && c.out.empty()) serve_next(c);
    }
  }

  void arm_timer() {
    std::optional<std::chrono::steady_clock::time_point> want;
    if (!due.empty()) want = due.top().at;
    if (want == timer_armed_for) return;
    timer_armed_for = want;
    itimerspec spec{};
    if (want) {
      auto ns =
          std::chrono::duration_cast<std::chrono::nanoseconds>(want->time_since_epoch()).count();
      spec.it_value.tv_sec = static_cast<time_t>(ns / 1000000000);
      spec.it_value.tv_nsec = static_cast<long>(ns % 1000000000);
      if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    }
    ::timerfd_settime(timer_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
  }

  void loop() {
    constexpr int kMaxEvents = 256;
    epoll_event events[kMaxEvents];
    for (;;) {
      arm_timer();
      const int n = ::epoll_wait(epoll_fd, events, kMaxEvents, -1);
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wake_fd) {
          for (auto& [cfd, c] : conns) {
            ::shutdown(cfd, SHUT_RDWR);
            ::close(cfd);
          }
          conns.clear();
          return;
        }
        if (fd == listen_fd) {
          accept_all();
        } else if (fd == timer_fd) {
          uint64_t expirations = 0;
          (void)!::read(timer_fd, &expirations, sizeof expirations);
          timer_armed_for.reset();
        } else if (auto it = conns.find(fd); it != conns.end()) {
          Conn& c = it->second;
          if (events[i].events & EPOLLOUT) {
            if (!flush(c)) continue;
            if (c.out.empty()) serve_next(c);
            if (conns.find(fd) == conns.end()) continue;
          }
          if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) on_readable(c);
        }
      }
      fire_due();
    }
  }
};

FakeServer::FakeServer(FakeScript script, int port) : impl_(std::make_unique<Impl>()) {
  impl_->script = std::move(script);
  impl_->listen_fd = open_listener(port);
  impl_->port = bound_port(impl_->listen_fd);
  impl_->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  impl_->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  impl_->timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
  if (impl_->epoll_fd < 0 || impl_->wake_fd < 0 || impl_->timer_fd < 0) {
    ::close(impl_->listen_fd);
    throw std::runtime_error("fake server: cannot create its epoll set");
  }
  for (int fd : {impl_->listen_fd, impl_->wake_fd, impl_->timer_fd})
    impl_->watch(fd, EPOLLIN, EPOLL_CTL_ADD);
  impl_->loop_thread = std::thread([impl = impl_.get()] { impl->loop(); });
}

FakeServer::~FakeServer() {
  uint64_t one = 1;
  (void)!::write(impl_->wake_fd, &one, sizeof one);
  impl_->loop_thread.join();
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
