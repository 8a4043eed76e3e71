// Internal to the sandbox: starts one child process with rlimits, an optional uid to drop to, a
// process group of its own, and feeds/collects its standard streams under a wall-clock limit and
// an output cap, killing the whole group when a limit is reached.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "judge/livebench/sandbox.h"

namespace ys::livebench {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is the executable's absolute path
  std::vector<std::string> env;   // "NAME=value", the child's whole environment
  SandboxLimits limits;
  long uid = -1;  // >= 0: setgroups/setresgid/setresuid to it before exec (needs root)
  std::string cwd = "/";
};

Expected<SandboxResult> run_limited_process(const ProcessSpec& spec, std::string_view stdin_data);

}  // namespace ys::livebench
