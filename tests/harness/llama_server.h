// A real llama.cpp llama-server for integration tests: started on a free 127.0.0.1 port with a
// GGUF, waited on (GET /health) for at most a bound, and always killed (SIGTERM, then SIGKILL)
// when the object goes away, whatever the test did. The binary is looked up in
// $YS_LLAMA_SERVER, else $YS_SOURCE_DIR/../shared/tools/llama.cpp/bin/llama-server.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/paths.h"

namespace ys::test {

inline std::string llama_server_binary() {
  if (const char* p = std::getenv("YS_LLAMA_SERVER")) return p;
  return source_path("../shared/tools/llama.cpp/bin/llama-server");
}

// A port nobody listens on now (the kernel's pick for an ephemeral bind, released again).
inline int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

// The shared copy of llama.cpp may carry its library symlinks as small text files naming their
// target (a copy that did not keep links). Where so, real links are made in lib_dir, which then
// goes first on LD_LIBRARY_PATH; a copy with working links is left alone.
inline void link_libraries(const std::string& bin_dir, const std::string& lib_dir) {
  std::filesystem::create_directories(lib_dir);
  for (const auto& entry : std::filesystem::directory_iterator(bin_dir)) {
    const auto name = entry.path().filename().string();
    if (name.find(".so") == std::string::npos || entry.is_symlink()) continue;
    if (std::filesystem::file_size(entry.path()) > 256) continue;
    std::ifstream in(entry.path());
    std::string target;
    std::getline(in, target);
    if (target.empty() || !std::filesystem::exists(bin_dir + "/" + target)) continue;
    std::error_code ec;
    std::filesystem::create_symlink(bin_dir + "/" + target, lib_dir + "/" + name, ec);
  }
}

class LlamaServer {
 public:
  // Starts the server; ok() tells whether it answered /health within ready_limit_s.
  LlamaServer(const std::string& model, const std::string& work_dir, int ready_limit_s = 60)
      : log_(work_dir + "/llama-server.log") {
    const std::string bin = llama_server_binary();
    const std::string lib = work_dir + "/llama-lib";
    link_libraries(std::filesystem::path(bin).parent_path().string(), lib);
    port_ = free_port();
    const std::vector<std::string> args = {
        bin,  "-m", model, "--host", "127.0.0.1", "--port", std::to_string(port_),
        "-t", "1",  "-c",  "8192",   "-np",       "2",      "--no-webui"};
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(log_.c_str(), "w", stdout);
      (void)f;
      dup2(fileno(stdout), fileno(stderr));
      const char* old = std::getenv("LD_LIBRARY_PATH");
      setenv("LD_LIBRARY_PATH", (lib + (old ? ":" + std::string(old) : "")).c_str(), 1);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    ready_ = wait_ready(ready_limit_s);
  }
  ~LlamaServer() { stop(); }
  LlamaServer(const LlamaServer&) = delete;
  LlamaServer& operator=(const LlamaServer&) = delete;

  bool ok() const { return ready_; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::string log() const {
    std::ifstream in(log_);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
  }

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 40 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (waitpid(pid_, nullptr, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }

 private:
  bool wait_ready(int limit_s) {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limit_s);
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {  // it exited: no server to wait for
        pid_ = -1;
        return false;
      }
      auto res = client.Get("/health");
      if (res && res->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }

  std::string log_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

}  // namespace ys::test
