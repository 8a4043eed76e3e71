#include "harness/core/json_parse.h"

#include <catch2/catch.hpp>
#include <string>

using namespace ys;

namespace {

std::string nested_arrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("100,000 nested arrays are refused with the line and column of the level too deep") {
  JsonErrorPosition at;
  auto j = parse_json(nested_arrays(100000), &at);
  REQUIRE_FALSE(j.ok());
  CHECK(j.error().message == "nested deeper than 256 levels at line 1, column 257");
  CHECK(at.byte == 256);
  CHECK(at.line == 1);
}

TEST_CASE("nesting up to the limit parses, one level more does not") {
  auto at_limit = parse_json(nested_arrays(kMaxJsonDepth));
  REQUIRE(at_limit.ok());
  CHECK(at_limit->is_array());
  CHECK_FALSE(parse_json(nested_arrays(kMaxJsonDepth + 1)).ok());
  CHECK(parse_json(nested_arrays(10), nullptr, 10).ok());
  CHECK_FALSE(parse_json(nested_arrays(11), nullptr, 10).ok());
}

TEST_CASE("objects count as levels as arrays do") {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "{\"a\":";
  deep += "1" + std::string(300, '}');
  auto j = parse_json(deep);
  REQUIRE_FALSE(j.ok());
  CHECK_THAT(j.error().message, Catch::StartsWith("nested deeper than 256 levels"));
}

TEST_CASE("brackets inside strings, escaped quotes included, are not levels") {
  std::string text = "{\"s\": \"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') +
                     "\", \"t\": [1, \"\\\\\", [2]]}";
  auto j = parse_json(text);
  REQUIRE(j.ok());
  CHECK((*j)["s"].get<std::string>().size() == 2001);
  CHECK((*j)["t"][2][0] == 2);
}

TEST_CASE("the depth scan reports the first byte past the limit on its own line") {
  std::string text = "[\n [\n  [\n   []]]]";
  auto at = find_json_too_deep(text, 3);
  REQUIRE(at.has_value());
  CHECK(at->line == 4);
  CHECK(at->column == 4);
  CHECK(text[at->byte] == '[');
  CHECK_FALSE(find_json_too_deep(text, 4).has_value());
}

TEST_CASE("syntax errors name the line and column without nlohmann's prefix") {
  JsonErrorPosition at;
  auto j = parse_json("{\"a\": 1,\n \"b\": tru}", &at);
  REQUIRE_FALSE(j.ok());
  CHECK(at.line == 2);
  CHECK(j.error().message.find("[json.exception") == std::string::npos);
  // "tru" becomes invalid at the '}' that follows it: column 10 of " \"b\": tru}".
  CHECK_THAT(j.error().message, Catch::EndsWith("at line 2, column 10"));
}

TEST_CASE("invalid UTF-8, trailing text and empty input are errors, not exceptions") {
  CHECK_FALSE(parse_json("\"\xff\"").ok());
  CHECK_FALSE(parse_json("[1] [2]").ok());
  CHECK_FALSE(parse_json("").ok());
  CHECK_FALSE(parse_json("   ").ok());
  CHECK(parse_json(" 3 ").ok());
}
