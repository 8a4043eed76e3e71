#include "harness/config/config.h"

#include <catch2/catch.hpp>

using namespace ys;

TEST_CASE("a full config file gives models, suites and settings") {
  auto cfg = parse_config(R"(
db: results.db
models:
  - name: gpt4o
    backend: openai
    model: gpt-4o-mini
    params: {temperature: 0}
  - local=openai-compat:http://127.0.0.1:8080/v1#qwen
suites:
  - custom:datasets/samples/custom/sample.jsonl
  - kind: mmlu-pro
    path: test.jsonl
    k: 5
settings:
  concurrency: 32
  max_tokens: 512
  seed: 7
  stop: ["###"]
  fail_under: 0.5
)",
                          "lb.yaml");
  REQUIRE(cfg.ok());
  REQUIRE(cfg->models.size() == 2);
  CHECK(cfg->models[0].name == "gpt4o");
  CHECK(cfg->models[0].kind == "openai");
  CHECK(cfg->models[0].target == "gpt-4o-mini");
  CHECK(cfg->models[0].params.temperature == 0.0);
  CHECK(cfg->models[1].name == "local");
  CHECK(cfg->models[1].target == "http://127.0.0.1:8080/v1#qwen");
  REQUIRE(cfg->suites.size() == 2);
  CHECK(cfg->suites[1].kind == "mmlu-pro");
  CHECK(cfg->suites[1].options["k"] == 5);
  CHECK(cfg->concurrency == 32);
  CHECK(cfg->params.max_tokens == 512);
  CHECK(cfg->params.seed == 7);
  CHECK(cfg->params.stop == std::vector<std::string>{"###"});
  CHECK(cfg->fail_under == 0.5);
  CHECK(cfg->db == "results.db");
}

TEST_CASE("config errors name the file, the line and the field") {
  SECTION("a model without backend") {
    auto cfg = parse_config("models:\n  - name: a\n    model: x\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("lb.yaml:2") != std::string::npos);
    CHECK(cfg.error().message.find("models[0]") != std::string::npos);
    CHECK(cfg.error().message.find("backend") != std::string::npos);
  }
  SECTION("an unknown setting") {
    auto cfg = parse_config("settings:\n  concurency: 3\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("lb.yaml:2: settings.concurency: unknown setting") !=
          std::string::npos);
  }
  SECTION("a setting of the wrong type") {
    auto cfg = parse_config("settings:\n  concurrency: lots\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("settings.concurrency: must be a number") != std::string::npos);
  }
  SECTION("broken YAML") {
    auto cfg = parse_config("models: [a, b\nsuites: x\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("lb.yaml:") == 0);
    CHECK(cfg.error().message.find("invalid YAML") != std::string::npos);
  }
  SECTION("a bad model string") {
    auto cfg = parse_config("models:\n  - justaname\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("missing backend kind") != std::string::npos);
  }
  SECTION("an unknown top-level key") {
    auto cfg = parse_config("modles: []\n", "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find("modles: unknown key") != std::string::npos);
  }
}

TEST_CASE("a missing config file is a clear error") {
  auto cfg = load_config("/nonexistent/lb.yaml");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().message.find("/nonexistent/lb.yaml") != std::string::npos);
}
