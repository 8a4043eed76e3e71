#include "backends/local/model/model.h"

#include "backends/local/model/arch.h"

namespace ys::model {

const std::vector<ArchitectureInfo>& architectures() {
  static const std::vector<ArchitectureInfo> table = {
      {"llama", "Llama 2/3.x, Mistral, SmolLM, TinyLlama (NORM RoPE, GQA)", load_llama},
      {"qwen2", "Qwen2 / Qwen2.5 (NEOX RoPE, q/k/v biases, tied output)", load_qwen2},
      {"qwen3", "Qwen3 dense (NEOX RoPE, per-head q/k RMSNorm)", load_qwen3},
  };
  return table;
}

Expected<Model> load_model(const gguf::File& file) {
  const auto arch = file.get_string("general.architecture");
  if (!arch) return Error{"missing metadata key 'general.architecture'"};
  std::string known;
  for (const auto& a : architectures()) {
    if (*arch == a.name) return a.load(file);
    known += (known.empty() ? "" : ", ") + std::string(a.name);
  }
  return Error{"architecture '" + *arch + "' is not supported (supported: " + known + ")"};
}

}  // namespace ys::model
