// engine_bench: prints prompt-processing (pp) and generation (tg) tokens/s of the local engine on
// random-weight GGUF models of a real model's shape, as llama-bench does (pp: one batch of
// n_prompt tokens into an empty context; tg: n_gen tokens one at a time into an empty context),
// medians over repetitions, with the ratio to llama.cpp figures measured on this machine class.
// Optionally (--loglik) the throughput of a synthetic 10-option log-likelihood task with and
// without prefix sharing.
//
//   engine_bench [--shape qwen2.5-0.5b] [--types f16,q8_0] [--threads 2] [--reps 5]
//                [--pp 512] [--tg 128] [--dir /tmp] [--loglik] [--questions 100]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/engine/engine.h"
#include "backends/local/engine/synthetic_model.h"
#include "backends/local/engine/throughput.h"
#include "harness/core/clock.h"

namespace {

using Clock = std::chrono::steady_clock;
using ys::seconds_since;
using ys::engine::Engine;

struct Options {
  std::string shape = "qwen2.5-0.5b";
  std::vector<std::string> types = {"f16", "q8_0"};
  int threads = 2;
  int reps = 5;
  int n_prompt = 512;
  int n_gen = 128;
  std::string dir = "/tmp";
  bool loglik = false;
  int questions = 100;
};

// llama.cpp 81ff7ab, llama-bench -t 2 -p 512 -n 128 -r 10, Qwen2.5-0.5B shape (issue 4).
const std::map<std::string, std::pair<double, double>> kLlamaCpp = {{"f16", {174.7, 21.1}},
                                                                    {"q8_0", {120.3, 31.6}}};

// CPU seconds used by the whole process (all threads), to show how much of the wall time the
// engine actually ran on a shared machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

using ys::engine::bench_tokens;

bool parse_args(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--shape")
      o->shape = next();
    else if (a == "--types") {
      o->types.clear();
      std::string s = next(), cur;
      for (char c : s + ",") {
        if (c == ',') {
          if (!cur.empty()) o->types.push_back(cur);
          cur.clear();
        } else
          cur += c;
      }
    } else if (a == "--threads")
      o->threads = std::atoi(next().c_str());
    else if (a == "--reps")
      o->reps = std::max(1, std::atoi(next().c_str()));
    else if (a == "--pp")
      o->n_prompt = std::max(1, std::atoi(next().c_str()));
    else if (a == "--tg")
      o->n_gen = std::max(1, std::atoi(next().c_str()));
    else if (a == "--dir")
      o->dir = next();
    else if (a == "--loglik")
      o->loglik = true;
    else if (a == "--questions")
      o->questions = std::max(1, std::atoi(next().c_str()));
    else {
      std::fprintf(stderr,
                   "unknown argument %s (see the header of bench/engine/engine_bench.cpp)\n",
                   a.c_str());
      return false;
    }
  }
  return true;
}

// The model file for (shape, type), written once and kept in --dir.
ys::Expected<std::string> model_file(const Options& o, const std::string& type) {
  const std::string path = o.dir + "/ys-bench-" + o.shape + "-" + type + ".gguf";
  if (std::filesystem::exists(path)) return path;
  auto shape = ys::engine::synthetic_shape(o.shape);
  if (!shape) return shape.error();
  const auto parsed = ys::cpu::type_from_name(type);
  if (!parsed || ys::cpu::type_is_activation_only(*parsed))
    return ys::Error{"unknown type " + type + " (" + ys::cpu::weight_type_names() + ")"};
  const ys::cpu::TensorType t = *parsed;
  std::fprintf(stderr, "writing %s ...\n", path.c_str());
  const std::string tmp = path + ".tmp";
  if (auto st = ys::engine::write_synthetic_model(*shape, t, 1234, tmp); !st) return st.error();
  std::filesystem::rename(tmp, path);
  return path;
}

// The shared measurements (throughput.h); a failure here is a bug in the engine, not data.
double bench_pp(Engine& e, int n_prompt, int rep) {
  auto tps = ys::engine::measure_prompt_tps(e, n_prompt, rep);
  if (!tps) std::abort();
  return *tps;
}

double bench_tg(Engine& e, int n_gen, int rep) {
  auto tps = ys::engine::measure_generation_tps(e, n_gen, rep);
  if (!tps) std::abort();
  return *tps;
}

