#include "backends/remote/remote_backend.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "backends/remote/endpoint_pool.h"
#include "backends/remote/http_errors.h"
#include "backends/remote/http_multi.h"
#include "backends/remote/think_blocks.h"
#include "backends/remote/token_counter.h"
#include "harness/core/json_parse.h"

namespace ys::remote {

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

bool contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

// Failures that say more about the server than about the request: its endpoint rests a while.
bool blames_endpoint(const Response& r) {
  return r.error_kind == ErrorKind::network || r.error_kind == ErrorKind::timeout ||
         r.error_kind == ErrorKind::server;
}

std::vector<std::string> all_urls(const RemoteConfig& c) {
  std::vector<std::string> urls{c.base_url};
  urls.insert(urls.end(), c.more_base_urls.begin(), c.more_base_urls.end());
  return urls;
}

// One HTTP call of a request (a loglik request has one per continuation).
struct Part {
  PlannedCall call;
  std::string url;
  size_t endpoint = 0;  // in pool_
  uint64_t http_id = 0;
  std::unique_ptr<StreamDecoder> decoder;
  std::unique_ptr<SseParser> sse;
  Response partial;          // filled by the stream decoder
  std::string stream_error;  // first bad event, if any
  std::optional<Clock::time_point> first_token;
  bool unsupported = false;  // the reply showed the server lacks a capability the request needs
};

struct Job {
  uint64_t ticket = 0;
  Request request;
  Clock::time_point started;
  std::vector<std::unique_ptr<Part>> parts;
  size_t pending = 0;
  Response response;
  bool stops_run = false;
};

class RemoteBackend final : public Backend {
 public:
  RemoteBackend(RemoteConfig config, std::unique_ptr<ApiDialect> dialect)
      : config_(std::move(config)),
        dialect_(std::move(dialect)),
        http_(HttpMultiOptions{config_.max_connections}),
        pool_(all_urls(config_), config_.endpoint_cooldown_ms) {}
  ~RemoteBackend() override { http_.cancel_all(); }
  RemoteBackend(const RemoteBackend&) = delete;
  RemoteBackend& operator=(const RemoteBackend&) = delete;

  // The loglik mode changes answers, so it is part of the identity (and so of every cache key and
  // the run's model_identity); the default adds nothing, keeping older keys valid.
  std::string identity() const override {
    std::string id = config_.kind + "|" + config_.base_url + "|" + config_.model;
    if (config_.loglik == LoglikMode::top_logprobs) id += "|loglik=top-logprobs";
    return id;
  }
  bool supports(RequestKind kind) const override { return dialect_->supports(kind); }
  int max_in_flight() const override { return config_.max_connections; }
  std::optional<int> context_tokens() const override { return config_.max_model_len; }
  std::optional<int> count_tokens(const std::string& text) const override {
    if (!config_.max_model_len) return std::nullopt;
    if (!counter_) {
      std::vector<std::string> headers = dialect_->auth_headers(config_.api_key);
      headers.insert(headers.end(), config_.headers.begin(), config_.headers.end());
      counter_ = std::make_unique<RemoteTokenCounter>(
          config_.kind == "openai-compat", server_root(config_.base_url), config_.model,
          std::move(headers), std::min(config_.timeout_ms, 30000L));
    }
    return counter_->count(text);
  }

  void submit(uint64_t ticket, const Request& request) override;
  std::vector<Completion> poll(int timeout_ms) override;
  void cancel_all() override {
    for (const auto& [http_id, where] : by_http_) {
      auto job = jobs_.find(where.first);
      if (job != jobs_.end()) pool_.cancelled(job->second->parts[where.second]->endpoint);
    }
    http_.cancel_all();
    jobs_.clear();
    by_http_.clear();
    ready_.clear();
  }

 private:
  void start_part(Job& job, PlannedCall call);
  void on_event(Part& part, const SseEvent& event);
  Response finish_part(const Job& job, size_t index, Part& part, HttpResult result) const;
  void read_body(const Job& job, size_t index, Part& part, const HttpResult& r,
                 Response& out) const;
  void merge(Job& job, size_t index, Response part_response);
  Completion complete(Job& job);
  void fail_now(uint64_t ticket, ErrorKind kind, std::string message);
  // The key and every header value read from the environment, replaced by "[REDACTED]".
  std::string scrub(std::string text) const {
    text = redact(std::move(text), config_.api_key);
    for (const auto& secret : config_.secret_values) text = redact(std::move(text), secret);
    return text;
  }

