// Golden prompts for sample question 1006 (chemistry, 4 options), written by a scratch Python
// script that re-types the published TIGER-Lab formatting functions; reviewed by eye against
// evaluate_from_local.py (raw) and evaluate_from_api.py (chat). The loglik goldens were written the
// same way from lm-evaluation-harness's leaderboard_mmlu_pro doc_to_text with its default
// delimiters (examples joined by "\n\n", " " before each example's answer letter).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "datasets/mmlu_pro/file.h"
#include "suites/mmlu_pro/prompt.h"
#include "test_files.h"

namespace {

std::string golden(const std::string& name) {
  std::ifstream in(ys::testing::source_path("tests/suites/mmlu_pro/golden/" + name),
                   std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Sample {
  std::vector<ys::mmlu_pro::MmluProRecord> test;
  std::vector<ys::mmlu_pro::MmluProRecord> val;
  const ys::mmlu_pro::MmluProRecord& question(int64_t id) const {
    for (const auto& r : test) {
      if (r.question_id == id) return r;
    }
    FAIL("no sample question " << id);
    return test.front();
  }
  std::vector<const ys::mmlu_pro::MmluProRecord*> examples(const std::string& cat, size_t k) const {
    std::vector<const ys::mmlu_pro::MmluProRecord*> out;
    for (const auto& r : val) {
      if (r.category == cat && out.size() < k) out.push_back(&r);
    }
    return out;
  }
};

Sample load_sample() {
  auto t = ys::mmlu_pro::load_mmlu_pro_file(ys::testing::sample_test());
  auto v = ys::mmlu_pro::load_mmlu_pro_file(ys::testing::sample_validation());
  REQUIRE(t.ok());
  REQUIRE(v.ok());
  return {*t, *v};
}

}  // namespace

TEST_CASE("the raw rendering matches the published local layout byte for byte") {
  const Sample s = load_sample();
  const auto& q = s.question(1006);
  CHECK(ys::mmlu_pro::render_mmlu_pro_raw(s.examples(q.category, 2), q) ==
        golden("raw_1006_k2.txt"));
}

TEST_CASE("the chat rendering matches the published API layout byte for byte") {
  const Sample s = load_sample();
  const auto& q = s.question(1006);
  CHECK(ys::mmlu_pro::render_mmlu_pro_chat(s.examples(q.category, 2), q) ==
        golden("chat_1006_k2.txt"));
  CHECK(ys::mmlu_pro::render_mmlu_pro_chat({}, q) == golden("chat_1006_k0.txt"));
}

TEST_CASE("the loglik rendering matches lm-evaluation-harness's leaderboard layout byte for byte") {
  const Sample s = load_sample();
  const auto& q = s.question(1006);
  CHECK(ys::mmlu_pro::render_mmlu_pro_loglik(s.examples(q.category, 2), q) ==
        golden("loglik_1006_k2.txt"));
  CHECK(ys::mmlu_pro::render_mmlu_pro_loglik({}, q) == golden("loglik_1006_k0.txt"));
}

TEST_CASE("loglik continuations are the option letters with a leading space") {
  CHECK(ys::mmlu_pro::mmlu_pro_loglik_continuations(4) ==
        std::vector<std::string>{" A", " B", " C", " D"});
  CHECK(ys::mmlu_pro::mmlu_pro_loglik_continuations(10).back() == " J");
  CHECK(ys::mmlu_pro::mmlu_pro_loglik_continuations(0).empty());
}
