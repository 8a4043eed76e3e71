#include "harness/cli/interrupt.h"

#include <csignal>

namespace ys::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) {
  g_interrupted.store(true);
}

}  // namespace

const std::atomic<bool>* install_interrupt_handler() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return &g_interrupted;
}

}  // namespace ys::cli
