// The gate's JUnit XML: golden file (tests/reports/golden/gate_junit.xml; YS_UPDATE_GOLDEN=1
// rewrites it, review by eye) and escaping of hostile model names.
#include "reports/gate_report.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

std::vector<ys::GateCheck> checks() {
  return {
      {"min-score", "qwen-q4 on mmlu-pro", true, "min-score",
       "score 0.695 (min 0.6), errors 0/1000, answered 1000/1000"},
      {"baseline", "qwen-q4 vs qwen-q8 on mmlu-pro", false, "significant-drop",
       "-5.00 points [95% CI -6.40, -3.60], p=<0.001: significant drop larger than --max-drop "
       "[rule: significant-drop]"},
      {"baseline", "<b>\"evil\"</b> & co vs qwen-q8 on custom:x", true, "no-significant-change",
       "-0.50 points: no significant change [rule: no-significant-change]"},
  };
}

std::string golden_path() {
  const char* env = std::getenv("YS_SOURCE_DIR");
  return std::string(env != nullptr ? env : YS_TEST_SOURCE_DIR) +
         "/tests/reports/golden/gate_junit.xml";
}

}  // namespace

TEST_CASE("the gate's JUnit XML matches its golden file", "[golden]") {
  const std::string actual = ys::render_gate_junit(checks());
  const char* update = std::getenv("YS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden_path(), std::ios::binary) << actual;
    WARN("rewrote " << golden_path());
    return;
  }
  std::ifstream in(golden_path(), std::ios::binary);
  std::ostringstream expected;
  expected << in.rdbuf();
  REQUIRE_FALSE(expected.str().empty());
  CHECK(actual == expected.str());
}

TEST_CASE("the gate's JUnit XML escapes names and counts failures", "[gate]") {
  const std::string xml = ys::render_gate_junit(checks());
  CHECK(xml.find("<b>") == std::string::npos);
  CHECK(xml.find("&lt;b&gt;&quot;evil&quot;&lt;/b&gt; &amp; co") != std::string::npos);
  CHECK(xml.find("tests=\"3\" failures=\"1\"") != std::string::npos);
  CHECK(xml.find("<failure type=\"significant-drop\"") != std::string::npos);
}
