// Architecture `llama` (Llama 2 and 3.x, Mistral, SmolLM, TinyLlama): NORM RoPE (adjacent pairs),
// grouped-query attention, separate or tied output head, optional Llama 3 rope scaling through
// the `rope_freqs.weight` tensor (applied as stored) or linear scaling via rope.scaling.*.
#include "backends/local/model/arch.h"
#include "backends/local/model/loader.h"

namespace ys::model {

Expected<Model> load_llama(const gguf::File& file) {
  Loader loader(file, "llama");
  Model m;
  m.config.rope_style = RopeStyle::norm;
  if (Status st = loader.read_common_config(&m.config); !st) return st.error();
  if (Status st = loader.read_common_weights(m.config, &m.weights); !st) return st.error();
  m.config.tied_output = !loader.has_tensor("output.weight");
  return m;
}

}  // namespace ys::model
