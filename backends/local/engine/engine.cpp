#include "backends/local/engine/engine.h"

#include <algorithm>

namespace ys::engine {

Engine::~Engine() = default;

Expected<std::unique_ptr<Engine>> Engine::load(const std::string& path,
                                               const EngineOptions& options) {
  auto file = gguf::File::open(path);
  if (!file) return file.error();
  auto model = model::load_model(**file);
  if (!model) return Error{path + ": " + model.error().message};
  auto e = std::make_unique<Engine>(Private{});
  e->file_ = std::move(*file);
  e->model_ = std::move(*model);
  const model::ModelConfig& c = e->model_.config;
  const int n_ctx = options.n_ctx > 0 ? options.n_ctx : std::min(c.n_ctx_train, 4096);
  e->pool_ = std::make_unique<cpu::ThreadPool>(options.n_threads);
  e->cache_ = std::make_unique<model::KvCache>(c.n_layer, c.kv_dim(), n_ctx);
  e->forward_ = std::make_unique<model::Forward>(e->model_, *e->pool_, options.max_batch,
                                                 options.panel_min_tokens);
  return e;
}

Status Engine::decode(std::span<const model::BatchToken> batch, std::vector<float>* logits) {
  return forward_->decode(*cache_, batch, logits);
}

Status Engine::eval(int seq, std::span<const int32_t> tokens, bool all_logits,
                    std::vector<float>* logits) {
  batch_.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    batch_.push_back({tokens[i], seq, all_logits || i + 1 == tokens.size()});
  }
  return forward_->decode(*cache_, batch_, logits);
}

}  // namespace ys::engine
