// Reads a ModelSpec into a RemoteConfig (options validated by name and type) and builds the
// backend with the right dialect.
#include <cstdlib>
#include <set>

#include "backends/remote/remote.h"
#include "backends/remote/remote_backend.h"

namespace ys {

namespace {

using remote::RemoteConfig;

const std::set<std::string> kRemoteOptions = {
    "base_url", "api_key_env",         "headers",           "timeout_ms",    "stream",
    "http2",    "max_connections",     "anthropic_version", "max_model_len", "max_response_bytes",
    "loglik",   "endpoint_cooldown_ms"};
// Keys the harness itself reads from a model entry; passed over here.
const std::set<std::string> kHarnessOptions = {
    "concurrency", "rpm", "tpm", "max_retries", "requests_per_minute", "tokens_per_minute"};

std::optional<std::string> lookup_env(const BackendContext& ctx, const std::string& name) {
  std::optional<std::string> v;
  if (ctx.getenv) {
    v = ctx.getenv(name);
  } else if (const char* raw = std::getenv(name.c_str())) {
    v = std::string(raw);
  }
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::string strip_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Status check_url(const std::string& url, const std::string& field) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Error{field + " '" + url + "' must start with http:// or https://"};
  return ok_status();
}

// "URL" or "URL1,URL2,...": the first is base_url, the others more_base_urls.
void set_base_urls(const std::string& list, RemoteConfig& c) {
  c.more_base_urls.clear();
  size_t at = 0;
  for (bool first = true;; first = false) {
    const size_t comma = list.find(',', at);
    std::string url = strip_slash(list.substr(at, comma - at));
    (first ? c.base_url : c.more_base_urls.emplace_back()) = std::move(url);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
}

// base_url, then every further endpoint, checked.
Status check_urls(const RemoteConfig& c) {
  if (auto st = check_url(c.base_url, "base_url"); !st) return st;
  for (const auto& url : c.more_base_urls) {
    if (auto st = check_url(url, "base_url"); !st) return st;
  }
  return ok_status();
}

constexpr size_t kMinSecretBytes = 8;

// A header value with every ${VAR} replaced by that environment variable (which must be set);
// values read so (of 8 bytes or more) go to c.secret_values, to be redacted from what the backend
// returns.
Expected<std::string> expand_header(const BackendContext& ctx, const std::string& name,
                                    const std::string& value, RemoteConfig& c) {
  std::string out;
  size_t at = 0;
  for (size_t open = value.find("${"); open != std::string::npos; open = value.find("${", at)) {
    size_t close = value.find('}', open);
    if (close == std::string::npos || close == open + 2)
      return Error{"option 'headers." + name + "': '${' without a variable name and '}'"};
    std::string var = value.substr(open + 2, close - open - 2);
    auto env = lookup_env(ctx, var);
    if (!env)
      return Error{"option 'headers." + name + "': environment variable " + var + " is not set"};
    // Shorter values cannot be credentials, and redacting "1" would mangle every answer.
    if (env->size() >= kMinSecretBytes) c.secret_values.push_back(*env);
    out += value.substr(at, open - at) + *env;
    at = close + 1;
  }
  return out + value.substr(at);
}

Status apply_headers(const BackendContext& ctx, const Json& v, RemoteConfig& c) {
  if (!v.is_object()) return Error{"option 'headers' must be a mapping of header name to value"};
  for (const auto& [name, value] : v.items()) {
    if (!value.is_string()) return Error{"option 'headers." + name + "' must be a string"};
    auto expanded = expand_header(ctx, name, value.get<std::string>(), c);
    if (!expanded) return expanded.error();
    if (expanded->find_first_of("\r\n") != std::string::npos)
      return Error{"option 'headers." + name + "': a header value cannot contain a line break"};
    c.headers.push_back(name + ": " + *expanded);
  }
  return ok_status();
}

// Applies one option to config; errors name the option and the expected type.
Status apply_option(const std::string& key, const Json& v, RemoteConfig& c) {
  auto bad = [&](const char* want) { return Error{"option '" + key + "' must be " + want}; };
  if (key == "base_url" && v.is_array() && !v.empty()) {
    std::string list;
    for (const Json& u : v) {
      if (!u.is_string() || u.get<std::string>().empty()) return bad("a URL or a list of URLs");
      list += (list.empty() ? "" : ",") + u.get<std::string>();
    }
    set_base_urls(list, c);
  } else if (key == "base_url" || key == "api_key_env" || key == "anthropic_version") {
    if (!v.is_string() || v.get<std::string>().empty()) return bad("a non-empty string");
    if (key == "base_url") set_base_urls(v.get<std::string>(), c);
    if (key == "api_key_env") c.api_key_env = v.get<std::string>();
  } else if (key == "timeout_ms") {
    if (!v.is_number_integer() || v.get<long>() <= 0) return bad("a positive integer (ms)");
    c.timeout_ms = v.get<long>();
  } else if (key == "max_model_len") {
    if (!v.is_number_integer() || v.get<long>() <= 0) return bad("a positive integer (tokens)");
    c.max_model_len = v.get<int>();
  } else if (key == "max_connections") {
    if (!v.is_number_integer() || v.get<int>() < 0) return bad("an integer >= 0");
    c.max_connections = v.get<int>();
  } else if (key == "stream" || key == "http2") {
    if (!v.is_boolean()) return bad("true or false");
    (key == "stream" ? c.stream : c.http2) = v.get<bool>();
  } else if (key == "max_response_bytes") {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) return bad("a positive integer (bytes)");
    c.max_response_bytes = v.get<size_t>();
  } else if (key == "endpoint_cooldown_ms") {
    if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > 86400000.0)
      return bad("a positive number of milliseconds (at most a day)");
    c.endpoint_cooldown_ms = v.get<double>();
  } else if (key == "loglik") {
    if (!v.is_string() || (v != "echo" && v != "top-logprobs")) return bad("echo or top-logprobs");
    c.loglik = v == "echo" ? remote::LoglikMode::echo : remote::LoglikMode::top_logprobs;
  }
  return ok_status();
}

Status apply_options(const ModelSpec& spec, const BackendContext& ctx, RemoteConfig& c) {
  if (!spec.options.is_object()) return Error{"options must be a mapping"};
  for (const auto& [key, v] : spec.options.items()) {
    if (kHarnessOptions.count(key)) continue;
    if (!kRemoteOptions.count(key) || (key == "anthropic_version" && c.kind != "anthropic") ||
        (key == "loglik" && c.kind != "openai-compat"))
      return Error{"unknown option '" + key + "' for backend kind '" + c.kind + "'"};
    Status s = key == "headers" ? apply_headers(ctx, v, c) : apply_option(key, v, c);
    if (!s) return s;
  }
  return check_urls(c);
}

// Reads the key from c.api_key_env; required or not, an explicitly named variable must be set.
Status load_key(const BackendContext& ctx, bool required, bool named, RemoteConfig& c) {
  auto key = lookup_env(ctx, c.api_key_env);
  if (key) {
    c.api_key = *key;
    return ok_status();
  }
  if (required || named)
    return Error{"environment variable " + c.api_key_env + " is not set (the " + c.kind +
                 " backend needs an API key)"};
  c.api_key_env.clear();
  return ok_status();
}

Expected<RemoteConfig> openai_config(const ModelSpec& spec, const BackendContext& ctx) {
  RemoteConfig c;
  c.kind = spec.kind;
  c.model = spec.target;
  bool compat = spec.kind == "openai-compat";
  if (compat) {
    size_t hash = spec.target.rfind('#');
    if (hash != std::string::npos) {
      set_base_urls(spec.target.substr(0, hash), c);
      c.model = spec.target.substr(hash + 1);
    } else if (!spec.options.contains("base_url")) {
      return Error{"openai-compat target '" + spec.target +
                   "' must be BASE_URL#MODEL (e.g. http://127.0.0.1:8080/v1#qwen2.5-7b), or give "
                   "the base_url option"};
    }
  } else {
    c.base_url = "https://api.openai.com/v1";
    c.api_key_env = "OPENAI_API_KEY";
  }
  if (auto s = apply_options(spec, ctx, c); !s) return s.error();
  if (c.model.empty()) return Error{"target has no model id"};
  bool named = spec.options.contains("api_key_env");
  if (compat && !named) return c;
  if (auto s = load_key(ctx, !compat, named, c); !s) return s.error();
  return c;
}

}  // namespace

Expected<std::unique_ptr<Backend>> make_openai_backend(const ModelSpec& spec,
                                                       const BackendContext& ctx) {
  auto config = openai_config(spec, ctx);
  if (!config) return config.error();
  bool compat = config->kind == "openai-compat";
  auto dialect = remote::make_openai_dialect(config->model, compat, config->loglik);
  return remote::make_remote_backend(std::move(*config), std::move(dialect));
}

Expected<std::unique_ptr<Backend>> make_anthropic_backend(const ModelSpec& spec,
                                                          const BackendContext& ctx) {
  RemoteConfig c;
  c.kind = spec.kind;
  c.model = spec.target;
  c.base_url = "https://api.anthropic.com/v1";
  c.api_key_env = "ANTHROPIC_API_KEY";
  if (auto s = apply_options(spec, ctx, c); !s) return s.error();
  if (c.model.empty()) return Error{"target has no model id"};
  if (auto s = load_key(ctx, true, false, c); !s) return s.error();
  std::string version = spec.options.value("anthropic_version", std::string("2023-06-01"));
  auto dialect = remote::make_anthropic_dialect(c.model, version);
  return remote::make_remote_backend(std::move(c), std::move(dialect));
}

}  // namespace ys
