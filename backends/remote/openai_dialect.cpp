// The OpenAI-compatible dialect: /chat/completions, /completions, and log-likelihoods through
// /completions, with echo + logprobs (the lm-evaluation-harness approach) or from the top
// logprobs of the first generated token (servers without echo, such as llama-server).
#include <cmath>

#include "backends/remote/api_dialect.h"
#include "backends/remote/http_errors.h"
#include "backends/remote/json_fields.h"
#include "backends/remote/openai_logprobs.h"
#include "harness/core/json_parse.h"

namespace ys::remote {

namespace {

void read_usage(const Json& body, Response& out) {
  if (!body.contains("usage") || !body["usage"].is_object()) return;
  const Json& u = body["usage"];
  out.prompt_tokens += int_or_zero(u, "prompt_tokens");
  out.completion_tokens += int_or_zero(u, "completion_tokens");
  if (u.contains("completion_tokens_details"))
    out.reasoning_tokens += int_or_zero(u["completion_tokens_details"], "reasoning_tokens");
}

// reasoning_content (DeepSeek, vLLM, llama.cpp) or reasoning (newer vLLM, OpenRouter).
std::string reasoning_of(const Json& message) {
  std::string r = string_or_empty(message, "reasoning_content");
  return r.empty() ? string_or_empty(message, "reasoning") : r;
}

Expected<const Json*> first_choice(const Json& body) {
  if (!body.is_object() || !body.contains("choices") || !body["choices"].is_array() ||
      body["choices"].empty() || !body["choices"][0].is_object())
    return Error{"response has no choices[0]"};
  return &body["choices"][0];
}

class OpenAiStream final : public StreamDecoder {
 public:
  explicit OpenAiStream(bool chat) : chat_(chat) {}

  std::string on_event(const SseEvent& event, Response& out) override {
    if (event.data == "[DONE]") {
      done_ = true;
      return "";
    }
    auto parsed = parse_json(event.data);
    if (!parsed || !parsed->is_object())
      return "stream event is not JSON: " + body_excerpt(event.data);
    const Json& j = *parsed;
    if (j.contains("error")) return "stream reported an error: " + j["error"].dump();
    read_usage(j, out);
    if (!j.contains("choices") || !j["choices"].is_array() || j["choices"].empty()) return "";
    const Json& c = j["choices"][0];
    if (chat_ && c.contains("delta") && c["delta"].is_object()) {
      out.text += string_or_empty(c["delta"], "content");
      out.reasoning += reasoning_of(c["delta"]);
    } else if (!chat_) {
      out.text += string_or_empty(c, "text");
    }
    std::string finish = string_or_empty(c, "finish_reason");
    if (!finish.empty()) out.finish_reason = finish;
    return "";
  }
  bool complete() const override { return done_; }

 private:
  bool chat_;
  bool done_ = false;
};

class OpenAiDialect final : public ApiDialect {
 public:
  OpenAiDialect(std::string model, bool compat, LoglikMode loglik)
      : model_(std::move(model)), compat_(compat), loglik_(loglik) {}

  bool supports(RequestKind kind) const override { return kind != RequestKind::loglik || compat_; }

  std::vector<std::string> auth_headers(const std::string& api_key) const override {
    if (api_key.empty()) return {};
    return {"Authorization: Bearer " + api_key};
  }

  Expected<std::vector<PlannedCall>> plan(const Request& r, bool stream) const override {
    switch (r.kind) {
      case RequestKind::chat:
        return std::vector<PlannedCall>{chat_call(r, stream)};
      case RequestKind::completion:
        return std::vector<PlannedCall>{completion_call(r, stream)};
      case RequestKind::loglik:
        return loglik_calls(r);
    }
    return Error{"unknown request kind"};
  }

  std::unique_ptr<StreamDecoder> stream_decoder(const Request& r) const override {
    return std::make_unique<OpenAiStream>(r.kind == RequestKind::chat);
  }

