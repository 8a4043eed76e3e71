#include "harness/config/config.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "harness/config/yaml_limits.h"

namespace ys {

namespace {

struct ConfigError {
  std::string message;
};

// YAML -> JSON, remembering the line of every node by its path ("models[1].backend").
class Converter {
 public:
  explicit Converter(std::string name) : name_(std::move(name)) {}

  Json convert(const YAML::Node& node, const std::string& path) {
    lines_[path] = node.Mark().line + 1;
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        Json out = Json::object();
        for (const auto& kv : node) {
          std::string key = kv.first.as<std::string>();
          std::string key_path = path.empty() ? key : path + "." + key;
          if (out.contains(key)) {
            // YAML forbids it, and taking the last value silently would hide a mistake.
            throw ConfigError{name_ + ":" + std::to_string(kv.first.Mark().line + 1) + ": " +
                              key_path + ": duplicate key (first given on line " +
                              std::to_string(line_of(key_path)) + ")"};
          }
          out[key] = convert(kv.second, key_path);
        }
        return out;
      }
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (size_t i = 0; i < node.size(); ++i)
          out.push_back(convert(node[i], path + "[" + std::to_string(i) + "]"));
        return out;
      }
      case YAML::NodeType::Scalar:
        return scalar(node);
      default:
        return nullptr;
    }
  }
  int line_of(const std::string& path) const {
    auto it = lines_.find(path);
    return it == lines_.end() ? 0 : it->second;
  }

 private:
  static Json scalar(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() == "!") return s;  // quoted: always a string
    if (s == "true" || s == "True") return true;
    if (s == "false" || s == "False") return false;
    if (s == "null" || s == "~") return nullptr;
    char* end = nullptr;
    long long i = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0') return i;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && *end == '\0') return d;
    return s;
  }
  std::string name_;
  std::map<std::string, int> lines_;
};

// The config as stored with each run: each model's `headers` mapping reduced to the header names
// (a value may be a credential, e.g. an Azure `api-key`, and credentials never reach the store).
Json without_header_values(Json root) {
  if (!root.is_object() || !root.contains("models") || !root["models"].is_array()) return root;
  for (Json& model : root["models"]) {
    if (!model.is_object() || !model.contains("headers") || !model["headers"].is_object()) continue;
    Json names = Json::array();
    for (const auto& [name, value] : model["headers"].items()) names.push_back(name);
    model["headers"] = names;
  }
  return root;
}

class Parser {
 public:
  Parser(const Converter& conv, std::string name) : conv_(conv), name_(std::move(name)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    int line = conv_.line_of(path);
    std::string where = name_ + (line ? ":" + std::to_string(line) : "");
    throw ConfigError{where + ": " + path + ": " + what};
  }

  RunConfig parse(const Json& root) {
    if (!root.is_object()) fail("", "the config must be a mapping");
    RunConfig cfg;
    cfg.raw = without_header_values(root);
    for (const auto& [key, v] : root.items()) {
      if (key == "models") {
        models(v, cfg);
      } else if (key == "suites") {
        suites(v, cfg);
      } else if (key == "settings") {
        settings(v, cfg);
      } else if (key == "prices") {
        prices(v, cfg);
      } else if (key == "db") {
        cfg.db = str(v, key);
      } else {
        fail(key, "unknown key (known: db, models, suites, settings, prices)");
      }
    }
    return cfg;
  }

