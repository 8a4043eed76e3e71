// Runs the yardstick binary built next to the tests ($YS_BUILD_DIR/harness/yardstick) as a child
// process, capturing stdout and stderr together, for end-to-end CLI tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/harness/temp_dir.h"

namespace ys::test {

inline std::string yardstick_binary() {
  const char* d = std::getenv("YS_BUILD_DIR");
  return std::string(d ? d : ".") + "/harness/yardstick";
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout + stderr
};

// Starts yardstick with `args` (and extra NAME=VALUE environment entries); output goes to `log`.
inline pid_t spawn_cli(const std::vector<std::string>& args, const std::string& log,
                       const std::vector<std::string>& env = {}) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    (void)f;
    dup2(fileno(stdout), fileno(stderr));
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::string bin = yardstick_binary();
    std::vector<char*> argv{bin.data()};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

inline CliResult run_cli(const TempDir& dir, const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {}) {
  std::string log = dir.file("cli.log");
  pid_t pid = spawn_cli(args, log, env);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(log)};
}

}  // namespace ys::test
