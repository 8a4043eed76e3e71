// libFuzzer entry point: custom suite files (docs/suite-format.md), one JSON object per line.
// Built by scripts/fuzz-parsers.sh. Any crash, sanitizer report, hang or unbounded memory is a
// bug: a hostile suite file must only ever produce an Error naming its line.
#include <cstddef>
#include <cstdint>

#include "suites/custom/custom_suite.h"
#include "tests/fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ys::fuzz::MemFile file(data, size);
  if (!file.ok()) return 0;
  auto suite = ys::make_custom_suite({"custom", file.path(), ys::Json::object()});
  if (!suite.ok()) return 0;
  (void)(*suite)->info();
  return 0;
}
