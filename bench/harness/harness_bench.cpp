// harness_bench: N requests through the real scheduler + OpenAI-compatible backend + SQLite store
// against the fake server (a separate process, so the RSS printed is the harness's alone) with a
// fixed latency L at concurrency C. Prints wall time, its ratio to the ideal N*L/C, requests/s,
// peak RSS and store writes/s.
//
//   harness_bench -n 5000 -l 50 -c 64
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "backends/registry.h"
#include "harness/run/heap_tuning.h"
#include "harness/run/runner.h"
#include "suites/custom/custom_suite.h"

namespace {

struct Server {
  pid_t pid = -1;
  std::string url;
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

// Starts ys-fake-server on an ephemeral port and reads its URL from its first line.
bool start_server(const std::string& path, int latency_ms, Server& s) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  s.pid = fork();
  if (s.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    std::string lat = std::to_string(latency_ms);
    execl(path.c_str(), path.c_str(), "--port", "0", "--latency-ms", lat.c_str(), nullptr);
    _exit(127);
  }
  close(fds[1]);
  FILE* f = fdopen(fds[0], "r");
  char line[512];
  if (!f || !std::fgets(line, sizeof line, f)) return false;
  std::string l = line;
  auto at = l.find("http://");
  if (at == std::string::npos) return false;
  s.url = l.substr(at);
  while (!s.url.empty() && std::isspace(static_cast<unsigned char>(s.url.back()))) s.url.pop_back();
  return true;
}

long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  ys::keep_freed_heap_memory();  // as yardstick's main() does
  CLI::App app{"harness_bench: scheduler + backend + store throughput against the fake server"};
  int n = 5000, latency_ms = 50, concurrency = 64;
  std::string server_path = std::string(YS_BUILD_DIR) + "/tests/support/ys-fake-server";
  app.add_option("-n", n, "Requests")->capture_default_str();
  app.add_option("-l,--latency-ms", latency_ms, "Fake server latency per request")
      ->capture_default_str();
  app.add_option("-c,--concurrency", concurrency, "Requests in flight")->capture_default_str();
  bool keep_db = false;
  app.add_flag("--keep-db", keep_db, "Keep the run's SQLite store (e.g. to look at latency_ms)");
  app.add_option("--server", server_path, "Path of ys-fake-server")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto dir = std::filesystem::temp_directory_path() / ("ys-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string suite_path = (dir / "suite.jsonl").string();
  {
    std::ofstream out(suite_path);
    for (int i = 0; i < n; ++i)
      out << "{\"id\": \"q" << i << "\", \"prompt\": \"bench question " << i
          << "\", \"reference\": \"x\", \"scorer\": \"exact\"}\n";
  }
  Server server;
  if (!start_server(server_path, latency_ms, server)) {
    std::fprintf(stderr, "harness_bench: cannot start %s\n", server_path.c_str());
    return 1;
  }
  auto suite = ys::make_custom_suite({"custom", suite_path, ys::Json::object()});
  auto model = ys::parse_model_spec("bench=openai-compat:" + server.url + "#bench");
  auto backend = ys::make_backend(*model, ys::default_backend_context());
  auto store = ys::Store::open((dir / "bench.db").string());
  if (!suite || !backend || !store) {
    std::fprintf(stderr, "harness_bench: setup failed\n");
    return 1;
  }
  ys::RunSettings settings;
  settings.scheduler.concurrency = concurrency;
  ys::SteadyClock clock;
  auto t0 = std::chrono::steady_clock::now();
  auto outcome =
      ys::run_suite(**store, **backend, *model, **suite, settings, nullptr, clock, nullptr);
  double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!outcome) {
    std::fprintf(stderr, "harness_bench: %s\n", outcome.error().message.c_str());
    return 1;
  }
  double ideal_s = static_cast<double>(n) * latency_ms / 1000.0 / concurrency;
  std::printf("N=%d L=%dms C=%d\n", n, latency_ms, concurrency);
  std::printf("  wall time      %.2f s (ideal N*L/C = %.2f s, ratio %.3f)\n", wall_s, ideal_s,
              wall_s / ideal_s);
  std::printf("  requests/s     %.1f\n", n / wall_s);
  std::printf("  sent %lld, errors %lld\n", static_cast<long long>(outcome->n_sent),
              static_cast<long long>(outcome->n_errors));
  std::printf("  peak RSS       %.1f MB\n", peak_rss_kb() / 1024.0);
  std::printf("  store writes/s %.1f responses/s (each with its scores)\n",
              outcome->n_sent / wall_s);
  std::error_code ec;
  if (keep_db)
    std::printf("  kept           %s\n", (dir / "bench.db").c_str());
  else
    std::filesystem::remove_all(dir, ec);
  return outcome->n_errors == 0 ? 0 : 1;
}