  RemoteConfig config_;
  mutable std::unique_ptr<RemoteTokenCounter> counter_;  // made on first use (planning)
  std::unique_ptr<ApiDialect> dialect_;
  HttpMulti http_;
  EndpointPool pool_;
  std::unordered_map<uint64_t, std::unique_ptr<Job>> jobs_;
  std::unordered_map<uint64_t, std::pair<uint64_t, size_t>> by_http_;  // -> ticket, part index
  std::vector<Completion> ready_;  // finished without a transfer (requests we cannot send)
};

void RemoteBackend::fail_now(uint64_t ticket, ErrorKind kind, std::string message) {
  Completion c{ticket, {}};
  c.response.error_kind = kind;
  c.response.error = scrub(std::move(message));
  c.response.attempts = 1;
  ready_.push_back(std::move(c));
}

void RemoteBackend::submit(uint64_t ticket, const Request& request) {
  YS_ASSERT(jobs_.count(ticket) == 0, "submit: ticket already in flight");
  if (!dialect_->supports(request.kind)) {
    fail_now(ticket, ErrorKind::client,
             config_.kind + " backend does not serve " + to_string(request.kind) + " requests");
    return;
  }
  auto calls = dialect_->plan(request, config_.stream);
  if (!calls) {
    fail_now(ticket, ErrorKind::client, calls.error().message);
    return;
  }
  auto job = std::make_unique<Job>();
  job->ticket = ticket;
  job->request = request;
  job->started = Clock::now();
  Job& ref = *job;
  jobs_[ticket] = std::move(job);
  for (auto& call : *calls) start_part(ref, std::move(call));
}

void RemoteBackend::start_part(Job& job, PlannedCall planned) {
  auto part = std::make_unique<Part>();
  Part* p = part.get();
  p->call = std::move(planned);
  p->endpoint = pool_.acquire();
  p->url = pool_.url(p->endpoint) + p->call.path;
  HttpCall call;
  call.url = p->url;
  call.body = p->call.body.dump();
  call.timeout_ms = config_.timeout_ms;
  call.http2 = config_.http2;
  call.max_body_bytes = config_.max_response_bytes;
  call.headers = dialect_->auth_headers(config_.api_key);
  call.headers.push_back("Content-Type: application/json");
  call.headers.push_back(p->call.stream ? "Accept: text/event-stream" : "Accept: application/json");
  call.headers.push_back("Expect:");  // no 100-continue round trip for large bodies
  call.headers.insert(call.headers.end(), config_.headers.begin(), config_.headers.end());
  if (p->call.stream) {
    p->decoder = dialect_->stream_decoder(job.request);
    p->sse = std::make_unique<SseParser>([this, p](const SseEvent& e) { on_event(*p, e); });
    call.on_data = [p](std::string_view bytes) { p->sse->feed(bytes); };
  }
  p->http_id = http_.start(std::move(call));
  by_http_[p->http_id] = {job.ticket, job.parts.size()};
  job.parts.push_back(std::move(part));
  ++job.pending;
}

// Runs inside libcurl's write callback: nothing may throw out of here.
void RemoteBackend::on_event(Part& part, const SseEvent& event) {
  if (!part.stream_error.empty()) return;
  bool had_token = !part.partial.text.empty() || !part.partial.reasoning.empty();
  try {
    part.stream_error = part.decoder->on_event(event, part.partial);
  } catch (const std::exception& e) {
    part.stream_error = std::string("bad stream event: ") + e.what();
  }
  if (!had_token && (!part.partial.text.empty() || !part.partial.reasoning.empty()))
    part.first_token = Clock::now();
}

void RemoteBackend::read_body(const Job& job, size_t index, Part& part, const HttpResult& r,
                              Response& out) const {
  if (!contains(r.content_type, "json")) {
    set_bad_response(out, "expected JSON but got content type '" + r.content_type + "'", part.url,
                     r.body);
    return;
  }
  auto json = parse_json(r.body);
  if (!json) {
    set_bad_response(out, "malformed JSON (" + json.error().message + ")", part.url, r.body);
    return;
  }
  const Json& body = *json;
  Status parsed = Error{""};
  try {
    parsed = dialect_->parse(job.request, index, body, out);
  } catch (const std::exception& e) {
    parsed = Error{e.what()};
  }
  if (!parsed) {
    set_bad_response(out, "unexpected reply: " + parsed.error().message, part.url, r.body);
  } else if (!out.ok()) {  // a capability the server lacks (ApiDialect::parse)
    out.error = "reply from " + part.url + ": " + out.error;
    part.unsupported = true;
  }
}

Response RemoteBackend::finish_part(const Job& job, size_t index, Part& part,
                                    HttpResult result) const {
  result.body = scrub(std::move(result.body));
  Response out;
  if (result.too_large) {
    out.error_kind = ErrorKind::too_large;  // not retried: the same request gets the same reply
    out.error = "reply from " + part.url + " is larger than " +
                std::to_string(config_.max_response_bytes) +
                " bytes (option max_response_bytes); stopped reading it. Body starts: " +
                body_excerpt(result.body);
    return out;
  }
  if (classify_http_failure(result, part.url, config_.api_key_env, part.call.stream, out))
    return out;
  if (!part.call.stream || !contains(result.content_type, "text/event-stream")) {
    read_body(job, index, part, result, out);  // servers may ignore "stream": true
    return out;
  }
  if (!part.stream_error.empty()) {
    set_bad_response(out, part.stream_error, part.url, result.body);
  } else if (!part.decoder->complete()) {
    set_bad_response(out, "stream ended before its end marker", part.url, result.body);
  } else {
    out = std::move(part.partial);
    if (part.first_token) out.ttft_ms = ms_between(job.started, *part.first_token);
  }
  return out;
}

void RemoteBackend::merge(Job& job, size_t index, Response r) {
  if (job.request.kind != RequestKind::loglik) {
    job.response = std::move(r);
    return;
  }
  if (job.response.logliks.size() < job.request.continuations.size())
    job.response.logliks.resize(job.request.continuations.size());
  if (job.parts.size() == 1 && r.logliks.size() == job.response.logliks.size()) {
    job.response.logliks = std::move(r.logliks);  // one call answered every continuation
  } else if (index < r.logliks.size()) {
    job.response.logliks[index] = r.logliks[index];
  }
  job.response.prompt_tokens += r.prompt_tokens;
  job.response.completion_tokens += r.completion_tokens;
  job.response.finish_reason = r.finish_reason;
}

Completion RemoteBackend::complete(Job& job) {
  Response& r = job.response;
  if (r.ok() && job.request.kind != RequestKind::loglik && !job.request.params.keep_think_blocks)
    split_think_blocks(r.text, r.reasoning);
  r.latency_ms = ms_between(job.started, Clock::now());
  r.attempts = 1;
  r.text = scrub(std::move(r.text));
  r.reasoning = scrub(std::move(r.reasoning));
  r.error = scrub(std::move(r.error));
  return Completion{job.ticket, std::move(r), job.stops_run};
}

std::vector<Completion> RemoteBackend::poll(int timeout_ms) {
  std::vector<Completion> done = std::move(ready_);
  ready_.clear();
  for (auto& [http_id, result] : http_.poll(done.empty() ? timeout_ms : 0)) {
    auto where = by_http_.find(http_id);
    if (where == by_http_.end()) continue;
    auto [ticket, index] = where->second;
    by_http_.erase(where);
    auto it = jobs_.find(ticket);
    if (it == jobs_.end()) continue;
    Job& job = *it->second;
    Response r = finish_part(job, index, *job.parts[index], std::move(result));
    pool_.finished(job.parts[index]->endpoint, blames_endpoint(r));
    --job.pending;
    if (!r.ok()) {  // one failed part fails the request; abandon its siblings
      for (auto& p : job.parts) {
        if (!by_http_.erase(p->http_id)) continue;
        http_.cancel(p->http_id);
        pool_.cancelled(p->endpoint);
      }
      job.response = std::move(r);
      job.stops_run = job.parts[index]->unsupported;
      job.pending = 0;
    } else {
      merge(job, index, std::move(r));
    }
    if (job.pending == 0) {
      done.push_back(complete(job));
      jobs_.erase(it);
    }
  }
  return done;
}

}  // namespace

std::unique_ptr<Backend> make_remote_backend(RemoteConfig config,
                                             std::unique_ptr<ApiDialect> dialect) {
  return std::make_unique<RemoteBackend>(std::move(config), std::move(dialect));
}

}  // namespace ys::remote
