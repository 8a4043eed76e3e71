// The coding scorers on hand-written LiveCodeBench-style questions (lcb_questions.jsonl, written
// by gen_lcb_questions.py) and answers with the score LiveBench's rules give
// (lcb_cases.jsonl, written by gen_lcb_cases.py), run in the real sandbox.
#include "judge/livebench/coding.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>

#include "judge/livebench/question.h"
#include "judge/livebench/sandbox.h"
#include "tests/judge/livebench/livebench_fixture.h"
#include "tests/judge/livebench/sandbox_fixture.h"
#include "tests/support/case_file.h"

namespace lb = ys::livebench;
using ys::Json;

namespace {

std::vector<Json> read_lines(const std::string& name) {
  return ys::test::read_cases("tests/judge/livebench/" + name);
}

std::map<std::string, lb::Question> questions() {
  std::map<std::string, lb::Question> out;
  for (const Json& r : read_lines("lcb_questions.jsonl")) {
    auto q = lb::question_from_json(r);
    REQUIRE(q.ok());
    out.emplace(q->question_id, q.value());
  }
  return out;
}

}  // namespace

TEST_CASE("code is taken from between the last two fence lines, as LiveCodeBench does") {
  CHECK(lb::extract_lcb_code("```python\na\nb\n```") == "a\nb");
  CHECK(lb::extract_lcb_code("x\n```\nfirst\n```\ny\n```py\nsecond\n```\n") == "second");
  CHECK(lb::extract_lcb_code("text ```inline``` text\ncode\n```") == "code");
  CHECK(lb::extract_lcb_code("```\n```") == "");
  // Fewer than two fence lines: the whole answer, untouched (indentation matters).
  CHECK(lb::extract_lcb_code("```python\nno closing fence") == "```python\nno closing fence");
  CHECK(lb::extract_lcb_code("    return x\n") == "    return x\n");
}

TEST_CASE("every fixture coding answer LiveBench scored 1 gives a program to run") {
  if (!lb::testing::have_slice()) return;
  // The slice has answers and LiveBench's judgments but no coding questions: a pass needs code.
  const std::string root = lb::testing::fixture_root() + "/coding/";
  int passed = 0, unfenced_passed = 0;
  for (const char* task : {"LCB_generation", "coding_completion"}) {
    std::map<std::string, std::string> answers;
    std::ifstream a(root + task + "/model_answer/zft-community-8b-bs4.jsonl");
    std::string line;
    while (std::getline(a, line)) {
      const Json r = Json::parse(line);
      answers[r.at("question_id").get<std::string>()] =
          r.at("choices").at(0).at("turns").back().get<std::string>();
    }
    std::ifstream j(root + task + "/model_judgment/ground_truth_judgment.jsonl");
    REQUIRE(j.good());
    while (std::getline(j, line)) {
      const Json r = Json::parse(line);
      if (r.at("score").get<double>() != 1.0) continue;
      const std::string& answer = answers.at(r.at("question_id").get<std::string>());
      const std::string code = lb::extract_lcb_code(answer);
      INFO(task << " " << r.at("question_id").get<std::string>());
      CHECK(code.find_first_not_of(" \n") != std::string::npos);
      CHECK(code.find("```") == std::string::npos);
      ++passed;
      if (code == answer) ++unfenced_passed;
    }
  }
  CHECK(passed == 23);
  CHECK(unfenced_passed == 2);
}

TEST_CASE("the partial solution is put in front unless the code already starts with it") {
  lb::Question q;
  q.record = {{"partial_solution", "class A:"}};
  CHECK(lb::lcb_full_solution(q, "  x = 1") == "class A:\n  x = 1");
  CHECK(lb::lcb_full_solution(q, "class A:\n  x = 1") == "class A:\n  x = 1");
  q.record = {{"partial_solution", nullptr}};
  CHECK(lb::lcb_full_solution(q, "y") == "y");
}

TEST_CASE("test cases are read from JSON and from compressed pickles, with errors naming fields") {
  const auto qs = questions();
  const auto plain = lb::lcb_test_spec(qs.at("sum-stdin"));
  REQUIRE(plain.ok());
  CHECK(plain->at("inputs").size() == 3);
  CHECK(plain->at("fn_name").is_null());
  const auto packed = lb::lcb_test_spec(qs.at("squares-stdin"));
  REQUIRE(packed.ok());
  CHECK(packed->at("outputs") == Json::array({"1\n4\n9\n", "1\n", "1\n4\n"}));
  CHECK(lb::lcb_test_spec(qs.at("two-sum"))->at("fn_name") == "twoSum");
  lb::Question broken = qs.at("two-sum");
  broken.record["private_test_cases"] = "not json and not base64!";
  const auto bad = lb::lcb_test_spec(broken);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("private_test_cases") != std::string::npos);
}

TEST_CASE("without a sandbox a code question scores as an error, never silently 0") {
  const auto qs = questions();
  const lb::TaskScore s = lb::score_lcb(qs.at("sum-stdin"), "```\nprint(3)\n```", {});
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.detail.at("reason").get<std::string>().find("sandbox") != std::string::npos);
}

TEST_CASE("every LiveCodeBench case scores as LiveBench would, tests run in the sandbox") {
  auto sandbox = lb::testing::sandbox_or_warn();
  if (!sandbox) return;
  const auto qs = questions();
  const auto cases = read_lines("lcb_cases.jsonl");
  std::vector<lb::Question> batch;
  std::vector<std::string> answers;
  for (const Json& c : cases) {
    batch.push_back(qs.at(c.at("question_id").get<std::string>()));
    answers.push_back(c.at("answer").get<std::string>());
  }
  lb::ScoreContext context;
  context.sandbox = sandbox.get();
  const auto scores = lb::score_code_answers(lb::score_lcb, batch, answers, context);
  REQUIRE(scores.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO("case: " << cases[i].at("name").get<std::string>() << " -> "
                  << scores[i].detail.value("reason", std::string()));
    CHECK(scores[i].value == cases[i].at("score").get<double>());
    CHECK(scores[i].status != ys::ScoreStatus::error);
  }
  CHECK(cases.size() >= 20);
}
