#include "harness/core/types.h"

#include <cmath>
#include <stdexcept>

namespace ys {
namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::pair<E, const char*> (&table)[N], const std::string& s) {
  for (const auto& [value, name] : table)
    if (s == name) return value;
  return std::nullopt;
}

template <typename E, size_t N>
std::string name_of(const std::pair<E, const char*> (&table)[N], E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

const std::pair<RequestKind, const char*> kRequestKinds[] = {
    {RequestKind::chat, "chat"},
    {RequestKind::completion, "completion"},
    {RequestKind::loglik, "loglik"},
};

const std::pair<ErrorKind, const char*> kErrorKinds[] = {
    {ErrorKind::none, ""},
    {ErrorKind::network, "network"},
    {ErrorKind::timeout, "timeout"},
    {ErrorKind::rate_limited, "rate_limited"},
    {ErrorKind::server, "server"},
    {ErrorKind::bad_response, "bad_response"},
    {ErrorKind::client, "client"},
    {ErrorKind::auth, "auth"},
    {ErrorKind::cancelled, "cancelled"},
    {ErrorKind::engine, "engine"},
    {ErrorKind::too_large, "too_large"},
    {ErrorKind::retry_wait_too_long, "retry_wait_too_long"},
};

const std::pair<ScoreStatus, const char*> kScoreStatuses[] = {
    {ScoreStatus::ok, "ok"},
    {ScoreStatus::unparsed, "unparsed"},
    {ScoreStatus::error, "error"},
};

void require(bool ok, const std::string& field, const char* what) {
  if (!ok) throw std::runtime_error("field '" + field + "': " + what);
}

}  // namespace

std::string to_string(RequestKind kind) {
  return name_of(kRequestKinds, kind);
}
std::optional<RequestKind> request_kind_from_string(const std::string& s) {
  return lookup(kRequestKinds, s);
}
std::string to_string(ErrorKind kind) {
  return name_of(kErrorKinds, kind);
}
std::optional<ErrorKind> error_kind_from_string(const std::string& s) {
  return lookup(kErrorKinds, s);
}
std::string to_string(ScoreStatus status) {
  return name_of(kScoreStatuses, status);
}
std::optional<ScoreStatus> score_status_from_string(const std::string& s) {
  return lookup(kScoreStatuses, s);
}

Json to_json(const GenParams& p) {
  Json j = Json::object();
  if (p.temperature) j["temperature"] = *p.temperature;
  if (p.top_p) j["top_p"] = *p.top_p;
  if (p.top_k) j["top_k"] = *p.top_k;
  if (p.max_tokens) j["max_tokens"] = *p.max_tokens;
  if (!p.stop.empty()) j["stop"] = p.stop;
  if (p.seed) j["seed"] = *p.seed;
  if (!p.reasoning_effort.empty()) j["reasoning_effort"] = p.reasoning_effort;
  if (p.frequency_penalty) j["frequency_penalty"] = *p.frequency_penalty;
  if (p.presence_penalty) j["presence_penalty"] = *p.presence_penalty;
  if (p.keep_think_blocks) j["keep_think_blocks"] = true;
  return j;
}

GenParams gen_params_from_json(const Json& j) {
  require(j.is_object(), "params", "must be an object");
  GenParams p;
  for (const auto& [key, v] : j.items()) {
    if (key == "temperature") {
      require(v.is_number(), key, "must be a number");
      p.temperature = v.get<double>();
      require(std::isfinite(*p.temperature) && *p.temperature >= 0, key,
              "must be a finite number >= 0");
    } else if (key == "top_p") {
      require(v.is_number(), key, "must be a number");
      p.top_p = v.get<double>();
      require(std::isfinite(*p.top_p) && *p.top_p > 0 && *p.top_p <= 1, key,
              "must be more than 0 and at most 1");
    } else if (key == "top_k") {
      require(v.is_number_integer(), key, "must be an integer");
      p.top_k = v.get<int>();
    } else if (key == "max_tokens") {
      require(v.is_number_integer() && v.get<int64_t>() > 0, key, "must be a positive integer");
      p.max_tokens = v.get<int>();
    } else if (key == "stop") {
      if (v.is_string()) {
        p.stop = {v.get<std::string>()};
      } else {
        require(v.is_array(), key, "must be a string or a list of strings");
        for (const auto& s : v) {
          require(s.is_string(), key, "must be a string or a list of strings");
          p.stop.push_back(s.get<std::string>());
        }
      }
    } else if (key == "seed") {
      require(v.is_number_integer(), key, "must be an integer");
      p.seed = v.get<int64_t>();
    } else if (key == "reasoning_effort") {
      require(v.is_string(), key, "must be a string");
      p.reasoning_effort = v.get<std::string>();
    } else if (key == "frequency_penalty" || key == "presence_penalty") {
      require(v.is_number(), key, "must be a number");
      (key == "frequency_penalty" ? p.frequency_penalty : p.presence_penalty) = v.get<double>();
    } else if (key == "keep_think_blocks") {
      require(v.is_boolean(), key, "must be true or false");
      p.keep_think_blocks = v.get<bool>();
    } else {
      throw std::runtime_error("unknown sampling parameter '" + key + "'");
    }
  }
  return p;
}

