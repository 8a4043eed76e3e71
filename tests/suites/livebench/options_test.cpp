#include "suites/livebench/options.h"

#include <catch2/catch.hpp>

TEST_CASE("livebench options: release, names as lists or commas, max_tokens as text") {
  auto o = ys::livebench::parse_livebench_options(ys::Json{{"release", "2024-11-25"},
                                                           {"categories", "math, reasoning"},
                                                           {"tasks", ys::Json::array({"cta"})},
                                                           {"max_tokens", "100"}});
  REQUIRE(o.ok());
  CHECK(o->release == "2024-11-25");
  CHECK(o->categories == std::vector<std::string>{"math", "reasoning"});
  CHECK(o->tasks == std::vector<std::string>{"cta"});
  CHECK(o->max_tokens == 100);
  auto d = ys::livebench::parse_livebench_options(ys::Json::object());
  REQUIRE(d.ok());
  CHECK(d->max_tokens == 4096);  // gen_api_answer.py's --max-tokens default
  CHECK(d->release.empty());
}

TEST_CASE("bad livebench options name the option") {
  auto bad = [](const ys::Json& j, const std::string& what) {
    auto o = ys::livebench::parse_livebench_options(j);
    REQUIRE_FALSE(o.ok());
    INFO(o.error().message);
    CHECK(o.error().message.find(what) != std::string::npos);
  };
  bad({{"release", "latest"}}, "'release'");
  bad({{"max_tokens", 0}}, "'max_tokens'");
  bad({{"max_tokens", "many"}}, "'max_tokens'");
  bad({{"relase", "2024-11-25"}}, "unknown option");
  bad({{"tasks", 3}}, "'tasks'");
}

TEST_CASE("KEY=VALUE pairs become options; numbers stay numbers, dates stay text") {
  auto j = ys::livebench::livebench_options_from_pairs(
      {"release=2024-11-25", "max_tokens=50", "categories=math,reasoning"});
  REQUIRE(j.ok());
  CHECK((*j)["release"] == "2024-11-25");
  CHECK((*j)["max_tokens"] == 50);
  CHECK((*j)["categories"] == "math,reasoning");
  CHECK_FALSE(ys::livebench::livebench_options_from_pairs({"release"}).ok());
}
