// Per-architecture loaders (one file each: llama.cpp, qwen2.cpp, qwen3.cpp). Each reads its
// hyper-parameters under "<arch>." and its tensors, and sets the flags (RoPE style, biases,
// q/k norms) that the shared forward pass (forward.h) follows. Errors name the key or tensor.
#pragma once

#include "backends/local/model/model.h"

namespace ys::model {

Expected<Model> load_llama(const gguf::File& file);
Expected<Model> load_qwen2(const gguf::File& file);
Expected<Model> load_qwen3(const gguf::File& file);

}  // namespace ys::model
