#include "backends/remote/openai_logprobs.h"

#include <algorithm>
#include <limits>

#include "harness/core/expected.h"

namespace ys::remote {

namespace {

struct Alternative {
  std::string text;
  double logprob = 0.0;
};

LogprobReading problem(std::string what, bool unsupported = false) {
  LogprobReading r;
  r.problem = std::move(what);
  r.unsupported = unsupported;
  return r;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_array(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_array();
}

// A content entry's text: its raw "bytes" when given (llama-server sends a token's bytes even
// where "token" had to replace a partial UTF-8 sequence), else "token".
std::string token_text(const Json& entry) {
  if (is_array(entry, "bytes")) {
    std::string out;
    for (const Json& b : entry["bytes"]) {
      if (!b.is_number_integer() || b.get<int64_t>() < 0 || b.get<int64_t>() > 255) return "";
      out.push_back(static_cast<char>(b.get<int64_t>()));
    }
    return out;
  }
  if (entry.is_object() && entry.contains("token") && entry["token"].is_string())
    return entry["token"].get<std::string>();
  return "";
}

// The logprobs object, or the reason the server gave none (a missing capability).
const Json* logprobs_of(const Json& choice) {
  if (!choice.is_object() || !choice.contains("logprobs") || !choice["logprobs"].is_object())
    return nullptr;
  return &choice["logprobs"];
}

// The alternatives listed for the first generated token, in either shape; empty when none.
Expected<std::vector<Alternative>> first_alternatives(const Json& lp) {
  std::vector<Alternative> out;
  if (is_array(lp, "content")) {
    const Json& content = lp["content"];
    if (content.empty() || !is_array(content[0], "top_logprobs")) return out;
    for (const Json& alt : content[0]["top_logprobs"]) {
      if (!alt.is_object() || !alt.contains("logprob") || !alt["logprob"].is_number())
        return Error{"logprobs.content[0].top_logprobs holds an entry without a numeric logprob"};
      out.push_back({token_text(alt), alt["logprob"].get<double>()});
    }
  } else if (is_array(lp, "top_logprobs")) {
    const Json& tops = lp["top_logprobs"];
    if (tops.empty() || !tops[0].is_object()) return out;
    for (const auto& [token, value] : tops[0].items()) {
      if (!value.is_number())
        return Error{"logprobs.top_logprobs[0] holds a value that is not a number"};
      out.push_back({token, value.get<double>()});
    }
  }
  return out;
}

bool is_top(const Json& tops_of_token, const std::string& text, double logprob) {
  if (tops_of_token.is_object()) {  // legacy: {token: logprob}
    for (const auto& [token, value] : tops_of_token.items())
      if (value.is_number() && value.get<double>() > logprob && token != text) return false;
    return !tops_of_token.empty();
  }
  if (!tops_of_token.is_array() || tops_of_token.empty()) return false;
  for (const Json& alt : tops_of_token) {  // content: [{token, logprob, bytes}]
    if (alt.is_object() && alt.contains("logprob") && alt["logprob"].is_number() &&
        alt["logprob"].get<double>() > logprob && token_text(alt) != text)
      return false;
  }
  return true;
}

LogprobReading echo_legacy(const Json& lp, const std::string& context) {
  for (const char* key : {"tokens", "token_logprobs", "text_offset", "top_logprobs"})
    if (!is_array(lp, key)) return problem(std::string("choices[0].logprobs.") + key + " missing");
  const Json& tokens = lp["tokens"];
  const Json& values = lp["token_logprobs"];
  const Json& offsets = lp["text_offset"];
  const Json& tops = lp["top_logprobs"];
  if (values.size() != tokens.size() || offsets.size() != tokens.size() ||
      tops.size() != tokens.size())
    return problem("choices[0].logprobs arrays differ in length");
  const size_t context_length = utf8_length(context);
  LoglikResult result;
  result.is_greedy = true;
  size_t n_context_tokens = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!offsets[i].is_number_unsigned() || !tokens[i].is_string())
      return problem("choices[0].logprobs: token " + std::to_string(i) + " is malformed");
    if (offsets[i].get<size_t>() < context_length) {
      ++n_context_tokens;
      continue;
    }
    if (!values[i].is_number())
      return problem("choices[0].logprobs.token_logprobs[" + std::to_string(i) +
                     "] is not a number");
    result.logprob += values[i].get<double>();
    ++result.n_tokens;
    if (!is_top(tops[i], tokens[i].get<std::string>(), values[i].get<double>()))
      result.is_greedy = false;
  }
  if (n_context_tokens == 0)
    return problem("choices[0].logprobs has no token of the prompt: the server does not echo it",
                   true);
  if (result.n_tokens == 0) return problem("no logprobs tokens after the context");
  return LogprobReading{{result}, "", false};
}

LogprobReading echo_content(const Json& content, const std::string& context,
                            const std::string& continuation) {
  std::string joined;
  std::vector<size_t> starts;
  for (const Json& entry : content) {
    starts.push_back(joined.size());
    joined += token_text(entry);
  }
  const std::string full = context + continuation;
  const size_t at = joined.find(full);
  if (at == std::string::npos)
    return problem(
        "choices[0].logprobs.content covers only generated tokens, not the prompt: the server "
        "does not echo the prompt's logprobs",
        true);
  LoglikResult result;
  result.is_greedy = true;
  for (size_t i = 0; i < content.size(); ++i) {
    if (starts[i] < at + context.size() || starts[i] >= at + full.size()) continue;
    const Json& entry = content[i];
    if (!entry.is_object() || !entry.contains("logprob") || !entry["logprob"].is_number())
      return problem("choices[0].logprobs.content[" + std::to_string(i) + "].logprob missing");
    const double value = entry["logprob"].get<double>();
    result.logprob += value;
    ++result.n_tokens;
    if (!is_top(entry.value("top_logprobs", Json()), token_text(entry), value))
      result.is_greedy = false;
  }
  if (result.n_tokens == 0) return problem("no logprobs tokens after the context");
  return LogprobReading{{result}, "", false};
}

}  // namespace

