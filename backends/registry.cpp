#include "backends/registry.h"

#include <cstdlib>

#include "backends/local/backend/local_backend.h"
#include "backends/remote/remote.h"
#include "backends/replay/replay_backend.h"

namespace ys {

const std::vector<BackendKind>& backend_kinds() {
  static const std::vector<BackendKind> kBackendKinds = {
      {"openai", "OpenAI API (openai:MODEL; key from OPENAI_API_KEY)", make_openai_backend},
      {"openai-compat",
       "any OpenAI-compatible server: vLLM, llama.cpp server, DeepSeek, Qwen "
       "(openai-compat:BASE_URL#MODEL)",
       make_openai_backend},
      {"anthropic", "Anthropic Messages API (anthropic:MODEL; key from ANTHROPIC_API_KEY)",
       make_anthropic_backend},
      {"local", "yardstick's own GGUF inference engine on CPU (local:model.gguf)",
       make_local_backend},
      {"replay", "recorded answers from a JSONL file (replay:answers.jsonl)", make_replay_backend},
  };
  return kBackendKinds;
}

Expected<std::unique_ptr<Backend>> make_backend(const ModelSpec& spec, const BackendContext& ctx) {
  std::string known;
  for (const auto& kind : backend_kinds()) {
    if (spec.kind == kind.name) {
      auto backend = kind.make(spec, ctx);
      if (!backend) return Error{"model '" + spec.name + "': " + backend.error().message};
      return backend;
    }
    known += known.empty() ? kind.name : std::string(", ") + kind.name;
  }
  return Error{"model '" + spec.name + "': unknown backend kind '" + spec.kind +
               "' (known: " + known + ")"};
}

BackendContext default_backend_context() {
  BackendContext ctx;
  ctx.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
  return ctx;
}

}  // namespace ys
