#include "reports/gate_report.h"

#include "reports/text_escape.h"

namespace ys {
namespace {

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string testcase(const GateCheck& check) {
  std::string out =
      "    <testcase" + attr("name", check.name) + attr("classname", "gate." + check.kind);
  if (check.passed) {
    return out + ">\n      <system-out>" + xml_escape(check.message) +
           "</system-out>\n    </testcase>\n";
  }
  return out + ">\n      <failure" + attr("type", check.rule) + attr("message", check.message) +
         "/>\n    </testcase>\n";
}

}  // namespace

std::string render_gate_junit(const std::vector<GateCheck>& checks) {
  int failures = 0;
  for (const GateCheck& c : checks) failures += c.passed ? 0 : 1;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" +
                    attr("name", "yardstick gate") + attr("tests", std::to_string(checks.size())) +
                    attr("failures", std::to_string(failures)) + ">\n  <testsuite" +
                    attr("name", "yardstick gate") + attr("tests", std::to_string(checks.size())) +
                    attr("failures", std::to_string(failures)) + attr("errors", "0") + ">\n";
  for (const GateCheck& c : checks) out += testcase(c);
  return out + "  </testsuite>\n</testsuites>\n";
}

}  // namespace ys
