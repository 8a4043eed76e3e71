// The `local:` Backend over the CPU engine. See local_backend.h for the contract.
#include "backends/local/backend/local_backend.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <random>
#include <utility>

#include "backends/local/backend/hash_cache.h"
#include "backends/local/backend/sampling.h"
#include "backends/local/engine/engine.h"
#include "backends/local/tokenizer/tokenizer.h"

namespace ys {

namespace {

using engine::Engine;
using engine::Tokenizer;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

Response engine_error(std::string message) {
  Response r;
  r.error_kind = ErrorKind::engine;
  r.error = std::move(message);
  r.retryable = false;
  return r;
}

// Earliest occurrence of any stop string in text, or npos.
size_t find_stop(const std::string& text, const std::vector<std::string>& stops) {
  size_t best = std::string::npos;
  for (const auto& s : stops) {
    if (s.empty()) continue;
    size_t at = text.find(s);
    if (at < best) best = at;
  }
  return best;
}

// One generation request being decoded: the state of the per-token loop of generate().
struct GenSlot {
  uint64_t ticket = 0;
  Request request;
  Clock::time_point t0;
  int seq = -1;
  std::vector<float> logits;  // the row for the next token
  Response out;
  std::unique_ptr<engine::IncrementalDetokenizer> decoder;
  std::mt19937_64 rng;
  bool greedy = true;
  int max_tokens = 256;
};

class LocalBackend final : public Backend {
 public:
  LocalBackend(std::string identity, std::unique_ptr<Engine> eng, std::unique_ptr<Tokenizer> tok,
               ChatTemplate tmpl, std::string template_problem, int batch)
      : identity_(std::move(identity)),
        engine_(std::move(eng)),
        tok_(std::move(tok)),
        template_(tmpl),
        template_problem_(std::move(template_problem)),
        batch_(std::max(1, batch)) {}

  ~LocalBackend() override { cancel_all(); }

  std::string identity() const override { return identity_; }
  bool supports(RequestKind) const override { return true; }
  int max_in_flight() const override { return batch_; }
  std::optional<int> context_tokens() const override { return engine_->n_ctx(); }
  // Exact: the tokens a completion prompt gets (BOS included). A chat prompt adds its template's
  // tokens on top, which the suites' budget does not see.
  std::optional<int> count_tokens(const std::string& text) const override {
    return static_cast<int>(tok_->encode(text, true, false).size());
  }

  void submit(uint64_t ticket, const Request& request) override {
    queue_.emplace_back(ticket, request);
  }

  // Starts queued requests (generation ones join the batch; loglik ones run to completion), then
  // decodes one token for every active generation per step until something finishes or the
  // deadline passes.
  std::vector<Completion> poll(int timeout_ms) override {
    auto deadline = Clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
    std::vector<Completion> done;
    while (!queue_.empty() && static_cast<int>(active_.size()) < batch_) {
      auto [ticket, request] = std::move(queue_.front());
      queue_.pop_front();
      if (request.kind == RequestKind::loglik) {
        done.push_back({ticket, timed(Clock::now(), [&] { return loglik(request); })});
      } else {
        start(ticket, std::move(request), done);
      }
    }
    while (done.empty() && !active_.empty()) {
      step(done);
      if (Clock::now() >= deadline) break;
    }
    return done;
  }

  void cancel_all() override {
    queue_.clear();
    for (auto& slot : active_) engine_->release(slot->seq);
    active_.clear();
  }

 private:
  template <typename F>
  Response timed(Clock::time_point t0, F&& f) {
    Response out;
    try {
      out = f();
    } catch (const std::exception& e) {
      out = engine_error(std::string("local engine: ") + e.what());
    }
    out.latency_ms = ms_since(t0);
    out.attempts = 1;
    return out;
  }

  Response too_long(size_t n_tokens) const {
    return engine_error("local engine: prompt has " + std::to_string(n_tokens) +
                        " tokens, which does not fit the context of " +
                        std::to_string(engine_->n_ctx()) + " (option n_ctx)");
  }

  // Tokenizes and evaluates the prompt; the slot joins the batch, or a failure completes at once.
  void start(uint64_t ticket, Request request, std::vector<Completion>& done) {
    auto slot = std::make_unique<GenSlot>();
    slot->ticket = ticket;
    slot->t0 = Clock::now();
    Response failed = timed(slot->t0, [&]() -> Response {
      bool chat = request.kind == RequestKind::chat;
      if (chat && !template_problem_.empty()) return engine_error(template_problem_);
      std::string text = chat ? render_chat(template_, request.messages) : request.prompt;
      std::vector<int32_t> prompt = tok_->encode(text, true, chat);
      if (prompt.empty())
        return engine_error("local engine: the prompt is empty after tokenization");
      if (prompt.size() >= static_cast<size_t>(engine_->n_ctx())) return too_long(prompt.size());
      const GenParams& p = request.params;
      slot->max_tokens = p.max_tokens.value_or(256);
      slot->greedy = !p.temperature || *p.temperature <= 0.0;
      slot->rng.seed(static_cast<uint64_t>(p.seed.value_or(0)));
      slot->seq = engine_->new_sequence();
      Status st = engine_->eval(slot->seq, prompt, false, &slot->logits);
      if (!st) return engine_error("local engine: " + st.error().message);
      slot->out.prompt_tokens = static_cast<int64_t>(prompt.size());
      slot->out.finish_reason = "length";
      slot->decoder = std::make_unique<engine::IncrementalDetokenizer>(*tok_);
      return Response{};
    });
    if (!failed.ok()) {
      if (slot->seq >= 0) engine_->release(slot->seq);
      done.push_back({ticket, std::move(failed)});
      return;
    }
    slot->request = std::move(request);
    active_.push_back(std::move(slot));
  }

