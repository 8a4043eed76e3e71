// The one runner for scorer and extractor case files: JSONL files in the source tree, one case (a
// JSON object) a line, so a regression case is one line of data.
//
// for_each_case(rel, fn) reads source_path(rel) and calls fn(case, where) for every non-blank
// line, inside an INFO scope that names "file:line" and the line's text, so a failed CHECK in fn
// says which case failed. where is "<file name>:<line>". It fails the calling test (REQUIRE) when
// the file cannot be opened or a line is not valid JSON, and returns how many cases ran (callers
// check the count, so a truncated file fails too). read_cases(rel) returns the cases instead.
// Catch2 only: call from a test case.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/paths.h"

namespace ys::test {

inline int for_each_case(
    const std::string& rel,
    const std::function<void(const nlohmann::json& c, const std::string& where)>& fn) {
  const std::string path = source_path(rel);
  std::ifstream in(path, std::ios::binary);
  INFO("case file " << path);
  REQUIRE(in.good());
  const std::string name = std::filesystem::path(rel).filename().string();
  std::string line;
  int line_no = 0, n = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + ":" + std::to_string(line_no);
    INFO(where << ": " << line);
    const auto c = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    REQUIRE_FALSE(c.is_discarded());
    fn(c, where);
    ++n;
  }
  return n;
}

inline std::vector<nlohmann::json> read_cases(const std::string& rel) {
  std::vector<nlohmann::json> out;
  for_each_case(rel, [&](const nlohmann::json& c, const std::string&) { out.push_back(c); });
  return out;
}

}  // namespace ys::test
