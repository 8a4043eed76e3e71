// Ctrl-C and SIGTERM for long commands: the first signal sets a flag the runner polls, so what was
// answered is stored and the command exits with kExitInterrupted.
#pragma once

#include <atomic>

namespace ys::cli {

// Installs the SIGINT/SIGTERM handlers (idempotent) and returns the flag they set.
const std::atomic<bool>* install_interrupt_handler();

}  // namespace ys::cli
