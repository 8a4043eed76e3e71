// `yardstick engine`: quick tools for the local GGUF engine.
//   engine make-model --arch qwen2 --shape qwen2.5-0.5b --type q8_0 -o synth.gguf
//                     [--vocab V.gguf | --byte-vocab]
//   engine generate -m model.gguf -p "Hello" [-n 64] [--chat] [--temperature T] [--seed S]
//   engine bench (-m model.gguf | --make q8_0 [--shape qwen2.5-0.5b]) [-p 512] [-n 128] [-r 3]
//                [-t THREADS] [--panel-min-tokens N] [--ref-pp X --ref-tg Y]
// make-model writes a RANDOM-WEIGHT model of a real model's shape (for tests and benchmarks);
// bench --make writes one to a temporary file, measures it and deletes it.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>

#include "backends/local/backend/local_backend.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/engine/synthetic_model.h"
#include "backends/local/engine/throughput.h"
#include "backends/registry.h"
#include "harness/cli/commands.h"

namespace ys::cli {

namespace {

struct MakeModelFlags {
  std::string arch, shape = "tiny", type = "q8_0", out, vocab;  // arch: empty = the shape's
  bool byte_vocab = false;
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

struct BenchFlags {
  std::string model, make, shape = "qwen2.5-0.5b", arch;
  int n_prompt = 512, n_gen = 128, reps = 3, threads = 0;
  int64_t panel_min_tokens = cpu::kPanelMinTokens;
  std::optional<double> ref_pp, ref_tg;
};

std::optional<cpu::TensorType> parse_type(const std::string& name) {
  const auto t = cpu::type_from_name(name);
  if (!t || cpu::type_is_activation_only(*t)) return std::nullopt;
  return t;
}

int make_model(const MakeModelFlags& f) {
  auto shape = engine::synthetic_shape(f.shape);
  if (!shape) return fail(kExitBadInput, shape.error().message);
  if (!f.arch.empty()) shape->arch = f.arch;
  auto type = parse_type(f.type);
  if (!type)
    return fail(kExitBadInput,
                "--type '" + f.type + "': make-model writes " + cpu::weight_type_names());
  std::unique_ptr<gguf::File> vocab;
  if (!f.vocab.empty()) {
    auto v = gguf::File::open(f.vocab);
    if (!v) return fail(kExitBadInput, v.error().message);
    vocab = std::move(*v);
  }
  if (vocab && f.byte_vocab) return fail(kExitBadInput, "give --vocab or --byte-vocab, not both");
  const auto builtin = f.byte_vocab ? engine::SyntheticVocab::bytes : engine::SyntheticVocab::none;
  if (auto st = engine::write_synthetic_model(*shape, *type, f.seed, f.out, vocab.get(), builtin);
      !st)
    return fail(kExitRunFailed, st.error().message);
  std::string tokenizer = " (no tokenizer: engine-only)";
  if (vocab) tokenizer = ", tokenizer from " + f.vocab;
  if (f.byte_vocab) tokenizer = ", built-in byte-level tokenizer";
  std::cerr << "wrote " << f.out << ": random weights (not a trained model), " << shape->arch
            << " shape '" << f.shape << "', " << f.type << tokenizer << "\n";
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
              << " generated, " << r.latency_ms << " ms, finish: " << r.finish_reason
              << ", kernels: " << cpu::cpu_path_name(cpu::cpu_path()) << "]\n";
    return kExitOk;
  }
}

// A model file that is deleted when the bench ends ("" = nothing to delete).
class TempModel {
 public:
  TempModel() = default;
  ~TempModel() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempModel(const TempModel&) = delete;
  TempModel& operator=(const TempModel&) = delete;
  void adopt(std::string path) { path_ = std::move(path); }

