#include "suites/custom/custom_suite.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/harness/temp_dir.h"
#include "tests/support/case_file.h"

using namespace ys;

namespace {
Expected<std::unique_ptr<Suite>> load(const test::TempDir& dir, const std::string& text) {
  return make_custom_suite({"custom", dir.write("s.jsonl", text), Json::object()});
}

std::string error_of(const test::TempDir& dir, const std::string& text) {
  auto suite = load(dir, text);
  REQUIRE_FALSE(suite.ok());
  return suite.error().message;
}
}  // namespace

TEST_CASE("scorer cases from the data file all hold") {
  test::TempDir dir;
  const int n = test::for_each_case(
      "tests/suites/custom/scorer_cases.jsonl", [&](const Json& c, const std::string&) {
        Json item = {{"id", "x"},
                     {"prompt", "q"},
                     {"reference", c.at("reference")},
                     {"scorer", c.at("scorer")}};
        if (c.contains("n_options")) {
          Json choices = Json::array();
          for (int i = 0; i < c.at("n_options").get<int>(); ++i) choices.push_back("option");
          item["choices"] = choices;
        }
        auto suite = load(dir, item.dump() + "\n");
        REQUIRE(suite.ok());
        auto items = (*suite)->plan(PlanContext{});
        REQUIRE(items.ok());
        Response r;
        r.text = c.at("response");
        Score s = (*suite)->score(items->at(0), r);
        CHECK(s.value == c.at("expected").get<double>());
        if (c.contains("status")) CHECK(to_string(s.status) == c.at("status").get<std::string>());
      });
  CHECK(n >= 25);
}

TEST_CASE("choice items list their options after the prompt") {
  test::TempDir dir;
  auto suite = load(
      dir,
      R"({"id": "a", "prompt": "Pick", "choices": ["x", "y"], "reference": "B", "scorer": "choice"})"
      "\n");
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  const std::string& text = items->at(0).request.messages.back().content;
  CHECK(text.find("Pick\n\nA. x\nB. y\n") == 0);
}

TEST_CASE("system prompts, messages and params are carried into the request") {
  test::TempDir dir;
  auto suite = load(
      dir,
      R"({"id": 1, "system": "Be brief.", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, {"role": "user", "content": "2+2?"}], "reference": "4", "scorer": "exact", "params": {"temperature": 0, "max_tokens": 5}})"
      "\n");
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  const Request& r = items->at(0).request;
  REQUIRE(r.messages.size() == 4);
  CHECK(r.messages[0].role == "system");
  CHECK(r.messages[3].content == "2+2?");
  CHECK(r.params.max_tokens == 5);
  CHECK(items->at(0).id == "1");
}

TEST_CASE("bad suite lines are rejected naming file, line and field") {
  test::TempDir dir;
  const std::string ok = R"({"id": "a", "prompt": "p", "reference": "r", "scorer": "exact"})";
  CHECK(error_of(dir, ok + "\n{not json\n").find("s.jsonl:2: not valid JSON") != std::string::npos);
  CHECK(error_of(dir, R"({"prompt": "p", "reference": "r", "scorer": "exact"})")
            .find("s.jsonl:1: field 'id': missing") != std::string::npos);
  CHECK(error_of(dir, R"({"id": "a", "prompt": "p", "reference": "r", "scorer": "fuzzy"})")
            .find("field 'scorer': unknown scorer 'fuzzy'") != std::string::npos);
  CHECK(error_of(dir, R"({"id": "a", "prompt": "p", "scorer": "exact"})")
            .find("field 'reference': missing") != std::string::npos);
  CHECK(
      error_of(dir, R"({"id": "a", "reference": "r", "scorer": "exact"})").find("field 'prompt'") !=
      std::string::npos);
  CHECK(error_of(dir, R"({"id": "a", "prompt": "p", "reference": "([", "scorer": "regex"})")
            .find("invalid regex") != std::string::npos);
  CHECK(
      error_of(
          dir,
          R"({"id": "a", "prompt": "p", "choices": ["x", "y"], "reference": "C", "scorer": "choice"})")
          .find("beyond the 2 choices") != std::string::npos);
  CHECK(error_of(dir, ok + "\n" + ok + "\n").find("s.jsonl:2: field 'id': duplicate id 'a'") !=
        std::string::npos);
  CHECK(
      error_of(dir, R"({"id": "a", "prompt": "p", "reference": "r", "scorer": "exact", "temp": 1})")
          .find("field 'temp': unknown field") != std::string::npos);
  CHECK(
      error_of(
          dir,
          R"({"id": "a", "prompt": "p", "reference": "r", "scorer": "exact", "params": {"temperature": "hot"}})")
          .find("field 'params'") != std::string::npos);
  CHECK(error_of(dir, "\n\n").find("no items") != std::string::npos);
}

TEST_CASE("the bundled sample suite loads and has 20 to 50 items") {
  auto suite = make_custom_suite(
      {"custom", test::source_path("datasets/samples/custom/sample.jsonl"), Json::object()});
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  REQUIRE(items.ok());
  CHECK(items->size() >= 20);
  CHECK(items->size() <= 50);
  CHECK((*suite)->info().name == "custom:sample");
  CHECK((*suite)->info().dataset_fingerprint.size() == 64);
}

TEST_CASE("hostile model output never breaks a scorer") {
  test::TempDir dir;
  std::string text;
  for (const char* scorer : {"exact", "contains", "regex", "choice"}) {
    text += std::string("{\"id\": \"") + scorer + "\", \"prompt\": \"p\", \"reference\": \"" +
            (std::string(scorer) == "regex" ? "^\\\\s*(a+)b$" : "A") + "\", \"scorer\": \"" +
            scorer + "\"}\n";
  }
  auto suite = load(dir, text);
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  Response r;
  r.text = std::string(200000, 'a') + "\xff\xfe<think>" + std::string(1000, '\0');
  for (const auto& item : *items) {
    Score s = (*suite)->score(item, r);
    CHECK(s.value >= 0.0);
  }
}

TEST_CASE("a line whose meta nests 100,000 arrays is an error naming the line, not a crash") {
  test::TempDir dir;
  const std::string ok = R"({"id": "a", "prompt": "p", "reference": "r", "scorer": "exact"})";
  const std::string deep = R"({"id": "b", "prompt": "p", "reference": "r", "scorer": "exact", )"
                           R"("meta": )" +
                           std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK(error_of(dir, ok + "\n" + deep + "\n") ==
        dir.file("s.jsonl") +
            ":2: not valid JSON (nested deeper than 256 levels at line 1, "
            "column 328)");
}
