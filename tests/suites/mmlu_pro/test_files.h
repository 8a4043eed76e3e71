// Helpers for the MMLU-Pro suite tests: sample paths and throw-away files in a private folder.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace ys::testing {

inline std::string source_path(const std::string& rel) {
  const char* root = std::getenv("YS_SOURCE_DIR");
  return std::string(root ? root : ".") + "/" + rel;
}

inline std::string sample_test() {
  return source_path("datasets/samples/mmlu_pro/test.jsonl");
}
inline std::string sample_validation() {
  return source_path("datasets/samples/mmlu_pro/validation.jsonl");
}

// A fresh empty folder under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("ys-mmlu-pro-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& content) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// One valid record as a JSON line, with fields easy to override by text replacement.
inline std::string record_line(int id, const std::string& answer = "B", int answer_index = 1,
                               const std::string& options = R"(["w", "x", "y", "z"])") {
  return R"({"question_id": )" + std::to_string(id) + R"(, "question": "q)" + std::to_string(id) +
         R"(", "options": )" + options + R"(, "answer": ")" + answer + R"(", "answer_index": )" +
         std::to_string(answer_index) + R"(, "cot_content": "", "category": "math", "src": "t"})";
}

}  // namespace ys::testing
