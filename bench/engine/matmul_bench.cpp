// matmul_bench: the engine's matmul alone on the matrix shapes of a model layer, for tuning the
// kernels without running a whole model. For each weight type and shape it prints the time of
// one Y = X W^T with a batch of b tokens (median) and the rate in multiply-adds per second
// (rows * cols * b / time; median and best, as this machine is noisy). Weights and activations are
// random; the figures do not depend on their values.
//
//   matmul_bench [--types q8_0,f16] [--batch 512] [--threads 2] [--reps 5]
//                [--shapes 896x896,4864x896,896x4864] [--panel-min-tokens N]
// A batch of N tokens or more takes the panel kernels (default 64, as the engine); a larger N
// keeps the integer tiles, for comparisons.
// Types: any weight type by its ggml name (q8_0, q4_K, iq4_nl, iq4_xs, ...; the K-quants need a
// multiple of 256 columns). Weights are random values quantized by quantize_weights_row.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/matmul.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/quantize_weights.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ys::cpu;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    size_t end = s.find(sep, at);
    if (end == std::string::npos) end = s.size();
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

bool parse_type(const std::string& name, TensorType& t) {
  const auto parsed = type_from_name(name);
  if (!parsed || type_is_activation_only(*parsed)) return false;
  t = *parsed;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string types = "q8_0,f16", shapes = "896x896,4864x896,896x4864";
  int batch = 512, threads = 2, reps = 5;
  int64_t panel_min = kPanelMinTokens;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "matmul_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--types")
      types = next();
    else if (a == "--shapes")
      shapes = next();
    else if (a == "--batch")
      batch = std::atoi(next().c_str());
    else if (a == "--threads")
      threads = std::atoi(next().c_str());
    else if (a == "--reps")
      reps = std::atoi(next().c_str());
    else if (a == "--panel-min-tokens")
      panel_min = std::atoll(next().c_str());
    else {
      std::fprintf(stderr,
                   "usage: matmul_bench [--types q8_0,f16] [--batch 512] [--threads 2] [--reps 5] "
                   "[--shapes ROWSxCOLS,...] [--panel-min-tokens N]\n");
      return a == "-h" || a == "--help" ? 0 : 2;
    }
  }
  if (batch < 1 || threads < 1 || reps < 1 || panel_min < 1) {
    std::fprintf(stderr,
                 "matmul_bench: --batch, --threads, --reps and --panel-min-tokens must be at "
                 "least 1\n");
    return 2;
  }
  ThreadPool pool(threads);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::printf("batch %d, %d threads, median of %d, %s kernels\n", batch, threads, reps,
              batch >= panel_min ? "panel" : "tile");
  std::printf("kernels: %s\n", cpu_description().c_str());
  std::printf("%-6s %-10s %10s %12s %12s\n", "type", "rows x cols", "median ms", "GMAC/s",
              "best GMAC/s");
  for (const auto& tname : split(types, ',')) {
    TensorType type;
    if (!parse_type(tname, type)) {
      std::fprintf(stderr, "matmul_bench: unknown type '%s' (%s)\n", tname.c_str(),
                   weight_type_names().c_str());
      return 2;
    }
    for (const auto& shape : split(shapes, ',')) {
      const auto dims = split(shape, 'x');
      if (dims.size() != 2) {
        std::fprintf(stderr, "matmul_bench: shape '%s' is not ROWSxCOLS\n", shape.c_str());
        return 2;
      }
      const int64_t rows = std::atoll(dims[0].c_str()), cols = std::atoll(dims[1].c_str());
      if (rows < 1 || cols < 1 || cols % type_block_elems(type) != 0) {
        std::fprintf(stderr, "matmul_bench: shape '%s' does not suit %s\n", shape.c_str(),
                     tname.c_str());
        return 2;
      }
      std::vector<float> wf(static_cast<size_t>(rows * cols)), x(static_cast<size_t>(batch * cols));
      for (auto& v : wf) v = dist(rng);
      for (auto& v : x) v = dist(rng);
      WeightMatrix w;
      w.type = type;
      w.rows = rows;
      w.cols = cols;
      w.row_bytes = type_row_bytes(type, cols);
      std::vector<uint8_t> wdata(w.row_bytes * static_cast<size_t>(rows));
      for (int64_t r = 0; r < rows; ++r)
        quantize_weights_row(type, wf.data() + r * cols, wdata.data() + r * w.row_bytes, cols);
      w.data = wdata.data();
      std::vector<float> y(static_cast<size_t>(batch * rows));
      std::vector<uint8_t> scratch;
      matmul(pool, w, x.data(), batch, y.data(), scratch, panel_min);  // warm-up
      std::vector<double> ms;
      for (int r = 0; r < reps; ++r) {
        const auto t0 = Clock::now();
        matmul(pool, w, x.data(), batch, y.data(), scratch, panel_min);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      std::sort(ms.begin(), ms.end());
      const double med = ms[ms.size() / 2];
      const double macs = static_cast<double>(rows) * static_cast<double>(cols) * batch;
      std::printf("%-6s %-10s %10.2f %12.2f %12.2f\n", tname.c_str(), shape.c_str(), med,
                  macs / (med * 1e6), macs / (ms.front() * 1e6));
    }
  }
  return 0;
}