// A 600-token shared prompt and 10 one-token options per question. With sharing, the prompt is
// evaluated once, forked 10 times and the options run as one batch; without, each option
// evaluates prompt + option from an empty context.
double bench_loglik(Engine& e, int questions, bool share) {
  constexpr int kPrompt = 600, kOptions = 10;
  std::vector<float> logits;
  const auto t0 = Clock::now();
  for (int q = 0; q < questions; ++q) {
    const auto prompt = bench_tokens(kPrompt, e.n_vocab(), 1000 + static_cast<uint32_t>(q));
    const auto options = bench_tokens(kOptions, e.n_vocab(), 5000 + static_cast<uint32_t>(q));
    if (share) {
      const int base = e.new_sequence();
      if (!e.eval(base, prompt, false, &logits).ok()) std::abort();
      std::vector<ys::model::BatchToken> batch;
      std::vector<int> forks;
      for (int k = 0; k < kOptions; ++k) {
        forks.push_back(*e.fork(base));
        batch.push_back({options[static_cast<size_t>(k)], forks.back(), true});
      }
      if (!e.decode(batch, &logits).ok()) std::abort();
      for (int f : forks) e.release(f);
      e.release(base);
    } else {
      for (int k = 0; k < kOptions; ++k) {
        auto seq_tokens = prompt;
        seq_tokens.push_back(options[static_cast<size_t>(k)]);
        const int s = e.new_sequence();
        if (!e.eval(s, seq_tokens, false, &logits).ok()) std::abort();
        e.release(s);
      }
    }
  }
  return questions / seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, &o)) return 2;
  std::printf("engine_bench: shape %s (random weights), %d threads, median of %d runs\n",
              o.shape.c_str(), o.threads, o.reps);
  std::printf("kernels: %s\n", ys::cpu::cpu_description().c_str());
  std::printf("%-6s %14s %14s %10s %10s\n", "type", "pp tok/s", "tg tok/s", "pp ratio", "tg ratio");
  for (const auto& type : o.types) {
    auto path = model_file(o, type);
    if (!path) {
      std::fprintf(stderr, "%s\n", path.error().message.c_str());
      return 1;
    }
    auto engine = Engine::load(
        *path, {.n_threads = o.threads, .n_ctx = std::max(1024, o.n_prompt + o.n_gen)});
    if (!engine) {
      std::fprintf(stderr, "%s\n", engine.error().message.c_str());
      return 1;
    }
    Engine& e = **engine;
    bench_tg(e, 4, 0);  // warm-up: page in the weights
    std::vector<double> pp, tg;
    const double cpu0 = cpu_seconds();
    const auto wall0 = Clock::now();
    for (int r = 0; r < o.reps; ++r) pp.push_back(bench_pp(e, o.n_prompt, r));
    const double pp_cpu_share = (cpu_seconds() - cpu0) / seconds_since(wall0) / o.threads;
    const double cpu1 = cpu_seconds();
    const auto wall1 = Clock::now();
    for (int r = 0; r < o.reps; ++r) tg.push_back(bench_tg(e, o.n_gen, r));
    const double tg_cpu_share = (cpu_seconds() - cpu1) / seconds_since(wall1) / o.threads;
    const double pp_m = ys::engine::summarize_tps(pp).median;
    const double tg_m = ys::engine::summarize_tps(tg).median;
    const auto ref = kLlamaCpp.find(type);
    std::printf("%-6s %8.1f (pp%d) %6.1f (tg%d)", type.c_str(), pp_m, o.n_prompt, tg_m, o.n_gen);
    if (ref != kLlamaCpp.end() && o.shape == "qwen2.5-0.5b") {
      std::printf(" %9.2fx %9.2fx", pp_m / ref->second.first, tg_m / ref->second.second);
    }
    std::printf("   (threads got %.0f%% / %.0f%% of their cores)\n", 100 * pp_cpu_share,
                100 * tg_cpu_share);
    std::fflush(stdout);
    if (o.loglik) {
      const double with = bench_loglik(e, o.questions, true);
      const int n_without = std::max(1, o.questions / 50);
      const double without = bench_loglik(e, n_without, false);
      std::printf(
          "       loglik 10 options, 600-token prompt: %.3f questions/s shared (%d q), "
          "%.3f questions/s unshared (%d q)\n",
          with, o.questions, without, n_without);
    }
  }
  std::printf(
      "llama.cpp 81ff7ab reference (2 threads): f16 pp512 174.7 tg128 21.1; "
      "q8_0 pp512 120.3 tg128 31.6\n");
  return 0;
}