  // Picks the slot's next token from its logits. Returns the token to evaluate, or nullopt when
  // the generation has ended (EOS, stop string, max tokens, full context).
  std::optional<int32_t> advance(GenSlot& g) {
    const GenParams& p = g.request.params;
    if (g.out.completion_tokens >= g.max_tokens) return std::nullopt;
    int n_vocab = engine_->n_vocab();
    int32_t id = g.greedy ? sampling::argmax(g.logits.data(), n_vocab)
                          : sampling::sample(g.logits.data(), n_vocab, p, g.rng);
    if (tok_->is_eog(id)) {
      g.out.finish_reason = "stop";
      return std::nullopt;
    }
    ++g.out.completion_tokens;
    g.out.text += g.decoder->push(id);
    if (size_t at = find_stop(g.out.text, p.stop); at != std::string::npos) {
      g.out.text.resize(at);
      g.out.finish_reason = "stop";
      g.decoder.reset();  // stopped: the held-back bytes are not part of the answer
      return std::nullopt;
    }
    if (g.out.completion_tokens >= g.max_tokens || engine_->length(g.seq) >= engine_->n_ctx())
      return std::nullopt;
    return id;
  }

  void finish(GenSlot& g, std::vector<Completion>& done) {
    if (g.decoder) {
      g.out.text += g.decoder->flush();
      if (size_t at = find_stop(g.out.text, g.request.params.stop); at != std::string::npos) {
        g.out.text.resize(at);
        g.out.finish_reason = "stop";
      }
    }
    g.out.latency_ms = ms_since(g.t0);
    g.out.attempts = 1;
    engine_->release(g.seq);
    done.push_back({g.ticket, std::move(g.out)});
  }

  // One decode step over every active generation: their next tokens in one batch.
  void step(std::vector<Completion>& done) {
    std::vector<model::BatchToken> batch;
    std::vector<std::unique_ptr<GenSlot>> still;
    for (auto& slot : active_) {
      std::optional<int32_t> next;
      try {
        next = advance(*slot);
      } catch (const std::exception& e) {
        engine_->release(slot->seq);
        done.push_back({slot->ticket, engine_error(std::string("local engine: ") + e.what())});
        continue;
      }
      if (!next) {
        finish(*slot, done);
        continue;
      }
      batch.push_back({*next, slot->seq, true});
      still.push_back(std::move(slot));
    }
    active_ = std::move(still);
    if (batch.empty()) return;
    std::vector<float> rows;
    Status st = engine_->decode(batch, &rows);
    if (!st) {
      for (auto& slot : active_) {
        engine_->release(slot->seq);
        done.push_back({slot->ticket, engine_error("local engine: " + st.error().message)});
      }
      active_.clear();
      return;
    }
    const size_t n = static_cast<size_t>(engine_->n_vocab());
    for (size_t i = 0; i < active_.size(); ++i)
      active_[i]->logits.assign(rows.begin() + i * n, rows.begin() + (i + 1) * n);
  }

  // Continuations are tokenized on their own (no BOS, no special tokens) and appended to the
  // context's tokens; see docs/engine-backend.md.
  Response loglik(const Request& r) {
    std::vector<int32_t> ctx = tok_->encode(r.prompt, true, false);
    if (ctx.empty())
      return engine_error("local engine: loglik context is empty after tokenization");
    std::vector<std::vector<int32_t>> conts;
    size_t longest = 0;
    for (const auto& c : r.continuations) {
      conts.push_back(tok_->encode(c, false, false));
      longest = std::max(longest, conts.back().size());
    }
    if (ctx.size() + longest > static_cast<size_t>(engine_->n_ctx())) {
      return too_long(ctx.size() + longest);
    }
    engine::ScopedSequence seq(*engine_);
    std::vector<float> last;
    Status st = engine_->eval(seq.id(), ctx, false, &last);
    if (!st) return engine_error("local engine: " + st.error().message);

    Response out;
    out.prompt_tokens = static_cast<int64_t>(ctx.size());
    for (const auto& cont : conts) {
      auto res = score(seq.id(), last, cont);
      if (!res) return engine_error("local engine: " + res.error().message);
      out.logliks.push_back(*res);
    }
    out.finish_reason = "stop";
    return out;
  }