  Status parse(const Request& r, size_t part, const Json& body, Response& out) const override {
    auto choice = first_choice(body);
    if (!choice) return choice.error();
    const Json& c = **choice;
    read_usage(body, out);
    out.finish_reason = string_or_empty(c, "finish_reason");
    if (r.kind == RequestKind::chat) {
      if (!c.contains("message") || !c["message"].is_object())
        return Error{"choices[0].message missing"};
      out.text = string_or_empty(c["message"], "content");
      out.reasoning = reasoning_of(c["message"]);
      return ok_status();
    }
    if (r.kind == RequestKind::completion) {
      if (!c.contains("text") || !c["text"].is_string()) return Error{"choices[0].text missing"};
      out.text = c["text"].get<std::string>();
      return ok_status();
    }
    return read_logliks(r, part, c, out);
  }

 private:
  void add_params(Json& body, const GenParams& p) const {
    if (p.temperature) body["temperature"] = *p.temperature;
    if (p.top_p) body["top_p"] = *p.top_p;
    if (p.top_k && compat_) body["top_k"] = *p.top_k;  // not an OpenAI parameter
    if (p.max_tokens) body["max_tokens"] = *p.max_tokens;
    if (!p.stop.empty()) body["stop"] = p.stop;
    if (p.seed) body["seed"] = *p.seed;
    if (!p.reasoning_effort.empty()) body["reasoning_effort"] = p.reasoning_effort;
    if (p.frequency_penalty) body["frequency_penalty"] = *p.frequency_penalty;
    if (p.presence_penalty) body["presence_penalty"] = *p.presence_penalty;
  }

  void add_stream(Json& body, bool stream) const {
    if (!stream) return;
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }

  PlannedCall chat_call(const Request& r, bool stream) const {
    Json messages = Json::array();
    for (const auto& m : r.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
    Json body = {{"model", model_}, {"messages", messages}};
    add_params(body, r.params);
    add_stream(body, stream);
    return {"/chat/completions", std::move(body), stream};
  }

  PlannedCall completion_call(const Request& r, bool stream) const {
    Json body = {{"model", model_}, {"prompt", r.prompt}};
    add_params(body, r.params);
    add_stream(body, stream);
    return {"/completions", std::move(body), stream};
  }

  Status read_logliks(const Request& r, size_t part, const Json& choice, Response& out) const {
    const bool echo = loglik_ == LoglikMode::echo;
    LogprobReading reading = echo ? read_echo_loglik(choice, r.prompt, r.continuations.at(part))
                                  : read_first_token_logliks(choice, r.continuations);
    if (reading.unsupported) {
      out.error_kind = ErrorKind::client;
      out.retryable = false;
      out.error = reading.problem;
      if (echo)
        out.error +=
            "; the model option 'loglik: top-logprobs' scores single-token continuations (option "
            "letters) through the first generated token's top_logprobs instead";
      return ok_status();
    }
    if (!reading.problem.empty()) return Error{reading.problem};
    if (out.logliks.size() < r.continuations.size()) out.logliks.resize(r.continuations.size());
    if (echo) {
      out.logliks[part] = reading.logliks.at(0);
    } else {
      out.logliks = std::move(reading.logliks);
    }
    return ok_status();
  }

  Expected<std::vector<PlannedCall>> loglik_calls(const Request& r) const {
    if (r.continuations.empty()) return Error{"loglik request without continuations"};
    if (r.prompt.empty()) return Error{"loglik request needs a non-empty context (prompt)"};
    if (loglik_ == LoglikMode::top_logprobs) {
      Json body = {{"model", model_},
                   {"prompt", r.prompt},
                   {"max_tokens", 1},
                   {"temperature", 0},
                   {"logprobs", kTopLogprobs}};
      return std::vector<PlannedCall>{{"/completions", std::move(body), false}};
    }
    std::vector<PlannedCall> calls;
    for (const auto& continuation : r.continuations) {
      Json body = {{"model", model_}, {"prompt", r.prompt + continuation},
                   {"echo", true},    {"logprobs", 1},
                   {"max_tokens", 0}, {"temperature", 0}};
      calls.push_back({"/completions", std::move(body), false});
    }
    return calls;
  }

  std::string model_;
  bool compat_;
  LoglikMode loglik_;
};

}  // namespace

std::unique_ptr<ApiDialect> make_openai_dialect(const std::string& model, bool compat,
                                                LoglikMode loglik) {
  return std::make_unique<OpenAiDialect>(model, compat, loglik);
}

}  // namespace ys::remote