 private:
  std::string path_;
};

Expected<std::string> write_bench_model(const BenchFlags& f, TempModel& keep) {
  auto shape = engine::synthetic_shape(f.shape);
  if (!shape) return shape.error();
  if (!f.arch.empty()) shape->arch = f.arch;
  auto type = parse_type(f.make);
  if (!type) return Error{"--make '" + f.make + "': bench writes " + cpu::weight_type_names()};
  std::random_device rd;
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("ys-bench-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + ".gguf"))
          .string();
  std::cerr << "writing a random-weight " << shape->arch << " model of shape '" << f.shape << "' ("
            << f.make << ") to " << path << " ...\n";
  keep.adopt(path);
  if (auto st = engine::write_synthetic_model(*shape, *type, 1234, path); !st) return st.error();
  return path;
}

void print_row(const std::string& test, const engine::ThroughputSummary& s) {
  const double spread = s.median > 0 ? 100.0 * (s.max - s.min) / (2.0 * s.median) : 0.0;
  std::printf("%-8s %14.2f %10.2f %10.2f %8.1f%%\n", test.c_str(), s.median, s.min, s.max, spread);
}

Expected<engine::ThroughputSummary> measure(engine::Engine& e, bool prompt, int n, int reps) {
  std::vector<double> tps;
  for (int r = 0; r < reps; ++r) {
    auto v = prompt ? engine::measure_prompt_tps(e, n, r) : engine::measure_generation_tps(e, n, r);
    if (!v) return v.error();
    tps.push_back(*v);
  }
  return engine::summarize_tps(std::move(tps));
}

int bench(const BenchFlags& f) {
  if (f.model.empty() == f.make.empty())
    return fail(kExitBadInput, "engine bench: give either -m MODEL.gguf or --make TYPE");
  if (f.n_prompt == 0 && f.n_gen == 0)
    return fail(kExitBadInput, "engine bench: -p and -n are both 0; nothing to measure");
  TempModel temp;
  std::string path = f.model;
  if (!f.make.empty()) {
    auto written = write_bench_model(f, temp);
    if (!written) return fail(kExitBadInput, written.error().message);
    path = *written;
  }
  const int n_ctx = std::max({f.n_prompt, f.n_gen, 8});
  engine::EngineOptions options{.n_threads = f.threads, .n_ctx = n_ctx};
  options.panel_min_tokens = f.panel_min_tokens;
  auto loaded = engine::Engine::load(path, options);
  if (!loaded) return fail(kExitBadInput, "cannot load " + path + ": " + loaded.error().message);
  engine::Engine& e = **loaded;
  if (f.make.empty()) {
    std::printf("model: %s\n", path.c_str());
  } else {
    std::printf("model: random weights (not a trained model), shape %s, %s\n", f.shape.c_str(),
                f.make.c_str());
  }
  std::printf("%d threads, %d repetitions, tokens/s over wall time (llama-bench's pp and tg)\n",
              e.n_threads(), f.reps);
  std::printf("kernels: %s\n", cpu::cpu_description().c_str());
  if (auto warm = engine::measure_generation_tps(e, 4, 0); !warm)  // pages in the weights
    return fail(kExitRunFailed, warm.error().message);
  // spread: half the min-max range, relative to the median.
  std::printf("%-8s %14s %10s %10s %9s\n", "test", "median tok/s", "min", "max", "spread");
  std::optional<engine::ThroughputSummary> pp, tg;
  std::vector<std::string> splits;
  for (bool prompt : {true, false}) {
    const int n = prompt ? f.n_prompt : f.n_gen;
    if (n == 0) continue;
    e.reset_time_split();
    auto s = measure(e, prompt, n, f.reps);
    if (!s) return fail(kExitRunFailed, s.error().message);
    const std::string name = (prompt ? "pp" : "tg") + std::to_string(n);
    print_row(name, *s);
    (prompt ? pp : tg) = *s;
    const auto& t = e.time_split();
    if (t.total_s > 0) {
      char line[160];
      std::snprintf(line, sizeof line,
                    "%s time: weight matmuls %.0f%%, attention %.0f%%, the rest %.0f%%",
                    name.c_str(), 100.0 * t.matmul_s / t.total_s, 100.0 * t.attention_s / t.total_s,
                    100.0 * (t.total_s - t.matmul_s - t.attention_s) / t.total_s);
      splits.emplace_back(line);
    }
  }
  for (const auto& line : splits) std::printf("%s\n", line.c_str());
  if (pp && f.ref_pp) {
    std::printf("pp%d ratio to reference %.2f tok/s: %.2fx\n", f.n_prompt, *f.ref_pp,
                pp->median / *f.ref_pp);
  }
  if (tg && f.ref_tg) {
    std::printf("tg%d ratio to reference %.2f tok/s: %.2fx\n", f.n_gen, *f.ref_tg,
                tg->median / *f.ref_tg);
  }
  if (pp) {
    const double gmac = engine::prompt_macs(e, f.n_prompt) / 1e9;
    const double rate = gmac * pp->median / f.n_prompt;
    const double peak = engine::measure_fma_peak(e.n_threads(), f.reps);
    std::printf("pp%d compute: %.1f GMAC (matmuls and attention), done at %.1f GMAC/s", f.n_prompt,
                gmac, rate);
    if (peak > 0) {
      std::printf("; %d threads together do %.1f GMAC/s of register-only FMAs now (%.0f%% used)",
                  e.n_threads(), peak, 100.0 * rate / peak);
    }
    std::printf("\n");
  }
  if (tg) {
    const auto ws = engine::measure_weight_stream(e, e.n_threads(), f.reps);
    std::printf(
        "tg memory ceiling: a token reads %.0f MB of weights; reading them once takes %.1f ms "
        "(%.1f GB/s), so at most %.1f tok/s; tg%d reached %.0f%% of it\n",
        ws.bytes / 1e6, ws.seconds * 1e3, ws.gb_per_s(), ws.ceiling_tps(), f.n_gen,
        100.0 * tg->median / ws.ceiling_tps());
  }
  return kExitOk;
}

}  // namespace

CommandRunner setup_engine(CLI::App& sub, const GlobalOptions&) {
  sub.require_subcommand(1);
  auto mm = std::make_shared<MakeModelFlags>();
  CLI::App* make =
      sub.add_subcommand("make-model", "Write a random-weight GGUF of a real model's shape");
  make->add_option("--arch", mm->arch,
                   "llama | qwen2 | qwen3 (default: the shape's: qwen2 for tiny and qwen2.5-0.5b, "
                   "llama for llama-3.2-1b)");
  make->add_option("--shape", mm->shape, "tiny | qwen2.5-0.5b | llama-3.2-1b")
      ->capture_default_str();
  make->add_option("--type", mm->type,
                   "f32 | f16 | bf16 | q8_0 | q4_0 | q4_1 | q5_0 | q5_1 | iq4_nl | q2_K | q3_K | "
                   "q4_K | q5_K | q6_K | iq4_xs")
      ->capture_default_str();
  make->add_option("--seed", mm->seed, "Weight seed")->capture_default_str();
  make->add_option("--vocab", mm->vocab, "Copy the tokenizer from this GGUF");
  make->add_flag("--byte-vocab", mm->byte_vocab,
                 "Write a built-in byte-level tokenizer (one token per byte; vocabulary 259)");
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
  auto bf = std::make_shared<BenchFlags>();
  CLI::App* b = sub.add_subcommand("bench", "Prompt and generation tokens/s of the local engine");
  b->add_option("-m,--model", bf->model, "GGUF file");
  b->add_option("--make", bf->make,
                "Instead of -m: write a random-weight model of this type (as make-model "
                "--type) to a temporary file");
  b->add_option("--shape", bf->shape, "Shape for --make: tiny | qwen2.5-0.5b | llama-3.2-1b")
      ->capture_default_str();
  b->add_option("--arch", bf->arch, "Architecture for --make (default: the shape's)");
  b->add_option("-p,--n-prompt", bf->n_prompt, "Prompt tokens (pp test; 0 skips it)")
      ->capture_default_str()
      ->check(kNonNegative);
  b->add_option("-n,--n-gen", bf->n_gen, "Generated tokens (tg test; 0 skips it)")
      ->capture_default_str()
      ->check(kNonNegative);
  b->add_option("-r,--repetitions", bf->reps, "Repetitions of each test")
      ->capture_default_str()
      ->check(kPositive);
  b->add_option("-t,--threads", bf->threads, "Threads (default: all cores)");
  b->add_option("--panel-min-tokens", bf->panel_min_tokens,
                "Matmuls over this many tokens or more use the panel kernels, fewer the integer "
                "tiles (a large value keeps every matmul on the tiles; for comparisons)")
      ->capture_default_str()
      ->check(kPositive);
  b->add_option("--ref-pp", bf->ref_pp, "Reference pp tokens/s: print the ratio to it")
      ->check(kPositive);
  b->add_option("--ref-tg", bf->ref_tg, "Reference tg tokens/s: print the ratio to it")
      ->check(kPositive);
  return [make, g, b, mm, gen, bf] {
    if (make->parsed()) return make_model(*mm);
    if (g->parsed()) return generate(*gen);
    if (b->parsed()) return bench(*bf);
    return kExitBadInput;
  };
}

}  // namespace ys::cli
