// The Python program that runs one LiveCodeBench-style question's tests inside the sandbox
// (python3 -I -c <script>, the question on stdin as JSON). It follows LiveBench's
// lcb_runner/evaluation/testing_util.py run_test: the same import prelude, the stdin-program
// wrapping into `def code()`, call-based vs stdin tests, the per-test alarm, the same disabled
// functions (its ReliabilityGuard) and the same output comparisons; it stops at the first failed
// test. docs/suites/livebench.md lists the rules.
//
// stdin:  {"code": str, "inputs": [str], "outputs": [str], "fn_name": str|null, "timeout_s": int}
// stdout: one line, {"results": [true | false | -1 | -2 ...], "error": str} after the marker
//         line "#YS-LCB-RESULT#" (the program's own prints go elsewhere).
#pragma once

namespace ys::livebench {

extern const char* const kLcbRunnerScript;
extern const char* const kLcbResultMarker;

}  // namespace ys::livebench
