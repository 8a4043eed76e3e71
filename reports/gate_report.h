// What `yardstick gate` decided, check by check, and its JUnit XML form: one <testsuite
// name="yardstick gate"> with one <testcase> per check (a run against --min-score, or a suite / the
// pooled "overall" row of a baseline comparison), name = "<model> on <suite>" or
// "<candidate> vs <baseline> on <suite>", classname = "gate.<kind>"; a failed check carries
// <failure type="<rule>" message="...">. All text is XML-escaped. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

namespace ys {

struct GateCheck {
  std::string kind;  // "min-score" or "baseline"
  std::string name;
  bool passed = true;
  std::string rule;     // the rule that decided, e.g. "significant-drop", "no-significant-change"
  std::string message;  // one line, what the gate printed for this check
};

std::string render_gate_junit(const std::vector<GateCheck>& checks);

}  // namespace ys