 private:
  std::string str(const Json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "must be a string");
    return v.get<std::string>();
  }
  // A finite number in [min, max]; nan, .inf and numbers too large for a double are refused.
  double number(const Json& v, const std::string& path, double min,
                double max = std::numeric_limits<double>::max()) const {
    if (!v.is_number()) fail(path, "must be a number");
    double d = v.get<double>();
    if (!std::isfinite(d)) fail(path, "must be a finite number");
    if (d < min) fail(path, "must be at least " + format_number(min));
    if (d > max) fail(path, "must be at most " + format_number(max));
    return d;
  }
  // An int setting: a number in [min, INT_MAX] (a larger value would not fit the cast).
  int int_number(const Json& v, const std::string& path, int min) const {
    return static_cast<int>(number(v, path, min, std::numeric_limits<int>::max()));
  }
  static std::string format_number(double d) {
    std::ostringstream out;
    out << d;
    return out.str();
  }

  void models(const Json& v, RunConfig& cfg) const {
    if (!v.is_array()) fail("models", "must be a list");
    for (size_t i = 0; i < v.size(); ++i) {
      std::string path = "models[" + std::to_string(i) + "]";
      auto spec = model_spec_from_json(v[i], path);
      if (!spec) {
        // model_spec_from_json names the path; add the line.
        int line = conv_.line_of(path);
        throw ConfigError{name_ + (line ? ":" + std::to_string(line) : "") + ": " +
                          spec.error().message};
      }
      cfg.models.push_back(*spec);
    }
  }

  void suites(const Json& v, RunConfig& cfg) const {
    if (!v.is_array()) fail("suites", "must be a list");
    for (size_t i = 0; i < v.size(); ++i) {
      std::string path = "suites[" + std::to_string(i) + "]";
      const Json& s = v[i];
      SuiteSpec spec;
      if (s.is_string()) {
        auto parsed = parse_suite_spec(s.get<std::string>());
        if (!parsed) fail(path, parsed.error().message);
        spec = *parsed;
      } else if (s.is_object()) {
        for (const auto& [key, val] : s.items()) {
          if (key == "kind") {
            spec.kind = str(val, path + ".kind");
          } else if (key == "path" || key == "target") {
            spec.target = str(val, path + "." + key);
          } else {
            spec.options[key] = val;
          }
        }
        if (spec.kind.empty()) fail(path, "missing field 'kind'");
        if (spec.target.empty()) fail(path, "missing field 'path'");
      } else {
        fail(path, "must be a string or a mapping");
      }
      cfg.suites.push_back(spec);
    }
  }

  // prices: {MODEL: {input: USD, output: USD}}, dollars per million tokens.
  void prices(const Json& v, RunConfig& cfg) const {
    if (!v.is_object()) fail("prices", "must be a mapping of model name to {input, output}");
    for (const auto& [model, entry] : v.items()) {
      const std::string path = "prices." + model;
      if (!entry.is_object()) fail(path, "must be a mapping with input and output");
      TokenPrice price;
      for (const auto& [key, val] : entry.items()) {
        if (key == "input") {
          price.input_usd_per_mtok = number(val, path + ".input", 0);
        } else if (key == "output") {
          price.output_usd_per_mtok = number(val, path + ".output", 0);
        } else {
          fail(path + "." + key, "unknown key (known: input, output)");
        }
      }
      if (!entry.contains("input") || !entry.contains("output"))
        fail(path, "needs both input and output ($ per million tokens)");
      cfg.prices[model] = price;
    }
  }

  void settings(const Json& v, RunConfig& cfg) const {
    if (!v.is_object()) fail("settings", "must be a mapping");
    Json params = Json::object();
    for (const auto& [key, val] : v.items()) {
      std::string path = "settings." + key;
      if (key == "concurrency") {
        cfg.concurrency = int_number(val, path, 1);
      } else if (key == "requests_per_minute") {
        cfg.requests_per_minute = number(val, path, 0);
      } else if (key == "tokens_per_minute") {
        cfg.tokens_per_minute = number(val, path, 0);
      } else if (key == "max_attempts") {
        cfg.max_attempts = int_number(val, path, 1);
      } else if (key == "timeout_ms") {
        cfg.timeout_ms = int_number(val, path, 1);
      } else if (key == "retry_errors") {
        if (!val.is_boolean()) fail(path, "must be true or false");
        cfg.retry_errors = val.get<bool>();
      } else if (key == "fail_under") {
        cfg.fail_under = number(val, path, 0, 1);
      } else if (key == "max_retry_wait") {
        cfg.max_retry_wait_s = number(val, path, 0);
      } else if (key == "temperature" || key == "top_p" || key == "top_k" || key == "max_tokens" ||
                 key == "stop" || key == "seed" || key == "reasoning_effort") {
        params[key] = val;
      } else {
        fail(path, "unknown setting");
      }
    }
    try {
      cfg.params = gen_params_from_json(params);
    } catch (const std::exception& e) {
      fail("settings", e.what());
    }
  }

  const Converter& conv_;
  std::string name_;
};

}  // namespace

Expected<RunConfig> parse_config(const std::string& yaml_text, const std::string& name) {
  if (auto st = check_yaml_limits(yaml_text, name); !st) return st.error();
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Error{name + ":" + std::to_string(e.mark.line + 1) + ":" +
                 std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg};
  }
  try {
    Converter conv(name);
    Json j = conv.convert(root, "");
    return Parser(conv, name).parse(j);
  } catch (const ConfigError& e) {
    return Error{e.message};
  } catch (const std::exception& e) {
    return Error{name + ": " + e.what()};
  }
}

Expected<RunConfig> load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read config file '" + path + "'"};
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path);
}

}  // namespace ys
