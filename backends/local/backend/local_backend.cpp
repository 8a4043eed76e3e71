// The `local:` Backend over the CPU engine. See local_backend.h for the contract.
#include "backends/local/backend/local_backend.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <random>
#include <utility>

#include "backends/local/backend/hash_cache.h"
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

int argmax(const float* row, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (row[i] > row[best]) best = i;  // strict: the lowest id wins a tie
  }
  return best;
}

// log_softmax(row)[id], computed in double.
double log_prob(const float* row, int n, int id) {
  double mx = row[argmax(row, n)];
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += std::exp(static_cast<double>(row[i]) - mx);
  return static_cast<double>(row[id]) - mx - std::log(sum);
}

// Temperature sampling with optional top-k and top-p (nucleus) filtering.
int sample(const float* row, int n, const GenParams& p, std::mt19937_64& rng) {
  double temp = *p.temperature;
  std::vector<int> ids(static_cast<size_t>(n));
  std::iota(ids.begin(), ids.end(), 0);
  std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) { return row[a] > row[b]; });
  size_t keep = ids.size();
  if (p.top_k && *p.top_k > 0) keep = std::min(keep, static_cast<size_t>(*p.top_k));
  std::vector<double> w(keep);
  double mx = row[ids[0]];
  double total = 0.0;
  for (size_t i = 0; i < keep; ++i) {
    w[i] = std::exp((static_cast<double>(row[ids[i]]) - mx) / temp);
    total += w[i];
  }
  if (p.top_p && *p.top_p > 0.0 && *p.top_p < 1.0) {
    double acc = 0.0;
    size_t cut = keep;
    for (size_t i = 0; i < keep; ++i) {
      acc += w[i] / total;
      if (acc >= *p.top_p) {
        cut = i + 1;
        break;
      }
    }
    w.resize(cut);
  }
  std::discrete_distribution<size_t> dist(w.begin(), w.end());
  return ids[dist(rng)];
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

// Releases an engine sequence on scope exit.
class SeqGuard {
 public:
  SeqGuard(Engine& e, int seq) : e_(e), seq_(seq) {}
  ~SeqGuard() { e_.release(seq_); }
  SeqGuard(const SeqGuard&) = delete;
  SeqGuard& operator=(const SeqGuard&) = delete;
  int id() const { return seq_; }

 private:
  Engine& e_;
  int seq_;
};

class LocalBackend final : public Backend {
 public:
  LocalBackend(std::string identity, std::unique_ptr<Engine> eng, std::unique_ptr<Tokenizer> tok,
               ChatTemplate tmpl)
      : identity_(std::move(identity)),
        engine_(std::move(eng)),
        tok_(std::move(tok)),
        template_(tmpl) {}

  std::string identity() const override { return identity_; }
  bool supports(RequestKind) const override { return true; }
  int max_in_flight() const override { return 1; }

  void submit(uint64_t ticket, const Request& request) override {
    queue_.emplace_back(ticket, request);
  }

  std::vector<Completion> poll(int timeout_ms) override {
    auto deadline = Clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
    std::vector<Completion> done;
    while (!queue_.empty()) {
      auto [ticket, request] = std::move(queue_.front());
      queue_.pop_front();
      done.push_back({ticket, run(request)});
      if (Clock::now() >= deadline) break;
    }
    return done;
  }

  void cancel_all() override { queue_.clear(); }

