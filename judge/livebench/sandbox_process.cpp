#include "judge/livebench/sandbox_process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace ys::livebench {
namespace {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

void set_limit(int resource, rlim_t value) {
  const rlimit r{value, value};
  setrlimit(resource, &r);
}

// In the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ProcessSpec& spec, char* const* argv, char* const* envp,
                             int in_fd, int out_fd, int err_fd) {
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  dup2(in_fd, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0) {
    for (int fd = 3; fd < 4096; ++fd) ::close(fd);
  }
  const SandboxLimits& l = spec.limits;
  set_limit(RLIMIT_CPU, static_cast<rlim_t>(l.cpu_time_s));
  set_limit(RLIMIT_AS, l.memory_bytes);
  set_limit(RLIMIT_FSIZE, l.file_bytes);
  set_limit(RLIMIT_CORE, 0);
  set_limit(RLIMIT_NOFILE, 256);
  if (spec.uid >= 0) {
    const auto id = static_cast<uid_t>(spec.uid);
    if (setgroups(0, nullptr) != 0 || setresgid(id, id, id) != 0 || setresuid(id, id, id) != 0) {
      _exit(126);
    }
  }
  set_limit(RLIMIT_NPROC, static_cast<rlim_t>(l.max_processes));
  if (chdir(spec.cwd.c_str()) != 0) _exit(126);
  execve(argv[0], argv, envp);
  _exit(127);
}

std::vector<char*> c_strings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

struct Streams {
  Fd in, out, err;
};

// Feeds stdin and collects stdout/stderr until both close or a limit is reached.
void pump(pid_t pid, Streams& s, std::string_view input, const SandboxLimits& limits,
          SandboxResult& r, Clock::time_point deadline) {
  size_t written = 0;
  if (input.empty()) s.in.reset();
  bool killed = false;
  auto kill_group = [&] {
    if (!killed) kill(-pid, SIGKILL);
    killed = true;
  };
  while (s.out.fd >= 0 || s.err.fd >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 && !killed) {
      r.timed_out = true;
      kill_group();
    }
    pollfd fds[3] = {{s.out.fd, POLLIN, 0}, {s.err.fd, POLLIN, 0}, {s.in.fd, POLLOUT, 0}};
    const int wait_ms = killed ? 100 : static_cast<int>(std::max<long>(1, left.count()));
    if (poll(fds, 3, wait_ms) < 0 && errno != EINTR) break;
    if (s.in.fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = send(s.in.fd, input.data() + written, input.size() - written,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR) s.in.reset();
      if (written == input.size()) s.in.reset();
    }
    for (int i = 0; i < 2; ++i) {
      Fd& fd = i == 0 ? s.out : s.err;
      if (fd.fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      const ssize_t n = read(fd.fd, buf, sizeof buf);
      if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) fd.reset();
        continue;
      }
      std::string& text = i == 0 ? r.stdout_text : r.stderr_text;
      const size_t room =
          limits.output_bytes -
          std::min(limits.output_bytes, r.stdout_text.size() + r.stderr_text.size());
      text.append(buf, std::min(room, static_cast<size_t>(n)));
      if (static_cast<size_t>(n) > room) {
        r.output_truncated = true;
        kill_group();
      }
    }
  }
}

void reap(pid_t pid, SandboxResult& r, Clock::time_point deadline) {
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  kill(-pid, SIGKILL);  // anything of the group that outlived its leader
}

}  // namespace

Expected<SandboxResult> run_limited_process(const ProcessSpec& spec, std::string_view stdin_data) {
  int in_pair[2], out_pipe[2], err_pipe[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) {
    return Error{std::string("sandbox: socketpair failed: ") + std::strerror(errno)};
  }
  Streams s;
  Fd child_in(in_pair[1]);
  s.in.fd = in_pair[0];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    return Error{std::string("sandbox: pipe failed: ") + std::strerror(errno)};
  }
  s.out.fd = out_pipe[0];
  s.err.fd = err_pipe[0];
  Fd child_out(out_pipe[1]), child_err(err_pipe[1]);
  shutdown(s.in.fd, SHUT_RD);
  const auto argv = c_strings(spec.argv);
  const auto envp = c_strings(spec.env);
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) return Error{std::string("sandbox: fork failed: ") + std::strerror(errno)};
  if (pid == 0) exec_child(spec, argv.data(), envp.data(), child_in.fd, child_out.fd, child_err.fd);
  setpgid(pid, pid);  // also in the parent, so that kill(-pid) works from the first moment
  child_in.reset();
  child_out.reset();
  child_err.reset();
  SandboxResult r;
  const auto deadline =
      start + std::chrono::milliseconds(static_cast<long>(spec.limits.wall_time_s * 1000));
  pump(pid, s, stdin_data, spec.limits, r, deadline);
  reap(pid, r, deadline + std::chrono::seconds(2));
  r.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

}  // namespace ys::livebench
