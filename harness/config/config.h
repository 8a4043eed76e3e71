// The run configuration: models, suites and settings, from a YAML file (`yardstick run -c FILE`)
// and/or command-line flags (flags win). Format: docs/config.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/model_spec.h"
#include "harness/core/suite.h"

namespace ys {

// A model's price in dollars per million tokens: prompt (input) and completion (output).
struct TokenPrice {
  double input_usd_per_mtok = 0, output_usd_per_mtok = 0;
};

struct RunConfig {
  std::vector<ModelSpec> models;
  std::vector<SuiteSpec> suites;
  std::optional<std::string> db;
  int concurrency = 8;
  double requests_per_minute = 0;
  double tokens_per_minute = 0;
  int max_attempts = 5;
  std::optional<int> timeout_ms;
  GenParams params;
  bool retry_errors = true;
  std::optional<double> fail_under;
  double max_retry_wait_s = 300;  // a longer Retry-After fails the request (retry_wait_too_long)
  // `prices`: by model display name; read by `report` for cost columns (docs/reports.md).
  std::map<std::string, TokenPrice> prices;
  // The file as JSON, stored with each run as provenance. Header values are not kept (they may be
  // credentials): each model's `headers` mapping becomes the list of its header names.
  Json raw = Json::object();
};

// Reads and validates a YAML config. Errors name FILE:LINE and the field path, e.g.
// "lb.yaml:7: models[1].backend: missing".
Expected<RunConfig> load_config(const std::string& path);

// Same, from YAML text (`name` stands for the file in messages).
Expected<RunConfig> parse_config(const std::string& yaml_text, const std::string& name);

}  // namespace ys
