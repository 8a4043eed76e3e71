#include "tests/support/fake_render.h"

#include <cctype>

#include "tests/support/http_wire.h"

namespace ys::test {

namespace {

using nlohmann::json;

bool is_word_byte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;
}

// Code-point length of a UTF-8 string: OpenAI-style text_offset counts characters.
size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_anthropic(const std::string& path) {
  return path == "/v1/messages";
}

std::string model_of(const json& body) {
  if (body.is_object() && body.contains("model") && body["model"].is_string())
    return body["model"].get<std::string>();
  return "fake-model";
}

json openai_usage(const FakeReply& r) {
  json u = {{"prompt_tokens", r.prompt_tokens},
            {"completion_tokens", r.completion_tokens},
            {"total_tokens", r.prompt_tokens + r.completion_tokens}};
  if (!r.reasoning.empty())
    u["completion_tokens_details"] = {
        {"reasoning_tokens", static_cast<int>(fake_tokens(r.reasoning).size())}};
  return u;
}

std::string error_type(int status) {
  if (status == 429) return "rate_limit_error";
  if (status == 401) return "authentication_error";
  if (status == 403) return "permission_error";
  if (status == 404) return "not_found_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

RenderedReply render_status(const std::string& path, const FakeReply& r, bool keep_alive) {
  std::string message = r.text.empty() ? "fake error " + std::to_string(r.status) : r.text;
  json body = is_anthropic(path)
                  ? json{{"type", "error"},
                         {"error", {{"type", error_type(r.status)}, {"message", message}}}}
                  : json{{"error", {{"message", message}, {"type", error_type(r.status)}}}};
  std::map<std::string, std::string> headers;
  if (r.retry_after_s) headers["Retry-After"] = std::to_string(*r.retry_after_s);
  return {{wire_response(r.status, "application/json", body.dump(), headers, keep_alive)},
          false,
          false};
}

// --- OpenAI chat -------------------------------------------------------------------------------

json chat_message(const FakeReply& r) {
  json m = {{"role", "assistant"}, {"content", r.text}};
  if (!r.reasoning.empty()) m["reasoning_content"] = r.reasoning;
  return m;
}

std::string sse(const json& data) {
  return "data: " + data.dump() + "\n\n";
}

json chat_chunk(const std::string& model, int index, const json& delta, const json& finish) {
  return {{"id", "fake-" + std::to_string(index)},
          {"object", "chat.completion.chunk"},
          {"created", 0},
          {"model", model},
          {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
}

// SSE events of a streamed chat answer; the last two are the usage chunk and [DONE].
std::vector<std::string> chat_events(const std::string& model, int index, const FakeReply& r) {
  std::vector<std::string> events;
  events.push_back(
      sse(chat_chunk(model, index, {{"role", "assistant"}, {"content", ""}}, nullptr)));
  for (const auto& t : fake_tokens(r.reasoning))
    events.push_back(sse(chat_chunk(model, index, {{"reasoning_content", t}}, nullptr)));
  for (const auto& t : fake_tokens(r.text))
    events.push_back(sse(chat_chunk(model, index, {{"content", t}}, nullptr)));
  events.push_back(sse(chat_chunk(model, index, json::object(), "stop")));
  json usage = chat_chunk(model, index, json::object(), nullptr);
  usage["choices"] = json::array();
  usage["usage"] = openai_usage(r);
  events.push_back(sse(usage));
  events.push_back("data: [DONE]\n\n");
  return events;
}

json chat_body(const std::string& model, int index, const FakeReply& r) {
  return {{"id", "fake-" + std::to_string(index)},
          {"object", "chat.completion"},
          {"created", 0},
          {"model", model},
          {"choices",
           json::array({{{"index", 0}, {"message", chat_message(r)}, {"finish_reason", "stop"}}})},
          {"usage", openai_usage(r)}};
}

// --- OpenAI completions ------------------------------------------------------------------------

json logprobs_of(const std::string& text, bool first_is_prompt_start) {
  json lp = {{"tokens", json::array()},
             {"token_logprobs", json::array()},
             {"text_offset", json::array()},
             {"top_logprobs", json::array()}};
  size_t offset = 0;
  bool first = true;
  for (const auto& t : fake_tokens(text)) {
    lp["tokens"].push_back(t);
    lp["text_offset"].push_back(offset);
    offset += utf8_length(t);
    if (first && first_is_prompt_start) {  // like OpenAI: nothing precedes the first echoed token
      lp["token_logprobs"].push_back(nullptr);
      lp["top_logprobs"].push_back(nullptr);
    } else {
      double v = fake_token_logprob(t);
      lp["token_logprobs"].push_back(v);
      std::string top = t;
      for (char& c : top) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      lp["top_logprobs"].push_back(json{{top, top == t ? v : -0.05}});
    }
    first = false;
  }
  return lp;
}

json completion_choice(const json& body, const std::string& prompt, int i, const FakeReply& r) {
  bool echo = body.value("echo", false);
  int max_tokens = body.contains("max_tokens") && body["max_tokens"].is_number_integer()
                       ? body["max_tokens"].get<int>()
                       : 16;
  std::string generated = max_tokens == 0 ? "" : r.text;
  std::string text = echo ? prompt + generated : generated;
  json c = {{"index", i},
            {"text", text},
            {"finish_reason", max_tokens == 0 ? "length" : "stop"},
            {"logprobs", nullptr}};
  if (body.contains("logprobs") && body["logprobs"].is_number_integer())
    c["logprobs"] = logprobs_of(text, echo);
  return c;
}

json completions_body(const json& body, int index, const FakeReply& r) {
  json choices = json::array();
  json prompt = body.is_object() ? body.value("prompt", json("")) : json("");
  if (prompt.is_array()) {
    for (size_t i = 0; i < prompt.size(); ++i)
      choices.push_back(completion_choice(
          body, prompt[i].is_string() ? prompt[i].get<std::string>() : "", static_cast<int>(i), r));
  } else {
    choices.push_back(
        completion_choice(body, prompt.is_string() ? prompt.get<std::string>() : "", 0, r));
  }
  return {{"id", "fake-" + std::to_string(index)},
          {"object", "text_completion"},
          {"created", 0},
          {"model", model_of(body)},
          {"choices", choices},
          {"usage", openai_usage(r)}};
}

std::vector<std::string> completion_events(const std::string& model, int index,
                                           const FakeReply& r) {
  std::vector<std::string> events;
  auto chunk = [&](const std::string& text, const json& finish) {
    return sse(
        {{"id", "fake-" + std::to_string(index)},
         {"object", "text_completion"},
         {"model", model},
         {"choices", json::array({{{"index", 0}, {"text", text}, {"finish_reason", finish}}})}});
  };
  for (const auto& t : fake_tokens(r.text)) events.push_back(chunk(t, nullptr));
  events.push_back(chunk("", "stop"));
  events.push_back(sse({{"id", "fake-" + std::to_string(index)},
                        {"object", "text_completion"},
                        {"model", model},
                        {"choices", json::array()},
                        {"usage", openai_usage(r)}}));
  events.push_back("data: [DONE]\n\n");
  return events;
}

// --- Anthropic messages ------------------------------------------------------------------------

json anthropic_content(const FakeReply& r) {
  json content = json::array();
  if (!r.reasoning.empty())
    content.push_back({{"type", "thinking"}, {"thinking", r.reasoning}, {"signature", "fake"}});
  content.push_back({{"type", "text"}, {"text", r.text}});
  return content;
}

json anthropic_body(const std::string& model, int index, const FakeReply& r) {
  return {{"id", "msg_fake_" + std::to_string(index)},
          {"type", "message"},
          {"role", "assistant"},
          {"model", model},
          {"content", anthropic_content(r)},
          {"stop_reason", "end_turn"},
          {"stop_sequence", nullptr},
          {"usage", {{"input_tokens", r.prompt_tokens}, {"output_tokens", r.completion_tokens}}}};
}

std::string event(const std::string& name, const json& data) {
  return "event: " + name + "\ndata: " + data.dump() + "\n\n";
}

void anthropic_block(std::vector<std::string>& events, int block, const std::string& type,
                     const std::string& text) {
  const std::string delta_type = type == "thinking" ? "thinking_delta" : "text_delta";
  events.push_back(event("content_block_start", {{"type", "content_block_start"},
                                                 {"index", block},
                                                 {"content_block", {{"type", type}, {type, ""}}}}));
  for (const auto& t : fake_tokens(text))
    events.push_back(event("content_block_delta", {{"type", "content_block_delta"},
                                                   {"index", block},
                                                   {"delta", {{"type", delta_type}, {type, t}}}}));
  events.push_back(event("content_block_stop", {{"type", "content_block_stop"}, {"index", block}}));
}

std::vector<std::string> anthropic_events(const std::string& model, int index, const FakeReply& r) {
  std::vector<std::string> events;
  json start = anthropic_body(model, index, r);
  start["content"] = json::array();
  start["stop_reason"] = nullptr;
  start["usage"] = {{"input_tokens", r.prompt_tokens}, {"output_tokens", 1}};
  events.push_back(event("message_start", {{"type", "message_start"}, {"message", start}}));
  int block = 0;
  if (!r.reasoning.empty()) anthropic_block(events, block++, "thinking", r.reasoning);
  anthropic_block(events, block, "text", r.text);
  events.push_back(event("message_delta", {{"type", "message_delta"},
                                           {"delta", {{"stop_reason", "end_turn"}}},
                                           {"usage", {{"output_tokens", r.completion_tokens}}}}));
  events.push_back(event("message_stop", {{"type", "message_stop"}}));
  return events;
}

// --- dispatch ----------------------------------------------------------------------------------

RenderedReply render_stream(std::vector<std::string> events, bool cut, bool keep_alive) {
  RenderedReply out;
  out.writes.push_back(wire_stream_head("text/event-stream", keep_alive && !cut));
  // A cut stream stops halfway through the events, without the terminating chunk.
  size_t n = cut ? events.size() / 2 : events.size();
  for (size_t i = 0; i < n; ++i) out.writes.push_back(wire_chunk(events[i]));
  if (cut) {
    out.close_after = true;
  } else {
    out.writes.push_back(wire_chunk(""));
  }
  return out;
}

// POST /tokenize (llama.cpp server and vLLM, at the server's root): the fake tokens of "content"
// (llama.cpp) or else "prompt" (vLLM), as {"tokens": [0, 1, ...], "count": n}.
RenderedReply render_tokenize(const json& body, bool keep_alive) {
  std::string text;
  if (body.contains("content") && body["content"].is_string()) {
    text = body["content"].get<std::string>();
  } else if (body.contains("prompt") && body["prompt"].is_string()) {
    text = body["prompt"].get<std::string>();
  }
  json ids = json::array();
  for (size_t i = 0; i < fake_tokens(text).size(); ++i) ids.push_back(i);
  const json reply = {{"count", ids.size()}, {"tokens", ids}};
  return {{wire_response(200, "application/json", reply.dump(), {}, keep_alive)}, false, false};
}

RenderedReply render_answer(const std::string& path, const json& body, const FakeReply& r,
                            int index, bool keep_alive, bool cut) {
  if (path == "/tokenize") return render_tokenize(body, keep_alive);
  const std::string model = model_of(body);
  bool stream = body.is_object() && body.value("stream", false);
  if (path == "/v1/chat/completions") {
    if (stream || cut) return render_stream(chat_events(model, index, r), cut, keep_alive);
    return {
        {wire_response(200, "application/json", chat_body(model, index, r).dump(), {}, keep_alive)},
        false,
        false};
  }
  if (path == "/v1/completions") {
    if (stream || cut) return render_stream(completion_events(model, index, r), cut, keep_alive);
    return {{wire_response(200, "application/json", completions_body(body, index, r).dump(), {},
                           keep_alive)},
            false,
            false};
  }
  if (stream || cut) return render_stream(anthropic_events(model, index, r), cut, keep_alive);
  return {{wire_response(200, "application/json", anthropic_body(model, index, r).dump(), {},
                         keep_alive)},
          false,
          false};
}

// The answer's JSON with its text left out, split where the text goes (the text is 'x' only, so
// it needs no escaping).
std::pair<std::string, std::string> split_at_text(const std::string& path, const json& body,
                                                  const FakeReply& r, int index) {
  const std::string kMark = "@@TEXT@@";
  FakeReply marked = r;
  marked.text = kMark;
  const std::string model = model_of(body);
  std::string whole = path == "/v1/messages" ? anthropic_body(model, index, marked).dump()
                                             : chat_body(model, index, marked).dump();
  size_t at = whole.find(kMark);
  return {whole.substr(0, at), whole.substr(at + kMark.size())};
}

RenderedReply render_oversized(const std::string& path, const json& body, const FakeReply& r,
                               int index, bool keep_alive) {
  auto [head, tail] = split_at_text(path, body, r, index);
  std::string wire = wire_response(200, "application/json", head, {}, keep_alive);
  // wire_response counted only `head`: put the whole length in its Content-Length.
  const std::string from = "Content-Length: " + std::to_string(head.size());
  const std::string to =
      "Content-Length: " + std::to_string(head.size() + r.size_bytes + tail.size());
  wire.replace(wire.find(from), from.size(), to);
  RenderedReply out{{wire}, false, false};
  out.filler_bytes = r.size_bytes;
  out.filler_tail = tail;
  return out;
}

RenderedReply render_truncated(const std::string& path, const json& body, const FakeReply& r,
                               int index) {
  std::string whole = path == "/v1/messages" ? anthropic_body(model_of(body), index, r).dump()
                                             : chat_body(model_of(body), index, r).dump();
  std::string wire = wire_response(200, "application/json", whole, {}, false);
  wire.resize(wire.size() - whole.size() / 2);
  return {{wire}, true, false};
}

}  // namespace

std::vector<std::string> fake_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
      while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    } else if (i < text.size()) {
      ++i;
    }
    tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

double fake_token_logprob(const std::string& token) {
  return -0.1 * static_cast<double>(token.size());
}

RenderedReply render_reply(const std::string& path, const json& body, const FakeReply& reply,
                           int index, bool keep_alive) {
  using Kind = FakeReply::Kind;
  switch (reply.kind) {
    case Kind::answer:
      return render_answer(path, body, reply, index, keep_alive, false);
    case Kind::sse_cut:
      return render_answer(path, body, reply, index, keep_alive, true);
    case Kind::status:
      return render_status(path, reply, keep_alive);
    case Kind::hang:
      return {{}, true, true};
    case Kind::malformed_json:
      return {{wire_response(200, "application/json",
                             R"({"id": "fake", "choices": [{"message": {"content": "trunc)", {},
                             keep_alive)},
              false,
              false};
    case Kind::oversized:
      return render_oversized(path, body, reply, index, keep_alive);
    case Kind::truncated:
      return render_truncated(path, body, reply, index);
    case Kind::wrong_content_type:
      return {{wire_response(200, "text/html",
                             "<html><body><h1>502 Bad Gateway</h1>upstream proxy</body></html>", {},
                             keep_alive)},
              false,
              false};
  }
  return {{}, true, false};
}

}  // namespace ys::test
