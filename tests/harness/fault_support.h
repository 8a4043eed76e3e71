// Helpers for the fault-injection tests (label `fault`): a child yardstick with a deadline (a hang
// fails the test instead of holding it), a small tmpfs for disk-full and read-only stores, and
// direct reads of a store's tables.
#pragma once

#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/store/sqlite.h"
#include "tests/harness/cli_runner.h"

namespace ys::test {

// Waits for `pid` up to `limit`; a child still running then is killed and reported as hung.
struct Finished {
  bool hung = false;
  int exit_code = -1;
  double seconds = 0;
  long peak_rss_kb = 0;  // the child's, from wait4
};

inline Finished wait_with_deadline(pid_t pid, std::chrono::milliseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  Finished f;
  for (;;) {
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, WNOHANG, &usage) == pid) {
      f.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      f.peak_rss_kb = usage.ru_maxrss;
      break;
    }
    if (std::chrono::steady_clock::now() - start > limit) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      f.hung = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return f;
}

// Runs yardstick with a deadline; output goes to dir/log.
inline std::pair<Finished, std::string> run_cli_bounded(const TempDir& dir,
                                                        const std::vector<std::string>& args,
                                                        const std::vector<std::string>& env,
                                                        std::chrono::milliseconds limit) {
  const std::string log = dir.file("bounded.log");
  Finished f = wait_with_deadline(spawn_cli(args, log, env), limit);
  return {f, slurp(log)};
}

// A tmpfs of `size_bytes` mounted on dir/name while this lives. Needs root and mount rights
// (CI has them); mounted() is false otherwise and the test reports a skip.
class SmallTmpfs {
 public:
  SmallTmpfs(const TempDir& dir, const std::string& name, size_t size_bytes)
      : path_(dir.file(name)) {
    std::filesystem::create_directories(path_);
    if (geteuid() != 0) return;
    mounted_ = mount("tmpfs", path_.c_str(), "tmpfs", 0, options(size_bytes).c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;

  bool mounted() const { return mounted_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  bool resize(size_t size_bytes) {
    return mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT, options(size_bytes).c_str()) == 0;
  }
  bool set_read_only(bool ro) {
    unsigned long flags = MS_REMOUNT;
    if (ro) flags |= MS_RDONLY;
    return mount("tmpfs", path_.c_str(), "tmpfs", flags, nullptr) == 0;
  }

 private:
  static std::string options(size_t size_bytes) { return "size=" + std::to_string(size_bytes); }
  std::string path_;
  bool mounted_ = false;
};

// One integer from a query on the store file (read with a connection of its own).
inline int64_t query_int(const std::string& db_path, const std::string& sql) {
  auto db = sql::Db::open(db_path);
  if (!db) return -1;
  auto stmt = db->prepare(sql);
  if (!stmt || !stmt->step()) return -1;
  return stmt->integer(0);
}

inline std::string query_text(const std::string& db_path, const std::string& sql) {
  auto db = sql::Db::open(db_path);
  if (!db) return "";
  auto stmt = db->prepare(sql);
  if (!stmt || !stmt->step()) return "";
  return stmt->text(0);
}

// How many times `needle` occurs in `text`.
inline size_t occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace ys::test
