// The OpenAI-compatible dialect: /chat/completions, /completions, and log-likelihoods through
// /completions with echo + logprobs (the lm-evaluation-harness approach).
#include <cmath>

#include "backends/remote/api_dialect.h"

namespace ys::remote {

namespace {

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

int64_t int_or_zero(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return 0;
  return j[key].get<int64_t>();
}

void read_usage(const Json& body, Response& out) {
  if (!body.contains("usage") || !body["usage"].is_object()) return;
  const Json& u = body["usage"];
  out.prompt_tokens += int_or_zero(u, "prompt_tokens");
  out.completion_tokens += int_or_zero(u, "completion_tokens");
  if (u.contains("completion_tokens_details"))
    out.reasoning_tokens += int_or_zero(u["completion_tokens_details"], "reasoning_tokens");
}

std::string string_or_empty(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
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

// Sums the log-probs of the tokens that start at or after the context (text_offset counts code
// points, as Python-based servers report it).
Expected<LoglikResult> loglik_from(const Json& choice, const std::string& context) {
  if (!choice.contains("logprobs") || !choice["logprobs"].is_object())
    return Error{"choices[0].logprobs missing: the server does not support echo + logprobs"};
  const Json& lp = choice["logprobs"];
  for (const char* key : {"tokens", "token_logprobs", "text_offset", "top_logprobs"})
    if (!lp.contains(key) || !lp[key].is_array())
      return Error{std::string("choices[0].logprobs.") + key + " missing"};
  const Json& tokens = lp["tokens"];
  const Json& values = lp["token_logprobs"];
  const Json& offsets = lp["text_offset"];
  const Json& tops = lp["top_logprobs"];
  if (values.size() != tokens.size() || offsets.size() != tokens.size() ||
      tops.size() != tokens.size())
    return Error{"choices[0].logprobs arrays differ in length"};
  const size_t context_length = utf8_length(context);
  LoglikResult result;
  result.is_greedy = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (offsets[i].get<size_t>() < context_length) continue;
    if (!values[i].is_number())
      return Error{"choices[0].logprobs.token_logprobs[" + std::to_string(i) + "] is not a number"};
    result.logprob += values[i].get<double>();
    ++result.n_tokens;
    if (!tops[i].is_object() || tops[i].empty()) {
      result.is_greedy = false;
      continue;
    }
    auto best = tops[i].begin();
    for (auto it = tops[i].begin(); it != tops[i].end(); ++it)
      if (it.value().get<double>() > best.value().get<double>()) best = it;
    if (best.key() != tokens[i].get<std::string>()) result.is_greedy = false;
  }
  if (result.n_tokens == 0) return Error{"no logprobs tokens after the context"};
  return result;
}

class OpenAiStream final : public StreamDecoder {
 public:
  explicit OpenAiStream(bool chat) : chat_(chat) {}

  std::string on_event(const SseEvent& event, Response& out) override {
    if (event.data == "[DONE]") {
      done_ = true;
      return "";
    }
    Json j = Json::parse(event.data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "stream event is not JSON: " + event.data;
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
  OpenAiDialect(std::string model, bool compat) : model_(std::move(model)), compat_(compat) {}

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
    auto ll = loglik_from(c, r.prompt);
    if (!ll) return ll.error();
    if (out.logliks.size() < r.continuations.size()) out.logliks.resize(r.continuations.size());
    out.logliks[part] = *ll;
    return ok_status();
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

  Expected<std::vector<PlannedCall>> loglik_calls(const Request& r) const {
    if (r.continuations.empty()) return Error{"loglik request without continuations"};
    if (r.prompt.empty()) return Error{"loglik request needs a non-empty context (prompt)"};
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
};

}  // namespace

std::unique_ptr<ApiDialect> make_openai_dialect(const std::string& model, bool compat) {
  return std::make_unique<OpenAiDialect>(model, compat);
}

}  // namespace ys::remote
