#include "backends/remote/http_multi.h"

#include <strings.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <unordered_map>

#include "backends/remote/curl_handles.h"
#include "harness/core/expected.h"

namespace ys::remote {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Transfer {
  uint64_t id = 0;
  HttpCall call;
  CurlEasy easy;
  CurlSlist headers;
  HttpResult result;
  char errbuf[CURL_ERROR_SIZE] = {};
  Clock::time_point started;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view piece(data, size * n);
  const size_t limit = t->call.max_body_bytes;
  if (limit > 0 && piece.size() > limit - std::min(limit, t->result.body.size())) {
    t->result.too_large = true;
    return 0;  // anything but size * n makes libcurl abort the transfer (CURLE_WRITE_ERROR)
  }
  t->result.body.append(piece);
  if (t->call.on_data) t->call.on_data(piece);
  return size * n;
}

// Keeps the Retry-After of the final response head (a 100 Continue head resets it).
size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) t->result.retry_after.clear();
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() && strncasecmp(line.data(), kName.data(), kName.size()) == 0) {
    std::string_view v = line.substr(kName.size());
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
      v.remove_suffix(1);
    t->result.retry_after = std::string(v);
  }
  return size * n;
}

void configure(Transfer& t) {
  CURL* h = t.easy.get();
  t.headers = make_slist(t.call.headers);
  curl_easy_setopt(h, CURLOPT_URL, t.call.url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, t.call.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.call.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, t.headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t.errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, t.call.timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(t.call.timeout_ms, 30000L));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                   t.call.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  // Waiting for a multiplexable connection only pays where HTTP/2 can be negotiated (TLS). On a
  // plain http:// URL it would hold every transfer until the first response came back.
  const bool tls = strncasecmp(t.call.url.c_str(), "https://", 8) == 0;
  curl_easy_setopt(h, CURLOPT_PIPEWAIT, t.call.http2 && tls ? 1L : 0L);
}

void finish(Transfer& t, CURLcode code) {
  CURL* h = t.easy.get();
  HttpResult& r = t.result;
  r.curl_code = static_cast<int>(code);
  r.timed_out = code == CURLE_OPERATION_TIMEDOUT;
  if (code != CURLE_OK) r.curl_error = t.errbuf[0] ? t.errbuf : curl_easy_strerror(code);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
  char* content_type = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
    r.content_type = content_type;
  r.elapsed_ms = ms_since(t.started);
}

}  // namespace

// Event-driven: libcurl tells us (socket callback) which sockets it waits on and (timer
// callback) when it next needs the clock; poll() waits on an epoll set and hands libcurl only the
// sockets that are ready. The work per wake-up is proportional to the ready transfers, not to all
// transfers in flight (curl_multi_perform walks every handle on each call).
struct HttpMulti::Impl {
  CurlMulti multi;
  int epoll_fd = -1;
  bool timer_armed = false;
  Clock::time_point timer_due;
  std::unordered_map<uint64_t, std::unique_ptr<Transfer>> transfers;
  std::vector<CurlEasy> idle;  // finished handles, reset and reused (they keep their buffers)
  uint64_t next_id = 1;
  curl_socket_t last_out = CURL_SOCKET_BAD;  // the last socket libcurl asked to write on

  static constexpr size_t kMaxIdle = 1024;
  // One ready socket per wake-up: poll() returns as soon as that socket finished a transfer, so
  // the caller answers each response (and sends the next request) before reading the next one.
  // Taking every ready socket at once answered a burst of responses together and sent their
  // successors as a burst, which came back as a burst one latency later: a queue that formed
  // again every round (harness_bench at C=256: ratio 1.16 with 256 per wake-up, 1.13 with 1).
  static constexpr int kMaxEvents = 1;

  ~Impl() {
    multi.reset();  // cleanup may still report sockets to on_socket: the epoll set must be open
    if (epoll_fd >= 0) ::close(epoll_fd);
  }

