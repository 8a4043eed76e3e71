// Helpers for the MMLU-Pro suite tests: sample paths and throw-away files in a private folder.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

namespace ys::testing {

using ys::test::source_path;

inline std::string sample_test() {
  return source_path("datasets/samples/mmlu_pro/test.jsonl");
}
inline std::string sample_validation() {
  return source_path("datasets/samples/mmlu_pro/validation.jsonl");
}

using TempDir = ys::test::TempDir;  // a fresh folder per test, removed afterwards

// One valid record as a JSON line, with fields easy to override by text replacement.
inline std::string record_line(int id, const std::string& answer = "B", int answer_index = 1,
                               const std::string& options = R"(["w", "x", "y", "z"])") {
  return R"({"question_id": )" + std::to_string(id) + R"(, "question": "q)" + std::to_string(id) +
         R"(", "options": )" + options + R"(, "answer": ")" + answer + R"(", "answer_index": )" +
         std::to_string(answer_index) + R"(, "cot_content": "", "category": "math", "src": "t"})";
}

}  // namespace ys::testing
