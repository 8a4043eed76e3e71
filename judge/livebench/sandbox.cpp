#include "judge/livebench/sandbox.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "judge/livebench/sandbox_process.h"

namespace ys::livebench {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> child_env() {
  return {"PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "PYTHONIOENCODING=utf-8",
          "PYTHONDONTWRITEBYTECODE=1"};
}

// The top-level links of a merged-/usr system (/bin -> usr/bin) are recreated as links; real
// directories are bound read-only.
void add_root_dirs(std::vector<std::string>& args) {
  for (const char* dir : {"/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"}) {
    std::error_code ec;
    if (fs::is_symlink(dir, ec)) {
      args.insert(args.end(), {"--symlink", fs::read_symlink(dir, ec).string(), dir});
    } else if (fs::is_directory(dir, ec)) {
      args.insert(args.end(), {"--ro-bind", dir, dir});
    }
  }
}

std::string probe_failure(const Expected<SandboxResult>& r) {
  if (!r) return r.error().message;
  std::string why = r->stderr_text.empty() ? r->stdout_text : r->stderr_text;
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  return "exit " + std::to_string(r->exit_code) + (why.empty() ? "" : ": " + why);
}

// Threads of all processes owned by `uid`: RLIMIT_NPROC counts them all, so an unprivileged run
// gets its limit on top of what the user already runs.
long tasks_of_user(uid_t uid) {
  long n = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    struct stat st {};
    if (stat(entry.path().c_str(), &st) != 0 || st.st_uid != uid) continue;
    std::error_code task_ec;
    for (auto it = fs::directory_iterator(entry.path() / "task", task_ec);
         !task_ec && it != fs::directory_iterator(); it.increment(task_ec)) {
      ++n;
    }
  }
  return n;
}

}  // namespace

CodeSandbox::CodeSandbox(const SandboxOptions& options, bool contained, std::string description)
    : options_(options), contained_(contained), description_(std::move(description)) {
  max_parallel_ = options.max_parallel > 0
                      ? options.max_parallel
                      : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  max_parallel_ = std::min(max_parallel_, 1024);
  busy_.assign(static_cast<size_t>(max_parallel_), false);
}

Expected<std::unique_ptr<CodeSandbox>> CodeSandbox::create(const SandboxOptions& options) {
  std::string reason;
  if (access(options.python.c_str(), X_OK) != 0) {
    return Error{"python3 not found at " + options.python +
                 " (install the Debian package python3)"};
  }
  if (options.python.rfind("/usr/", 0) != 0) {
    reason = "the python interpreter " + options.python + " is not under /usr";
  } else if (access(options.bwrap.c_str(), X_OK) != 0) {
    reason =
        "bubblewrap not found at " + options.bwrap + " (install the Debian package bubblewrap)";
  } else {
    auto sandbox = std::make_unique<CodeSandbox>(options, true, "bubblewrap sandbox");
    SandboxLimits probe_limits;
    probe_limits.wall_time_s = 20;
    const auto r = sandbox->run_python("print('ok')", "", probe_limits);
    if (r && r->exit_code == 0 && r->stdout_text == "ok\n") {
      sandbox->description_ = "bubblewrap sandbox (" + options.bwrap + ", " + options.python +
                              ", up to " + std::to_string(sandbox->max_parallel_) + " at once)";
      return sandbox;
    }
    reason = "bubblewrap cannot start a sandbox here (" + probe_failure(r) +
             "); it needs unprivileged user namespaces (kernel.unprivileged_userns_clone=1, "
             "user.max_user_namespaces > 0)";
  }
  if (!options.allow_unsafe) return Error{"code execution refused: " + reason};
  return std::make_unique<CodeSandbox>(
      options, false,
      "UNSAFE: model-written code runs WITHOUT a sandbox (rlimits and a wall clock only), "
      "because " +
          reason);
}

std::vector<std::string> CodeSandbox::command(std::string_view script, const SandboxLimits& limits,
                                              unsigned uid) const {
  std::vector<std::string> args;
  if (contained_) {
    args = {options_.bwrap,
            "--unshare-all",
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--uid",
            std::to_string(uid),
            "--gid",
            std::to_string(uid),
            "--ro-bind",
            "/usr",
            "/usr"};
    add_root_dirs(args);
    args.insert(args.end(),
                {"--proc", "/proc", "--dev", "/dev", "--size", std::to_string(limits.tmp_bytes),
                 "--tmpfs", "/tmp", "--chdir", "/tmp", "--"});
  }
  args.insert(args.end(), {options_.python, "-I", "-c", std::string(script)});
  return args;
}

int CodeSandbox::acquire_slot() {
  std::unique_lock lock(mutex_);
  for (;;) {
    for (size_t i = 0; i < busy_.size(); ++i) {
      if (!busy_[i]) {
        busy_[i] = true;
        return static_cast<int>(i);
      }
    }
    slot_free_.wait(lock);
  }
}

void CodeSandbox::release_slot(int slot) {
  {
    std::lock_guard lock(mutex_);
    busy_[static_cast<size_t>(slot)] = false;
  }
  slot_free_.notify_one();
}

Expected<SandboxResult> CodeSandbox::run_python(std::string_view script,
                                                std::string_view stdin_data,
                                                const SandboxLimits& limits) {
  const int slot = acquire_slot();
  // A uid per (process, slot), so that concurrent runs, of this process or of another yardstick
  // process, never share a process count.
  const unsigned own = kFirstSandboxUid + static_cast<unsigned>(getpid() % 1000000) * 1024u +
                       static_cast<unsigned>(slot);
  const unsigned uid = geteuid() == 0 ? own : geteuid();
  ProcessSpec spec;
  spec.argv = command(script, limits, uid);
  spec.env = child_env();
  spec.limits = limits;
  if (geteuid() != 0) spec.limits.max_processes += tasks_of_user(geteuid());
  spec.uid = geteuid() == 0 ? static_cast<long>(uid) : -1;
  spec.cwd = contained_ ? "/" : "/tmp";
  auto result = run_limited_process(spec, stdin_data);
  release_slot(slot);
  return result;
}

}  // namespace ys::livebench