LogprobReading read_echo_loglik(const Json& choice, const std::string& context,
                                const std::string& continuation) {
  const Json* lp = logprobs_of(choice);
  if (!lp)
    return problem(
        "choices[0].logprobs missing: the server does not return the prompt's logprobs "
        "(echo + logprobs)",
        true);
  if (is_array(*lp, "content")) return echo_content((*lp)["content"], context, continuation);
  return echo_legacy(*lp, context);
}

LogprobReading read_first_token_logliks(const Json& choice,
                                        const std::vector<std::string>& continuations) {
  const Json* lp = logprobs_of(choice);
  if (!lp) return problem("choices[0].logprobs missing: the server does not return logprobs", true);
  auto alternatives = first_alternatives(*lp);
  if (!alternatives) return problem(alternatives.error().message);
  if (alternatives->empty())
    return problem("no top_logprobs for the first generated token: the server does not list them",
                   true);
  double lowest = std::numeric_limits<double>::infinity();
  double highest = -std::numeric_limits<double>::infinity();
  for (const auto& alt : *alternatives) {
    lowest = std::min(lowest, alt.logprob);
    highest = std::max(highest, alt.logprob);
  }
  LogprobReading out;
  for (const std::string& continuation : continuations) {
    LoglikResult r{lowest, false, 0};
    for (const auto& alt : *alternatives) {
      if (alt.text != continuation || (r.n_tokens == 1 && alt.logprob <= r.logprob)) continue;
      r = LoglikResult{alt.logprob, alt.logprob >= highest, 1};
    }
    out.logliks.push_back(r);
  }
  return out;
}

}  // namespace ys::remote
