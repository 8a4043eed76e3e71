#include "harness/core/suite.h"

namespace ys {

Expected<SuiteSpec> parse_suite_spec(const std::string& text) {
  auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return Error{"bad suite spec '" + text +
                 "': expected KIND:TARGET, e.g. custom:datasets/samples/custom/sample.jsonl"};
  return SuiteSpec{text.substr(0, colon), text.substr(colon + 1), Json::object()};
}

}  // namespace ys
