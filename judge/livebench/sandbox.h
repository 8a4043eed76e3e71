// CodeSandbox: runs a Python program on untrusted input, contained by bubblewrap (bwrap).
//
// Inside the sandbox the program sees only /usr (read-only, with the /bin, /lib, /lib64, /sbin
// links or read-only binds), a fresh /proc and /dev, and a private size-limited tmpfs /tmp as its
// working directory: no home, no project files, no network (a new network namespace holds only a
// down loopback), new user/pid/ipc/uts/cgroup namespaces, no further user namespaces, a new
// session. Each run has rlimits on CPU time per process, address space, file size, open files
// and processes, a cap on captured stdout+stderr, and a wall-clock limit after which the whole
// process group (bwrap, and with it the sandbox's pid namespace) is killed. When this process is
// root, each run drops to a uid of its own (kFirstSandboxUid + 1024 * (pid % 10^6) + slot) so
// that the process limit counts that run's processes only.
//
// create() checks that bwrap and python3 exist and that a trivial sandboxed program runs; when
// they cannot, it returns an Error saying why, and code tasks must refuse to run. With
// `allow_unsafe`, a failed check yields a sandbox that runs python3 directly (rlimits and the
// wall clock only, no containment): contained() is false and description() says so loudly.
//
// run() is thread-safe; at most max_parallel() runs execute at once (default: the core count),
// further callers wait for a slot.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"

namespace ys::livebench {

struct SandboxLimits {
  double wall_time_s = 60.0;              // the whole run; then SIGKILL to the process group
  long cpu_time_s = 60;                   // RLIMIT_CPU, per process
  size_t memory_bytes = size_t{2} << 30;  // RLIMIT_AS
  long max_processes = 32;                // RLIMIT_NPROC (threads count too)
  size_t file_bytes = size_t{16} << 20;   // RLIMIT_FSIZE: largest file it may write
  size_t tmp_bytes = size_t{64} << 20;    // size of the private /tmp
  size_t output_bytes = size_t{4} << 20;  // stdout + stderr kept; beyond it the run is killed
};

struct SandboxOptions {
  std::string bwrap = "/usr/bin/bwrap";
  std::string python = "/usr/bin/python3";  // must live under /usr (the only tree mapped in)
  int max_parallel = 0;                     // 0: std::thread::hardware_concurrency()
  bool allow_unsafe = false;                // run without containment when bwrap cannot work
};

struct SandboxResult {
  int exit_code = -1;             // when the program exited
  int signal = 0;                 // when it was killed by a signal (SIGKILL after a limit)
  bool timed_out = false;         // the wall-clock limit was reached
  bool output_truncated = false;  // the output cap was reached (and the run killed)
  std::string stdout_text;
  std::string stderr_text;
  double wall_s = 0.0;
};

class CodeSandbox {
 public:
  static constexpr unsigned kFirstSandboxUid = 1900000000;

  static Expected<std::unique_ptr<CodeSandbox>> create(const SandboxOptions& options);

  // Runs `python3 -I -c <script>` with `stdin_data` on its standard input. An Error means the
  // run could not be started (fork, pipes, exec); what the program did is in the result.
  Expected<SandboxResult> run_python(std::string_view script, std::string_view stdin_data,
                                     const SandboxLimits& limits);

  bool contained() const { return contained_; }
  int max_parallel() const { return max_parallel_; }
  // "bubblewrap sandbox (...)" or the UNSAFE warning, with the reason bwrap could not be used.
  const std::string& description() const { return description_; }

  CodeSandbox(const SandboxOptions& options, bool contained, std::string description);

 private:
  std::vector<std::string> command(std::string_view script, const SandboxLimits& limits,
                                   unsigned uid) const;
  int acquire_slot();
  void release_slot(int slot);

  SandboxOptions options_;
  bool contained_;
  std::string description_;
  int max_parallel_;
  std::mutex mutex_;
  std::condition_variable slot_free_;
  std::vector<bool> busy_;
};

}  // namespace ys::livebench
