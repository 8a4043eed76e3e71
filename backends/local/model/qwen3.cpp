// Architecture `qwen3` (dense Qwen3): NEOX RoPE, no q/k/v biases, RMSNorm over each head of q and
// k (weights attn_q_norm / attn_k_norm of length head_dim, same epsilon) before RoPE, and a
// head_dim (attention.key_length) that may differ from n_embd / n_head.
#include "backends/local/model/arch.h"
#include "backends/local/model/loader.h"

namespace ys::model {

Expected<Model> load_qwen3(const gguf::File& file) {
  Loader loader(file, "qwen3");
  Model m;
  m.config.rope_style = RopeStyle::neox;
  m.config.qk_norm = true;
  if (Status st = loader.read_common_config(&m.config); !st) return st.error();
  if (m.config.n_rot != m.config.head_dim) {
    return Error{"qwen3 requires rope.dimension_count == attention.key_length"};
  }
  if (Status st = loader.read_common_weights(m.config, &m.weights); !st) return st.error();
  m.config.tied_output = !loader.has_tensor("output.weight");
  return m;
}

}  // namespace ys::model