Json to_json(const Request& r) {
  Json j = {{"kind", to_string(r.kind)}};
  if (!r.messages.empty()) {
    Json msgs = Json::array();
    for (const auto& m : r.messages) msgs.push_back({{"role", m.role}, {"content", m.content}});
    j["messages"] = msgs;
  }
  if (!r.prompt.empty()) j["prompt"] = r.prompt;
  if (!r.continuations.empty()) j["continuations"] = r.continuations;
  j["params"] = to_json(r.params);
  return j;
}

namespace {

// A JSON string as nlohmann's dump() writes it (ensure_ascii off): ", \ and the control characters
// escaped (\b \f \n \r \t by name, the others as \u00xx), every other byte as is. Text with bytes
// above 0x7F goes through nlohmann itself, which also rejects invalid UTF-8 as dump() does.
void append_json_string(std::string& out, const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) {
      out += Json(s).dump();
      return;
    }
  }
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

}  // namespace

// The members in to_json's key order (nlohmann objects are sorted by key): continuations, kind,
// messages (each {"content", "role"}), params, prompt.
std::string canonical_json(const Request& r) {
  size_t size = 64 + r.prompt.size();
  for (const auto& m : r.messages) size += m.content.size() + m.role.size() + 32;
  for (const auto& c : r.continuations) size += c.size() + 4;
  std::string out;
  out.reserve(size);
  out.push_back('{');
  if (!r.continuations.empty()) {
    out += "\"continuations\":[";
    for (size_t i = 0; i < r.continuations.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(out, r.continuations[i]);
    }
    out += "],";
  }
  out += "\"kind\":";
  append_json_string(out, to_string(r.kind));
  if (!r.messages.empty()) {
    out += ",\"messages\":[";
    for (size_t i = 0; i < r.messages.size(); ++i) {
      if (i) out.push_back(',');
      out += "{\"content\":";
      append_json_string(out, r.messages[i].content);
      out += ",\"role\":";
      append_json_string(out, r.messages[i].role);
      out.push_back('}');
    }
    out.push_back(']');
  }
  out += ",\"params\":";
  out += r.params == GenParams{} ? std::string("{}") : to_json(r.params).dump();
  if (!r.prompt.empty()) {
    out += ",\"prompt\":";
    append_json_string(out, r.prompt);
  }
  out.push_back('}');
  return out;
}

Request request_from_json(const Json& j) {
  Request r;
  auto kind = request_kind_from_string(j.value("kind", "chat"));
  require(kind.has_value(), "kind", "must be chat, completion or loglik");
  r.kind = *kind;
  if (j.contains("messages")) {
    for (const auto& m : j.at("messages")) {
      r.messages.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
    }
  }
  r.prompt = j.value("prompt", "");
  if (j.contains("continuations")) r.continuations = j.at("continuations");
  if (j.contains("params")) r.params = gen_params_from_json(j.at("params"));
  return r;
}

Json to_json(const Response& r) {
  Json j = {{"text", r.text},
            {"finish_reason", r.finish_reason},
            {"prompt_tokens", r.prompt_tokens},
            {"completion_tokens", r.completion_tokens},
            {"latency_ms", r.latency_ms},
            {"attempts", r.attempts}};
  if (!r.reasoning.empty()) j["reasoning"] = r.reasoning;
  if (r.reasoning_tokens) j["reasoning_tokens"] = r.reasoning_tokens;
  if (r.ttft_ms) j["ttft_ms"] = *r.ttft_ms;
  if (!r.logliks.empty()) j["logliks"] = logliks_to_json(r.logliks);
  if (!r.ok()) {
    j["error_kind"] = to_string(r.error_kind);
    j["error"] = r.error;
  }
  return j;
}

Json logliks_to_json(const std::vector<LoglikResult>& logliks) {
  Json ll = Json::array();
  for (const auto& l : logliks)
    ll.push_back({{"logprob", l.logprob}, {"is_greedy", l.is_greedy}, {"n_tokens", l.n_tokens}});
  return ll;
}

std::vector<LoglikResult> logliks_from_json(const Json& j) {
  std::vector<LoglikResult> out;
  if (!j.is_array()) return out;
  for (const auto& l : j)
    out.push_back({l.value("logprob", 0.0), l.value("is_greedy", false), l.value("n_tokens", 0)});
  return out;
}

GenParams merge_params(const GenParams& params, const GenParams& defaults) {
  GenParams out = params;
  if (!out.temperature) out.temperature = defaults.temperature;
  if (!out.top_p) out.top_p = defaults.top_p;
  if (!out.top_k) out.top_k = defaults.top_k;
  if (!out.max_tokens) out.max_tokens = defaults.max_tokens;
  if (out.stop.empty()) out.stop = defaults.stop;
  if (!out.seed) out.seed = defaults.seed;
  if (out.reasoning_effort.empty()) out.reasoning_effort = defaults.reasoning_effort;
  if (!out.frequency_penalty) out.frequency_penalty = defaults.frequency_penalty;
  if (!out.presence_penalty) out.presence_penalty = defaults.presence_penalty;
  out.keep_think_blocks = out.keep_think_blocks || defaults.keep_think_blocks;
  return out;
}

}  // namespace ys
