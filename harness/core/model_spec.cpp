#include "harness/core/model_spec.h"

namespace ys {

namespace {
const char* kSpecForm =
    "expected NAME=KIND:TARGET, e.g. gpt4o=openai:gpt-4o-mini, "
    "local=openai-compat:http://127.0.0.1:8080/v1#qwen2.5-7b or qwen=local:model.gguf";
}

Expected<ModelSpec> parse_model_spec(const std::string& text) {
  ModelSpec spec;
  std::string rest = text;
  auto eq = text.find('=');
  auto colon = text.find(':');
  if (eq != std::string::npos && (colon == std::string::npos || eq < colon)) {
    spec.name = text.substr(0, eq);
    rest = text.substr(eq + 1);
    if (spec.name.empty()) return Error{"bad model spec '" + text + "': empty name; " + kSpecForm};
  }
  colon = rest.find(':');
  if (colon == std::string::npos || colon == 0)
    return Error{"bad model spec '" + text + "': missing backend kind; " + kSpecForm};
  spec.kind = rest.substr(0, colon);
  spec.target = rest.substr(colon + 1);
  if (spec.target.empty())
    return Error{"bad model spec '" + text + "': missing target after '" + spec.kind + ":'; " +
                 kSpecForm};
  if (spec.name.empty()) spec.name = spec.target;
  return spec;
}

Expected<ModelSpec> model_spec_from_json(const Json& j, const std::string& where) {
  if (j.is_string()) {
    auto spec = parse_model_spec(j.get<std::string>());
    if (!spec) return Error{where + ": " + spec.error().message};
    return spec;
  }
  if (!j.is_object()) return Error{where + ": a model must be a string or a mapping"};
  ModelSpec spec;
  try {
    if (j.contains("spec")) {
      auto parsed = parse_model_spec(j.at("spec").get<std::string>());
      if (!parsed) return Error{where + ".spec: " + parsed.error().message};
      spec = *parsed;
    }
    for (const auto& [key, v] : j.items()) {
      if (key == "spec") continue;
      if (key == "name") {
        spec.name = v.get<std::string>();
      } else if (key == "backend" || key == "kind") {
        spec.kind = v.get<std::string>();
      } else if (key == "model" || key == "target" || key == "path") {
        spec.target = v.get<std::string>();
      } else if (key == "params") {
        spec.params = gen_params_from_json(v);
      } else {
        spec.options[key] = v;
      }
    }
  } catch (const std::exception& e) {
    return Error{where + ": " + e.what()};
  }
  if (spec.kind.empty()) return Error{where + ": missing field 'backend'"};
  if (spec.target.empty()) return Error{where + ": missing field 'model' (or 'path')"};
  if (spec.name.empty()) spec.name = spec.target;
  return spec;
}

}  // namespace ys