  Expected<LoglikResult> score(int ctx_seq, const std::vector<float>& last,
                               const std::vector<int32_t>& cont) {
    LoglikResult res;
    res.is_greedy = true;
    res.n_tokens = static_cast<int>(cont.size());
    if (cont.empty()) return res;
    int n = engine_->n_vocab();
    std::vector<float> rows;
    if (cont.size() > 1) {
      auto forked = engine_->fork(ctx_seq);
      if (!forked) return forked.error();
      engine::ScopedSequence f(*engine_, *forked);
      std::span<const int32_t> head(cont.data(), cont.size() - 1);
      Status st = engine_->eval(f.id(), head, true, &rows);
      if (!st) return st.error();
    }
    for (size_t i = 0; i < cont.size(); ++i) {
      const float* row = i == 0 ? last.data() : rows.data() + (i - 1) * static_cast<size_t>(n);
      res.logprob += sampling::log_prob(row, n, cont[i]);
      if (sampling::argmax(row, n) != cont[i]) res.is_greedy = false;
    }
    return res;
  }

  std::string identity_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Tokenizer> tok_;
  ChatTemplate template_;
  std::string template_problem_;  // non-empty: chat requests fail with this message
  int batch_;
  std::deque<std::pair<uint64_t, Request>> queue_;
  std::vector<std::unique_ptr<GenSlot>> active_;
};

struct Options {
  int threads = 0;
  int n_ctx = 0;
  int batch = 8;
  std::string chat_template = "auto";
  std::optional<int64_t> panel_min_tokens;  // unset: the engine's default
};

Expected<Options> parse_options(const Json& j) {
  Options o;
  for (const auto& [key, value] : j.items()) {
    // timeout_ms is set on every model by `run --timeout-ms`; the engine has no network to time.
    if (key != "threads" && key != "n_ctx" && key != "batch" && key != "chat_template" &&
        key != "panel_min_tokens" && key != "timeout_ms")
      return Error{"local: unknown option '" + key +
                   "' (known: threads, n_ctx, batch, chat_template, panel_min_tokens)"};
  }
  try {
    if (j.contains("threads")) o.threads = j.at("threads").get<int>();
    if (j.contains("n_ctx")) o.n_ctx = j.at("n_ctx").get<int>();
    if (j.contains("batch")) o.batch = j.at("batch").get<int>();
    if (j.contains("chat_template")) o.chat_template = j.at("chat_template").get<std::string>();
    if (j.contains("panel_min_tokens"))
      o.panel_min_tokens = j.at("panel_min_tokens").get<int64_t>();
  } catch (const std::exception& e) {
    return Error{std::string("local: bad option (threads, n_ctx, batch and panel_min_tokens are "
                             "integers, chat_template a string): ") +
                 e.what()};
  }
  if (o.batch < 1) return Error{"local: option batch must be at least 1"};
  if (o.panel_min_tokens && *o.panel_min_tokens < 1)
    return Error{"local: option panel_min_tokens must be at least 1"};
  if (o.chat_template != "auto" && !chat_template_from_name(o.chat_template)) {
    return Error{"local: option chat_template must be auto or one of " + chat_template_names() +
                 ", not '" + o.chat_template + "'"};
  }
  return o;
}

}  // namespace

Expected<std::unique_ptr<Backend>> make_local_backend(const ModelSpec& spec,
                                                      const BackendContext& ctx) {
  auto opts = parse_options(spec.options);
  if (!opts) return opts.error();
  auto hash = sha256_file_cached(spec.target, default_hash_cache_path(ctx.getenv));
  if (!hash) return Error{"local: cannot read model " + spec.target + ": " + hash.error().message};
  engine::EngineOptions engine_options{.n_threads = opts->threads, .n_ctx = opts->n_ctx};
  if (opts->panel_min_tokens) engine_options.panel_min_tokens = *opts->panel_min_tokens;
  auto eng = Engine::load(spec.target, engine_options);
  if (!eng) return Error{"local: cannot load " + spec.target + ": " + eng.error().message};
  auto tok = Tokenizer::from_gguf((*eng)->file());
  if (!tok)
    return Error{"local: no usable tokenizer in " + spec.target + ": " + tok.error().message};
  ChatTemplate tmpl = ChatTemplate::raw;
  std::string problem;
  if (opts->chat_template == "auto") {
    std::string text = (*eng)->file().get_string("tokenizer.chat_template").value_or("");
    if (auto detected = detect_chat_template(text)) {
      tmpl = *detected;
    } else {
      problem = "local: the chat template in " + spec.target + " is not one yardstick knows (" +
                chat_template_names() +
                "); set the model option chat_template to one of them, or to raw to send the "
                "messages without a template";
    }
  } else {
    tmpl = *chat_template_from_name(opts->chat_template);
  }
  std::unique_ptr<Backend> b = std::make_unique<LocalBackend>(
      "gguf-sha256:" + hash->sha256, std::move(*eng), std::move(*tok), tmpl, problem, opts->batch);
  return b;
}

}  // namespace ys
