// The Anthropic Messages API dialect: POST /messages, chat only. System messages become the
// top-level "system" string; max_tokens is required by the API (default 4096).
#include "backends/remote/api_dialect.h"
#include "backends/remote/http_errors.h"
#include "backends/remote/json_fields.h"
#include "harness/core/json_parse.h"

namespace ys::remote {

namespace {

constexpr int kDefaultMaxTokens = 4096;

// Extended thinking budgets for reasoning_effort (the API has no effort knob of its own).
int thinking_budget(const std::string& effort) {
  if (effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  return 0;
}

class AnthropicStream final : public StreamDecoder {
 public:
  std::string on_event(const SseEvent& event, Response& out) override {
    auto parsed = parse_json(event.data);
    if (!parsed || !parsed->is_object())
      return "stream event is not JSON: " + body_excerpt(event.data);
    const Json& j = *parsed;
    const std::string type = string_or_empty(j, "type");
    if (type == "error") return "stream reported an error: " + j.value("error", Json()).dump();
    if (type == "message_start" && j.contains("message")) {
      out.prompt_tokens = int_or_zero(j["message"].value("usage", Json()), "input_tokens");
    } else if (type == "content_block_delta" && j.contains("delta")) {
      const Json& d = j["delta"];
      out.text += string_or_empty(d, "text");
      out.reasoning += string_or_empty(d, "thinking");
    } else if (type == "message_delta") {
      if (j.contains("delta")) {
        std::string stop = string_or_empty(j["delta"], "stop_reason");
        if (!stop.empty()) out.finish_reason = stop;
      }
      if (j.contains("usage")) out.completion_tokens = int_or_zero(j["usage"], "output_tokens");
    } else if (type == "message_stop") {
      done_ = true;
    }
    return "";
  }
  bool complete() const override { return done_; }

 private:
  bool done_ = false;
};

class AnthropicDialect final : public ApiDialect {
 public:
  AnthropicDialect(std::string model, std::string version)
      : model_(std::move(model)), version_(std::move(version)) {}

  bool supports(RequestKind kind) const override { return kind == RequestKind::chat; }

  std::vector<std::string> auth_headers(const std::string& api_key) const override {
    std::vector<std::string> h = {"anthropic-version: " + version_};
    if (!api_key.empty()) h.push_back("x-api-key: " + api_key);
    return h;
  }

  Expected<std::vector<PlannedCall>> plan(const Request& r, bool stream) const override {
    if (r.kind != RequestKind::chat)
      return Error{"the Anthropic Messages API serves chat requests only, not " +
                   to_string(r.kind)};
    std::string system;
    Json messages = Json::array();
    for (const auto& m : r.messages) {
      if (m.role == "system") {
        system += system.empty() ? m.content : "\n\n" + m.content;
      } else {
        messages.push_back({{"role", m.role}, {"content", m.content}});
      }
    }
    Json body = {{"model", model_}, {"messages", messages}};
    if (!system.empty()) body["system"] = system;
    add_params(body, r.params);
    if (stream) body["stream"] = true;
    return std::vector<PlannedCall>{{"/messages", std::move(body), stream}};
  }

  std::unique_ptr<StreamDecoder> stream_decoder(const Request&) const override {
    return std::make_unique<AnthropicStream>();
  }

  Status parse(const Request&, size_t, const Json& body, Response& out) const override {
    if (!body.is_object() || !body.contains("content") || !body["content"].is_array())
      return Error{"response has no content array"};
    for (const auto& block : body["content"]) {
      const std::string type = string_or_empty(block, "type");
      if (type == "text") out.text += string_or_empty(block, "text");
      if (type == "thinking") out.reasoning += string_or_empty(block, "thinking");
    }
    out.finish_reason = string_or_empty(body, "stop_reason");
    if (body.contains("usage")) {
      out.prompt_tokens = int_or_zero(body["usage"], "input_tokens");
      out.completion_tokens = int_or_zero(body["usage"], "output_tokens");
    }
    return ok_status();
  }

 private:
  void add_params(Json& body, const GenParams& p) const {
    int max_tokens = p.max_tokens.value_or(kDefaultMaxTokens);
    if (int budget = thinking_budget(p.reasoning_effort); budget > 0) {
      body["thinking"] = {{"type", "enabled"}, {"budget_tokens", budget}};
      if (max_tokens <= budget) max_tokens = budget + kDefaultMaxTokens;  // the API requires >
    }
    body["max_tokens"] = max_tokens;
    if (p.temperature) body["temperature"] = *p.temperature;
    if (p.top_p) body["top_p"] = *p.top_p;
    if (p.top_k) body["top_k"] = *p.top_k;
    if (!p.stop.empty()) body["stop_sequences"] = p.stop;
  }

  std::string model_;
  std::string version_;
};

}  // namespace

std::unique_ptr<ApiDialect> make_anthropic_dialect(const std::string& model,
                                                   const std::string& anthropic_version) {
  return std::make_unique<AnthropicDialect>(model, anthropic_version);
}

}  // namespace ys::remote