  // libcurl keeps a per-socket pointer for us (curl_multi_assign): non-null once the socket is in
  // the epoll set, and forgotten by libcurl when it reports the socket removed.
  static int on_socket(CURL*, curl_socket_t s, int what, void* user, void* registered) {
    auto* self = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(self->epoll_fd, EPOLL_CTL_DEL, s, nullptr);  // may already be closed: fine
      return 0;
    }
    epoll_event ev{};
    ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
    ev.data.fd = s;
    if (what & CURL_POLL_OUT) self->last_out = s;
    if (registered) {
      epoll_ctl(self->epoll_fd, EPOLL_CTL_MOD, s, &ev);
    } else {
      int rc = epoll_ctl(self->epoll_fd, EPOLL_CTL_ADD, s, &ev);
      if (rc != 0 && errno == EEXIST) rc = epoll_ctl(self->epoll_fd, EPOLL_CTL_MOD, s, &ev);
      if (rc == 0) curl_multi_assign(self->multi.get(), s, self);
    }
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->timer_armed = timeout_ms >= 0;
    if (self->timer_armed) self->timer_due = Clock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
  }

  void fire_timer_if_due() {
    if (!timer_armed || Clock::now() < timer_due) return;
    timer_armed = false;  // libcurl re-arms it from inside socket_action when it needs to
    int running = 0;
    curl_multi_socket_action(multi.get(), CURL_SOCKET_TIMEOUT, 0, &running);
  }

  // Waits up to wait_ms for ready sockets and lets libcurl act on them.
  void wait_and_dispatch(int wait_ms) {
    epoll_event events[kMaxEvents];  // level-triggered: sockets not taken now stay ready
    const int n = epoll_wait(epoll_fd, events, kMaxEvents, wait_ms);
    for (int i = 0; i < n; ++i) {
      const uint32_t e = events[i].events;
      const int mask = (e & EPOLLIN ? CURL_CSELECT_IN : 0) | (e & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                       (e & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
      int running = 0;
      curl_multi_socket_action(multi.get(), events[i].data.fd, mask, &running);
    }
  }

  // Adds a transfer and takes it as far as it goes without waiting: onto a connection kept from
  // an earlier transfer, its request is sent now; on a new connection, the connect is started,
  // and where it completes at once (loopback, a LAN) the request is sent too. Left to poll(),
  // a burst of new transfers (the first C of a run) made every connect before sending any
  // request: at C=256 on loopback the first request went out ~60 ms late.
  void launch(CURL* easy) {
    last_out = CURL_SOCKET_BAD;
    curl_multi_add_handle(multi.get(), easy);  // arms the timer at 0
    fire_timer_if_due();
    if (last_out == CURL_SOCKET_BAD) return;
    const curl_socket_t s = last_out;  // a connect in progress; libcurl checks it has completed
    int running = 0;
    curl_multi_socket_action(multi.get(), s, CURL_CSELECT_OUT, &running);
  }

  CurlEasy take_handle() {
    if (idle.empty()) return CurlEasy(curl_easy_init());
    CurlEasy h = std::move(idle.back());
    idle.pop_back();
    curl_easy_reset(h.get());
    return h;
  }

  void remove(Transfer& t) {
    curl_multi_remove_handle(multi.get(), t.easy.get());
    if (idle.size() < kMaxIdle) idle.push_back(std::move(t.easy));
  }

  void collect(std::vector<std::pair<uint64_t, HttpResult>>& out) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      YS_ASSERT(t != nullptr, "curl transfer without owner");
      finish(*t, msg->data.result);
      remove(*t);
      auto it = transfers.find(t->id);
      out.emplace_back(t->id, std::move(t->result));
      transfers.erase(it);
    }
  }
};

HttpMulti::HttpMulti(HttpMultiOptions options) : impl_(std::make_unique<Impl>()) {
  ensure_curl_global_init();
  impl_->multi.reset(curl_multi_init());
  YS_ASSERT(impl_->multi != nullptr, "curl_multi_init failed");
  impl_->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  YS_ASSERT(impl_->epoll_fd >= 0, "epoll_create1 failed");
  CURLM* m = impl_->multi.get();
  long limit = options.max_connections > 0 ? options.max_connections : 0L;
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit);
  // Keep every idle connection for reuse (the default cache is smaller than our concurrency).
  curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, limit > 0 ? limit : 4096L);
  curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, impl_.get());
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, impl_.get());
}

HttpMulti::~HttpMulti() {
  cancel_all();
}

uint64_t HttpMulti::start(HttpCall call) {
  auto t = std::make_unique<Transfer>();
  t->id = impl_->next_id++;
  t->call = std::move(call);
  t->easy = impl_->take_handle();
  YS_ASSERT(t->easy != nullptr, "curl_easy_init failed");
  configure(*t);
  t->started = Clock::now();
  uint64_t id = t->id;
  CURL* easy = t->easy.get();
  impl_->transfers.emplace(id, std::move(t));
  impl_->launch(easy);
  return id;
}

std::vector<std::pair<uint64_t, HttpResult>> HttpMulti::poll(int timeout_ms) {
  std::vector<std::pair<uint64_t, HttpResult>> out;
  const auto deadline = Clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  for (;;) {
    impl_->fire_timer_if_due();
    impl_->collect(out);
    if (!out.empty() || impl_->transfers.empty()) return out;
    const auto now = Clock::now();
    if (now >= deadline) return out;
    auto wait = deadline - now;
    if (impl_->timer_armed) wait = std::min<Clock::duration>(wait, impl_->timer_due - now);
    // Round up so a timer due in 0.3 ms is not polled for in a busy loop of zero waits.
    const auto wait_ms = std::chrono::ceil<std::chrono::milliseconds>(
        std::max<Clock::duration>(wait, Clock::duration::zero()));
    impl_->wait_and_dispatch(static_cast<int>(wait_ms.count()));
    impl_->collect(out);
    if (!out.empty()) return out;
  }
}

void HttpMulti::cancel(uint64_t id) {
  auto it = impl_->transfers.find(id);
  if (it == impl_->transfers.end()) return;
  impl_->remove(*it->second);
  impl_->transfers.erase(it);
}

void HttpMulti::cancel_all() {
  for (auto& [id, t] : impl_->transfers) impl_->remove(*t);
  impl_->transfers.clear();
}

size_t HttpMulti::in_flight() const {
  return impl_->transfers.size();
}

}  // namespace ys::remote
