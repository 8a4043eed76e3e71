// The one way tests find the source tree and the shared fixtures, and what they do when a
// fixture is missing.
//
// source_dir(): $YS_SOURCE_DIR (ys_add_test sets it to the source tree), else ".".
// fixtures_dir(): $YS_FIXTURES_DIR when set (to point the tests at another copy, or at nothing to
// see what a missing fixture does), else source_dir()/../shared/fixtures.
//
// have_fixture(path): true when the file or folder exists. When it does not, the calling test
// FAILS when the environment variable CI is set and not empty (.ci/run sets CI=true: in CI the
// fixtures are part of the check), and otherwise logs one line "SKIPPED: <path> is absent ..."
// and returns false, so the caller returns early. Catch2 only: call it from a test case.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace ys::test {

inline std::string source_dir() {
  const char* src = std::getenv("YS_SOURCE_DIR");
  return src != nullptr && *src != '\0' ? src : ".";
}

inline std::string source_path(const std::string& rel) {
  return source_dir() + "/" + rel;
}

inline std::string fixtures_dir() {
  const char* dir = std::getenv("YS_FIXTURES_DIR");
  if (dir != nullptr && *dir != '\0') return dir;
  return source_dir() + "/../shared/fixtures";
}

// fixtures_dir() + "/" + rel, e.g. fixture_path("models/tiny-qwen2-f32.gguf").
inline std::string fixture_path(const std::string& rel) {
  return fixtures_dir() + "/" + rel;
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0';
}

inline bool have_fixture(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return true;
  if (running_in_ci()) FAIL(path << " is absent, and CI is set: a missing fixture fails the test");
  WARN("SKIPPED: " << path << " is absent (with CI set this fails)");
  return false;
}

}  // namespace ys::test
