// `yardstick engine`: quick tools for the local GGUF engine.
//   engine make-model --arch qwen2 --shape qwen2.5-0.5b --type q8_0 -o synth.gguf [--vocab V.gguf]
//   engine generate -m model.gguf -p "Hello" [-n 64] [--chat] [--temperature T] [--seed S]
// make-model writes a RANDOM-WEIGHT model of a real model's shape (for tests and benchmarks).
#include <chrono>
#include <iostream>

#include "backends/local/backend/local_backend.h"
#include "backends/local/engine/synthetic_model.h"
#include "backends/registry.h"
#include "harness/cli/commands.h"

namespace ys::cli {

namespace {

struct MakeModelFlags {
  std::string arch = "qwen2", shape = "tiny", type = "q8_0", out, vocab;
  uint64_t seed = 1;
};

struct GenerateFlags {
  std::string model, prompt;
  int max_tokens = 64;
  bool chat = false;
  std::optional<double> temperature;
  std::optional<int64_t> seed;
  int threads = 0;
};

std::optional<cpu::TensorType> parse_type(const std::string& name) {
  using cpu::TensorType;
  if (name == "f32") return TensorType::F32;
  if (name == "f16") return TensorType::F16;
  if (name == "bf16") return TensorType::BF16;
  if (name == "q8_0") return TensorType::Q8_0;
  return std::nullopt;
}

int make_model(const MakeModelFlags& f) {
  auto shape = engine::synthetic_shape(f.shape);
  if (!shape) return fail(kExitBadInput, shape.error().message);
  shape->arch = f.arch;
  auto type = parse_type(f.type);
  if (!type)
    return fail(kExitBadInput, "--type '" + f.type + "': make-model writes f32, f16, bf16 or q8_0");
  std::unique_ptr<gguf::File> vocab;
  if (!f.vocab.empty()) {
    auto v = gguf::File::open(f.vocab);
    if (!v) return fail(kExitBadInput, v.error().message);
    vocab = std::move(*v);
  }
  if (auto st = engine::write_synthetic_model(*shape, *type, f.seed, f.out, vocab.get()); !st)
    return fail(kExitRunFailed, st.error().message);
  std::cerr << "wrote " << f.out << ": random weights (not a trained model), " << f.arch
            << " shape '" << f.shape << "', " << f.type
            << (vocab ? ", tokenizer from " + f.vocab : "") << "\n";
  return kExitOk;
}

int generate(const GenerateFlags& f) {
  ModelSpec spec;
  spec.name = "local";
  spec.kind = "local";
  spec.target = f.model;
  if (f.threads > 0) spec.options["threads"] = f.threads;
  auto backend = make_local_backend(spec, default_backend_context());
  if (!backend) return fail(kExitBadInput, backend.error().message);
  Request req;
  req.kind = f.chat ? RequestKind::chat : RequestKind::completion;
  if (f.chat) {
    req.messages = {{"user", f.prompt}};
  } else {
    req.prompt = f.prompt;
  }
  req.params.max_tokens = f.max_tokens;
  req.params.temperature = f.temperature;
  req.params.seed = f.seed;
  (*backend)->submit(1, req);
  for (;;) {
    auto done = (*backend)->poll(1000);
    if (done.empty()) continue;
    const Response& r = done.front().response;
    if (!r.ok()) return fail(kExitRunFailed, r.error);
    std::cout << r.text << "\n";
    std::cerr << "[" << r.prompt_tokens << " prompt tokens, " << r.completion_tokens
              << " generated, " << r.latency_ms << " ms, finish: " << r.finish_reason << "]\n";
    return kExitOk;
  }
}

}  // namespace

CommandRunner setup_engine(CLI::App& sub, const GlobalOptions&) {
  sub.require_subcommand(1);
  auto mm = std::make_shared<MakeModelFlags>();
  CLI::App* make =
      sub.add_subcommand("make-model", "Write a random-weight GGUF of a real model's shape");
  make->add_option("--arch", mm->arch, "llama | qwen2 | qwen3")->capture_default_str();
  make->add_option("--shape", mm->shape, "tiny | qwen2.5-0.5b | llama-3.2-1b")
      ->capture_default_str();
  make->add_option("--type", mm->type, "f32 | f16 | bf16 | q8_0")->capture_default_str();
  make->add_option("--seed", mm->seed, "Weight seed")->capture_default_str();
  make->add_option("--vocab", mm->vocab, "Copy the tokenizer from this GGUF");
  make->add_option("-o,--out", mm->out, "Output file")->required();
  auto gen = std::make_shared<GenerateFlags>();
  CLI::App* g = sub.add_subcommand("generate", "Generate text from a GGUF model (quick check)");
  g->add_option("-m,--model", gen->model, "GGUF file")->required();
  g->add_option("-p,--prompt", gen->prompt, "Prompt text")->required();
  g->add_option("-n,--max-tokens", gen->max_tokens, "Tokens to generate")->capture_default_str();
  g->add_flag("--chat", gen->chat, "Apply the model's chat template");
  g->add_option("--temperature", gen->temperature, "Sampling temperature (default greedy)");
  g->add_option("--seed", gen->seed, "Sampling seed");
  g->add_option("-t,--threads", gen->threads, "Threads (default: all cores)");
  return [make, g, mm, gen] {
    if (make->parsed()) return make_model(*mm);
    if (g->parsed()) return generate(*gen);
    return kExitBadInput;
  };
}

}  // namespace ys::cli
