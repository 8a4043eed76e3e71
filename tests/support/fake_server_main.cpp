// ys-fake-server: the scripted fake API server as a standalone program (README demo, benchmark).
// Usage and behaviour: docs/fake-server.md.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "tests/support/fake_oracle.h"
#include "tests/support/fake_server.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) {
  g_stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ys-fake-server: a scripted OpenAI/Anthropic-compatible server for tests"};
  int port = 0;
  std::string answers_path;
  ys::test::OracleOptions options;
  app.add_option("--port", port, "port on 127.0.0.1 (0 = ephemeral)")->check(CLI::Range(0, 65535));
  app.add_option("--latency-ms", options.latency_ms, "fixed delay before every reply")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--answers", answers_path,
                 "custom-suite JSONL whose references oracle-NN models use");
  app.add_option("--fail-rate", options.fail_rate,
                 "share of distinct requests whose first attempt gets HTTP 500")
      ->check(CLI::Range(0.0, 1.0));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!answers_path.empty()) {
    std::string error = ys::test::load_oracle_answers(answers_path, options);
    if (!error.empty()) {
      std::cerr << "ys-fake-server: " << error << "\n";
      return 2;
    }
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    ys::test::FakeServer server(ys::test::make_oracle_script(std::move(options)), port);
    server.set_keep_requests(false);
    std::cout << "listening on " << server.base_url() << std::endl;
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::cerr << "ys-fake-server: served " << server.request_count() << " requests\n";
  } catch (const std::exception& e) {
    std::cerr << "ys-fake-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
