#include "harness/config/yaml_limits.h"

#include <catch2/catch.hpp>
#include <string>

#include "harness/config/config.h"

using namespace ys;

namespace {

// The classic "billion laughs": each line lists the previous anchor nine times. Fully expanded,
// line k's node holds 1 + 9 * (line k-1's nodes), starting from 10 (a list of nine scalars):
// 10, 91, 820, 7381, 66430, 597871, ... so the document passes 100,000 nodes on line 6.
const char* kAliasBomb = R"(a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
)";

std::string scalar_aliases(int n) {
  std::string text = "x: &x 1\nl:\n";
  for (int i = 0; i < n; ++i) text += "  - *x\n";
  return text;
}

}  // namespace

TEST_CASE("an alias bomb is refused on the line where its expansion passes the node limit") {
  auto st = check_yaml_limits(kAliasBomb, "bomb.yaml");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::StartsWith("bomb.yaml:6: alias *e expands the document "
                                                   "past 100000 nodes"));
}

TEST_CASE("a config file holding an alias bomb is an error, not gigabytes") {
  auto cfg = parse_config(std::string(kAliasBomb), "lb.yaml");
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error().message, Catch::StartsWith("lb.yaml:6: alias *e"));
}

TEST_CASE("the alias count is bounded even when every alias is small") {
  CHECK(check_yaml_limits(scalar_aliases(100), "a.yaml").ok());
  auto st = check_yaml_limits(scalar_aliases(101), "a.yaml");
  REQUIRE_FALSE(st.ok());
  // Line 1 anchors, line 2 opens the list, aliases start on line 3: the 101st is on line 103.
  CHECK(st.error().message == "a.yaml:103: alias *x: more than 100 aliases");
}

TEST_CASE("an alias inside the node it names is refused as a cycle") {
  auto st = check_yaml_limits("a: &loop [1, *loop]\n", "c.yaml");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("c.yaml:1:"));
}

TEST_CASE("100,000 nested flow lists are refused at the depth limit") {
  std::string deep = "x: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto st = check_yaml_limits(deep, "deep.yaml");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "deep.yaml:1: nested deeper than 256 levels");
  CHECK_FALSE(parse_config(deep, "deep.yaml").ok());
}

TEST_CASE("ordinary anchors and aliases in a config still work") {
  auto cfg = parse_config(R"(
models:
  - &base {name: a, backend: openai-compat, model: "http://127.0.0.1:1/v1#m", timeout_ms: 5}
  - {name: b, backend: openai-compat, model: "http://127.0.0.1:1/v1#n", timeout_ms: 5}
suites: [custom:x.jsonl]
settings: &s {concurrency: 4}
)",
                          "ok.yaml");
  REQUIRE(cfg.ok());
  CHECK(cfg->models.size() == 2);
  CHECK(cfg->concurrency == 4);
  CHECK(check_yaml_limits("a: &a [1, 2]\nb: *a\nc: *a\n", "x.yaml").ok());
}

TEST_CASE("smaller limits apply as given") {
  YamlLimits tight;
  tight.max_nodes = 5;
  CHECK(check_yaml_limits("[1, 2, 3, 4]", "t", tight).ok());  // the list and four scalars
  CHECK_FALSE(check_yaml_limits("[1, 2, 3, 4, 5]", "t", tight).ok());
  tight = YamlLimits{};
  tight.max_depth = 2;
  CHECK(check_yaml_limits("[[1]]", "t", tight).ok());
  CHECK_FALSE(check_yaml_limits("[[[1]]]", "t", tight).ok());
}

TEST_CASE("a syntax error is reported with its line") {
  auto st = check_yaml_limits("a: [1, 2\nb: 3\n", "s.yaml");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::StartsWith("s.yaml:"));
  CHECK_THAT(st.error().message, Catch::Contains("invalid YAML"));
}
