// The sandbox contains hostile programs: loops, fork bombs, disk filling, sockets, reading the
// user's files, output floods, memory hogs. Each runs under small limits so the test stays short.
#include "judge/livebench/sandbox.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/judge/livebench/sandbox_fixture.h"
#include "tests/support/paths.h"

namespace lb = ys::livebench;

namespace {

lb::SandboxLimits small_limits() {
  lb::SandboxLimits l;
  l.wall_time_s = 4;
  l.cpu_time_s = 4;
  l.memory_bytes = size_t{512} << 20;
  l.max_processes = 16;
  l.file_bytes = size_t{2} << 20;
  l.tmp_bytes = size_t{8} << 20;
  l.output_bytes = 64 << 10;
  return l;
}

std::string source_dir() {
  return std::filesystem::absolute(ys::test::source_dir()).lexically_normal().string();
}

// Processes on this machine whose command line holds `marker`.
int processes_with(const std::string& marker) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(e.path() / "cmdline");
    std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmd.find(marker) != std::string::npos) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("a sandboxed program runs, gets its stdin and reports its exit code") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  CHECK(sandbox->contained());
  const auto r = sandbox->run_python("import sys\nprint(sys.stdin.read().upper())\nsys.exit(3)",
                                     "hello", small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "HELLO\n");
  CHECK(r->exit_code == 3);
  CHECK_FALSE(r->timed_out);
}

TEST_CASE("an endless loop is killed at the wall-clock limit") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  auto limits = small_limits();
  limits.wall_time_s = 1.5;
  const auto r = sandbox->run_python(
      "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass", "",
      limits);
  REQUIRE(r.ok());
  CHECK(r->timed_out);
  CHECK(r->signal == SIGKILL);
  CHECK(r->wall_s < 6.0);
}

TEST_CASE("a fork bomb hits the process limit and leaves nothing behind") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  auto limits = small_limits();
  const std::string marker = "ys-fork-bomb-" + std::to_string(getpid());
  const auto r = sandbox->run_python(
      "# " + marker +
          "\nimport os, time\nfailed = 0\nfor _ in range(200):\n    try:\n        os.fork()\n"
          "    except OSError:\n        failed += 1\nprint('refused', failed > 0, flush=True)\n"
          "time.sleep(30)",
      "", limits);
  REQUIRE(r.ok());
  CHECK(r->timed_out);
  CHECK(r->stdout_text.find("refused True") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(processes_with(marker) == 0);
}

TEST_CASE("filling the disk stops at the private /tmp's size and leaves the host's /tmp alone") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const std::string name = "ys-disk-fill-" + std::to_string(getpid());
  const auto r = sandbox->run_python(
      "import os\ntotal = 0\nchunk = b'x' * 65536\ntry:\n    for i in range(1000):\n"
      "        with open('/tmp/" +
          name +
          "-%d' % i, 'wb') as f:\n"
          "            for _ in range(16):\n                f.write(chunk)\n                total "
          "+= len(chunk)\n"
          "except OSError as e:\n    print('stopped', e.errno)\nprint('total', total)",
      "", small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text.find("stopped") != std::string::npos);
  const auto at = r->stdout_text.find("total ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoll(r->stdout_text.substr(at + 6)) <= 8LL << 20);
  CHECK_FALSE(std::filesystem::exists("/tmp/" + name + "-0"));
}

TEST_CASE("a single file larger than the file-size limit cannot be written") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const auto r = sandbox->run_python(
      "import signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\ntry:\n"
      "    open('/tmp/big', 'wb').write(b'x' * (3 << 20))\n    print('wrote')\n"
      "except OSError as e:\n    print('refused', e.errno)",
      "", small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text.find("refused") != std::string::npos);
}

TEST_CASE("a socket cannot reach a server listening on the host's loopback") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const int server = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(server >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(server, 4) == 0);
  socklen_t len = sizeof addr;
  getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string port = std::to_string(ntohs(addr.sin_port));
  const auto r = sandbox->run_python(
      "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + port +
          "), timeout=1)\n    print('connected')\nexcept OSError as e:\n    print('blocked')",
      "", small_limits());
  close(server);
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "blocked\n");
}

TEST_CASE("the user's files are invisible and the system is read-only") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const std::string secret = source_dir() + "/CMakeLists.txt";
  REQUIRE(std::filesystem::exists(secret));  // the host has it: the check below can fail
  const auto r = sandbox->run_python(
      "import os, sys\npath = sys.stdin.read()\nprint('visible' if os.path.exists(path) else "
      "'hidden')\nprint(sorted(os.listdir('/')))\ntry:\n    open('/usr/ys-test', 'w')\n"
      "    print('wrote /usr')\nexcept OSError:\n    print('read-only')",
      secret, small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text.rfind("hidden\n", 0) == 0);
  CHECK(r->stdout_text.find("'home'") == std::string::npos);
  CHECK(r->stdout_text.find("'root'") == std::string::npos);
  CHECK(r->stdout_text.find("read-only") != std::string::npos);
}

TEST_CASE("an output flood is cut at the output limit and killed") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  auto limits = small_limits();
  limits.wall_time_s = 20;  // the cap, not the clock, must stop it
  const auto r = sandbox->run_python("while True:\n    print('x' * 1000)", "", limits);
  REQUIRE(r.ok());
  CHECK(r->output_truncated);
  CHECK_FALSE(r->timed_out);
  CHECK(r->stdout_text.size() + r->stderr_text.size() <= 64u << 10);
}

TEST_CASE("memory beyond the address-space limit is refused") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const auto r = sandbox->run_python(
      "try:\n    x = bytearray(1 << 30)\n    print('allocated')\nexcept MemoryError:\n"
      "    print('refused')",
      "", small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "refused\n");
}

TEST_CASE("runs go in parallel up to max_parallel") {
  auto sandbox = lb::testing::sandbox_or_warn(4);
  if (!sandbox) return;
  CHECK(sandbox->max_parallel() == 4);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(
        [&] { (void)sandbox->run_python("import time\ntime.sleep(1.5)", "", small_limits()); });
  }
  for (auto& t : threads) t.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(s < 5.0);  // one at a time would take at least 6 s
}

TEST_CASE("without bubblewrap, code execution is refused unless unsafe is asked for, loudly") {
  lb::SandboxOptions options;
  options.bwrap = "/nonexistent/bwrap";
  const auto refused = lb::CodeSandbox::create(options);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("refused") != std::string::npos);
  CHECK(refused.error().message.find("bubblewrap") != std::string::npos);
  options.allow_unsafe = true;
  const auto unsafe = lb::CodeSandbox::create(options);
  REQUIRE(unsafe.ok());
  CHECK_FALSE(unsafe.value()->contained());
  CHECK(unsafe.value()->description().find("UNSAFE") != std::string::npos);
  const auto r = unsafe.value()->run_python("print(6 * 7)", "", small_limits());
  REQUIRE(r.ok());
  CHECK(r->stdout_text == "42\n");
}
