// libFuzzer entry point: run configuration files (YAML, docs/config.md). Built by
// scripts/fuzz-parsers.sh. Any crash, sanitizer report, hang or unbounded memory (an alias bomb)
// is a bug: a hostile config must only ever produce an Error naming its line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto cfg = ys::parse_config(text, "fuzz.yaml");
  if (cfg.ok()) (void)cfg->raw.dump(-1, ' ', false, ys::Json::error_handler_t::replace);
  return 0;
}
