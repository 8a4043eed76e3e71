// Architecture `qwen2` (Qwen2, Qwen2.5): as llama, but NEOX RoPE (pairs (i, i + n_rot/2)),
// biases on the q/k/v projections (added before RoPE), and usually a tied output head.
#include "backends/local/model/arch.h"
#include "backends/local/model/loader.h"

namespace ys::model {

Expected<Model> load_qwen2(const gguf::File& file) {
  Loader loader(file, "qwen2");
  Model m;
  m.config.rope_style = RopeStyle::neox;
  m.config.qkv_bias = true;
  if (Status st = loader.read_common_config(&m.config); !st) return st.error();
  if (Status st = loader.read_common_weights(m.config, &m.weights); !st) return st.error();
  m.config.tied_output = !loader.has_tensor("output.weight");
  return m;
}

}  // namespace ys::model