 private:
  Response run(const Request& r) {
    auto t0 = Clock::now();
    Response out;
    try {
      out = r.kind == RequestKind::loglik ? loglik(r) : generate(r);
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

  Response generate(const Request& r) {
    bool chat = r.kind == RequestKind::chat;
    std::string text = chat ? render_chat(template_, r.messages) : r.prompt;
    std::vector<int32_t> prompt = tok_->encode(text, true, chat);
    if (prompt.empty()) return engine_error("local engine: the prompt is empty after tokenization");
    if (prompt.size() >= static_cast<size_t>(engine_->n_ctx())) return too_long(prompt.size());
    const GenParams& p = r.params;
    int max_tokens = p.max_tokens.value_or(256);
    bool greedy = !p.temperature || *p.temperature <= 0.0;
    std::mt19937_64 rng(static_cast<uint64_t>(p.seed.value_or(0)));

    SeqGuard seq(*engine_, engine_->new_sequence());
    std::vector<float> logits;
    Status st = engine_->eval(seq.id(), prompt, false, &logits);
    if (!st) return engine_error("local engine: " + st.error().message);

    Response out;
    out.prompt_tokens = static_cast<int64_t>(prompt.size());
    out.finish_reason = "length";
    engine::StreamDecoder decoder(*tok_);
    int n_vocab = engine_->n_vocab();
    bool stopped = false;
    while (out.completion_tokens < max_tokens) {
      int32_t id = greedy ? argmax(logits.data(), n_vocab) : sample(logits.data(), n_vocab, p, rng);
      if (tok_->is_eog(id)) {
        out.finish_reason = "stop";
        break;
      }
      ++out.completion_tokens;
      out.text += decoder.push(id);
      if (size_t at = find_stop(out.text, p.stop); at != std::string::npos) {
        out.text.resize(at);
        out.finish_reason = "stop";
        stopped = true;
        break;
      }
      if (out.completion_tokens >= max_tokens || engine_->length(seq.id()) >= engine_->n_ctx()) {
        break;
      }
      int32_t next[1] = {id};
      st = engine_->eval(seq.id(), next, false, &logits);
      if (!st) return engine_error("local engine: " + st.error().message);
    }
    if (!stopped) {
      out.text += decoder.flush();
      if (size_t at = find_stop(out.text, p.stop); at != std::string::npos) {
        out.text.resize(at);
        out.finish_reason = "stop";
      }
    }
    return out;
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
    SeqGuard seq(*engine_, engine_->new_sequence());
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
      SeqGuard f(*engine_, *forked);
      std::span<const int32_t> head(cont.data(), cont.size() - 1);
      Status st = engine_->eval(f.id(), head, true, &rows);
      if (!st) return st.error();
    }
    for (size_t i = 0; i < cont.size(); ++i) {
      const float* row = i == 0 ? last.data() : rows.data() + (i - 1) * static_cast<size_t>(n);
      res.logprob += log_prob(row, n, cont[i]);
      if (argmax(row, n) != cont[i]) res.is_greedy = false;
    }
    return res;
  }

  std::string identity_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Tokenizer> tok_;
  ChatTemplate template_;
  std::deque<std::pair<uint64_t, Request>> queue_;
};

struct Options {
  int threads = 0;
  int n_ctx = 0;
  std::string chat_template = "auto";
};

Expected<Options> parse_options(const Json& j) {
  Options o;
  try {
    if (j.contains("threads")) o.threads = j.at("threads").get<int>();
    if (j.contains("n_ctx")) o.n_ctx = j.at("n_ctx").get<int>();
    if (j.contains("chat_template")) o.chat_template = j.at("chat_template").get<std::string>();
  } catch (const std::exception& e) {
    return Error{std::string("local: bad option (threads and n_ctx are integers, chat_template "
                             "a string): ") +
                 e.what()};
  }
  const std::vector<std::string> names = {"auto", "chatml", "llama3", "raw"};
  if (std::find(names.begin(), names.end(), o.chat_template) == names.end()) {
    return Error{"local: option chat_template must be auto, chatml, llama3 or raw, not '" +
                 o.chat_template + "'"};
  }
  return o;
}

ChatTemplate choose_template(const Options& o, const Engine& e) {
  if (o.chat_template == "chatml") return ChatTemplate::chatml;
  if (o.chat_template == "llama3") return ChatTemplate::llama3;
  if (o.chat_template == "raw") return ChatTemplate::raw;
  return detect_chat_template(e.file().get_string("tokenizer.chat_template").value_or(""));
}

}  // namespace

ChatTemplate detect_chat_template(const std::string& text) {
  if (text.find("<|im_start|>") != std::string::npos) return ChatTemplate::chatml;
  if (text.find("<|start_header_id|>") != std::string::npos) return ChatTemplate::llama3;
  return ChatTemplate::raw;
}

std::string render_chat(ChatTemplate tmpl, const std::vector<Message>& messages) {
  std::string out;
  for (const auto& m : messages) {
    switch (tmpl) {
      case ChatTemplate::chatml:
        out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
        break;
      case ChatTemplate::llama3:
        out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + m.content + "<|eot_id|>";
        break;
      case ChatTemplate::raw:
        out += m.content + "\n\n";
        break;
    }
  }
  if (tmpl == ChatTemplate::chatml) out += "<|im_start|>assistant\n";
  if (tmpl == ChatTemplate::llama3) out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
  return out;
}

Expected<std::unique_ptr<Backend>> make_local_backend(const ModelSpec& spec,
                                                      const BackendContext& ctx) {
  auto opts = parse_options(spec.options);
  if (!opts) return opts.error();
  auto hash = sha256_file_cached(spec.target, default_hash_cache_path(ctx.getenv));
  if (!hash) return Error{"local: cannot read model " + spec.target + ": " + hash.error().message};
  auto eng = Engine::load(spec.target, {.n_threads = opts->threads, .n_ctx = opts->n_ctx});
  if (!eng) return Error{"local: cannot load " + spec.target + ": " + eng.error().message};
  auto tok = Tokenizer::from_gguf((*eng)->file());
  if (!tok)
    return Error{"local: no usable tokenizer in " + spec.target + ": " + tok.error().message};
  ChatTemplate tmpl = choose_template(*opts, **eng);
  std::unique_ptr<Backend> b = std::make_unique<LocalBackend>(
      "gguf-sha256:" + hash->sha256, std::move(*eng), std::move(*tok), tmpl);
  return b;
}

}  // namespace ys
