// Paths for the Arena-Hard tests: sample data in the source tree and scratch files.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/support/paths.h"

namespace ys::arena_test {

using ys::test::source_dir;

inline std::string sample(const std::string& rel) {
  return source_dir() + "/datasets/samples/arena_hard/" + rel;
}

// Writes `text` to a scratch file named `name` in the working directory and returns the path.
inline std::string scratch(const std::string& name, const std::string& text) {
  std::string path = "arena_test_" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

}  // namespace ys::arena_test
