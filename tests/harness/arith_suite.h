// The custom suite most harness tests run: n items "What is i+i?" (id "qi", reference "2i",
// exact scorer), optionally with a category "even"/"odd". Fake servers answer it by reading i
// from the prompt (prompt.substr(8)).
#pragma once

#include <string>

#include "tests/harness/temp_dir.h"

namespace ys::test {

inline std::string arith_suite_text(int n, bool with_category = false) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    text += "{\"id\": \"q" + std::to_string(i) + "\", \"prompt\": \"What is " + std::to_string(i) +
            "+" + std::to_string(i) + "?\", \"reference\": \"" + std::to_string(2 * i) +
            "\", \"scorer\": \"exact\"";
    if (with_category) text += std::string(", \"category\": \"") + (i % 2 ? "odd" : "even") + "\"";
    text += "}\n";
  }
  return text;
}

// Writes it to `name` in dir and returns the path.
inline std::string write_arith_suite(const TempDir& dir, int n, bool with_category = false,
                                     const std::string& name = "suite.jsonl") {
  return dir.write(name, arith_suite_text(n, with_category));
}

}  // namespace ys::test
