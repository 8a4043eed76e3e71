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

TEST_CASE("a key given twice in one mapping is refused, naming both lines") {
  auto cfg = parse_config("settings:\n  concurrency: 2\n  seed: 1\n  concurrency: 9\n", "lb.yaml");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().message ==
        "lb.yaml:4: settings.concurrency: duplicate key (first given on line 2)");
}

TEST_CASE("non-finite and out-of-range numbers are refused in settings and model params") {
  struct Case {
    const char* yaml;
    const char* says;
  };
  const Case cases[] = {
      {"settings:\n  temperature: nan\n", "temperature"},
      {"settings:\n  temperature: 1e400\n", "temperature"},
      {"settings:\n  temperature: -1\n", "temperature"},
      {"settings:\n  top_p: 0\n", "top_p"},
      {"settings:\n  top_p: 1.5\n", "top_p"},
      {"settings:\n  fail_under: 2\n", "settings.fail_under: must be at most 1"},
      {"settings:\n  fail_under: -0.1\n", "settings.fail_under: must be at least 0"},
      {"settings:\n  concurrency: inf\n", "settings.concurrency: must be a finite number"},
      {"settings:\n  requests_per_minute: nan\n", "must be a finite number"},
      {"settings:\n  max_retry_wait: -5\n", "settings.max_retry_wait: must be at least 0"},
      // Found by config_fuzz: a value past INT_MAX was cast to int (undefined behaviour).
      {"settings:\n  concurrency: 9.2e18\n", "settings.concurrency: must be at most 2.14748e+09"},
      {"settings:\n  max_attempts: 3000000000\n", "settings.max_attempts: must be at most"},
      {"settings:\n  timeout_ms: 1e300\n", "settings.timeout_ms: must be at most"},
      {"models:\n  - name: a\n    backend: replay\n    path: x.jsonl\n    params: {top_p: nan}\n",
       "top_p"},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    auto cfg = parse_config(c.yaml, "lb.yaml");
    REQUIRE_FALSE(cfg.ok());
    CHECK(cfg.error().message.find(c.says) != std::string::npos);
    CHECK(cfg.error().message.find("lb.yaml") == 0);
  }
  auto fine = parse_config("settings:\n  temperature: 0\n  top_p: 1\n  fail_under: 1\n", "lb.yaml");
  CHECK(fine.ok());
}

TEST_CASE("header values are not kept in the config stored as provenance, only their names") {
  auto cfg = parse_config(
      "models:\n  - name: az\n    backend: openai-compat\n    model: http://h/v1#m\n"
      "    headers: {api-key: \"${AZURE_KEY}\", X-Custom-Secret: s3cr3t-value}\n",
      "lb.yaml");
  REQUIRE(cfg.ok());
  CHECK(cfg->raw["models"][0]["headers"] == Json::array({"X-Custom-Secret", "api-key"}));
  CHECK(cfg->raw.dump().find("s3cr3t") == std::string::npos);
  // The backend still gets the values.
  CHECK(cfg->models[0].options["headers"]["X-Custom-Secret"] == "s3cr3t-value");
}

TEST_CASE("max_retry_wait is read in seconds and defaults to five minutes") {
  CHECK(parse_config("settings: {}\n", "lb.yaml")->max_retry_wait_s == 300);
  CHECK(parse_config("settings:\n  max_retry_wait: 30\n", "lb.yaml")->max_retry_wait_s == 30);
}

TEST_CASE("a price table gives dollars per million tokens by model name") {
  auto cfg = parse_config(
      "prices:\n  gpt4o: {input: 0.15, output: 0.6}\n  local: {input: 0, output: 0}\n", "p.yaml");
  REQUIRE(cfg);
  REQUIRE(cfg->prices.size() == 2);
  CHECK(cfg->prices.at("gpt4o").input_usd_per_mtok == 0.15);
  CHECK(cfg->prices.at("gpt4o").output_usd_per_mtok == 0.6);
  CHECK(cfg->prices.at("local").output_usd_per_mtok == 0);
}

TEST_CASE("a bad price entry names its line and field") {
  auto missing = parse_config("prices:\n  m: {input: 1}\n", "p.yaml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message ==
        "p.yaml:2: prices.m: needs both input and output ($ per million tokens)");
  auto negative = parse_config("prices:\n  m:\n    input: -1\n    output: 1\n", "p.yaml");
  REQUIRE_FALSE(negative);
  CHECK(negative.error().message == "p.yaml:3: prices.m.input: must be at least 0");
  auto unknown = parse_config("prices:\n  m: {input: 1, output: 1, cache: 2}\n", "p.yaml");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("prices.m.cache: unknown key") != std::string::npos);
}
