// The compare tables: golden files (tests/reports/golden/compare.txt, compare.md;
// YS_UPDATE_GOLDEN=1 rewrites them, review by eye) from hand-built rows, and Markdown escaping.
#include "reports/comparison_table.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reports/text_escape.h"

namespace {

ys::ComparisonView view() {
  ys::ComparisonView v;
  v.baseline = "qwen-q8";
  v.candidate = "qwen|q4 <b>";
  ys::ComparisonRow suite{"mmlu-pro", "", "r1", "r2", {}, 0.0004};
  suite.result.paired = true;
  suite.result.n_common = 1000;
  suite.result.mean_a = 0.65;
  suite.result.mean_b = 0.70;
  suite.result.diff = -0.05;
  suite.result.ci_low = -0.064;
  suite.result.ci_high = -0.036;
  suite.result.won = 10;
  suite.result.lost = 60;
  suite.result.tied = 930;
  suite.result.p_value = 0.0002;
  suite.result.method = "mcnemar-exact";
  ys::ComparisonRow category = suite;
  category.category = "law";
  category.result.diff = 0.0;
  category.result.ci_low = -0.01;
  category.result.ci_high = 0.01;
  category.result.p_value = 1.0;
  category.p_adjusted = 1.0;
  ys::ComparisonRow other{"custom:x", "", "r3", "r4", {}, 0.2};
  other.result.n_a = 40;
  other.result.n_b = 38;
  other.result.mean_a = 0.5;
  other.result.mean_b = 0.45;
  other.result.diff = 0.05;
  other.result.ci_low = -0.1;
  other.result.ci_high = 0.2;
  other.result.p_value = 0.1;
  other.result.method = "welch-t";
  other.result.n_only_a = 2;  // only in the candidate
  other.result.n_common = 38;
  v.rows = {suite, category, other};
  return v;
}

void check_golden(const std::string& actual, const std::string& file) {
  const char* env = std::getenv("YS_SOURCE_DIR");
  const std::string path =
      std::string(env != nullptr ? env : YS_TEST_SOURCE_DIR) + "/tests/reports/golden/" + file;
  const char* update = std::getenv("YS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream expected;
  expected << in.rdbuf();
  REQUIRE_FALSE(expected.str().empty());
  CHECK(actual == expected.str());
}

}  // namespace

TEST_CASE("the compare text table matches its golden file", "[golden]") {
  check_golden(ys::render_comparison_text(view()), "compare.txt");
}

TEST_CASE("the compare Markdown table matches its golden file", "[golden]") {
  check_golden(ys::render_comparison_markdown(view()), "compare.md");
}

TEST_CASE("Markdown cells escape table and markup characters", "[markdown]") {
  CHECK(ys::markdown_cell("a|b") == "a\\|b");
  CHECK(ys::markdown_cell("<script>") == "\\<script\\>");
  CHECK(ys::markdown_cell("x\ny") == "x?y");
  CHECK(ys::format_p_value(0.0004) == "<0.001");
  CHECK(ys::format_p_value(0.05) == "0.050");
}

TEST_CASE("an unpaired suite's warning is not repeated for its categories", "[compare]") {
  ys::ComparisonView v;
  v.baseline = "a";
  v.candidate = "b";
  ys::ComparisonRow suite{"s", "", "r1", "r2", {}, 1};
  suite.result.same_dataset = false;
  ys::ComparisonRow category = suite;
  category.category = "c";
  v.rows = {suite, category};
  const std::string text = ys::render_comparison_text(v);
  CHECK(text.find("warning: s: unpaired comparison: the runs come from different datasets") !=
        std::string::npos);
  CHECK(text.find("warning: s / c") == std::string::npos);
}
