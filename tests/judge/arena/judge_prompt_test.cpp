#include "judge/arena/judge_prompt.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

using namespace ys;
using namespace ys::arena;

namespace {
JudgeInput sample_input(const std::string& category) {
  return {"What is 2+2?", category, "MODEL-ANSWER", "BASELINE-ANSWER"};
}
std::string user_text(const Request& r) {
  return r.messages.at(1).content;
}
}  // namespace

TEST_CASE("game 0 puts the baseline in the A slot and game 1 the model") {
  auto reqs = make_judge_requests(sample_input("hard_prompt"), JudgeOptions{});
  std::string g0 = user_text(reqs[0]), g1 = user_text(reqs[1]);
  CHECK(g0.find("BASELINE-ANSWER") < g0.find("MODEL-ANSWER"));
  CHECK(g1.find("MODEL-ANSWER") < g1.find("BASELINE-ANSWER"));
  CHECK(g0.find("What is 2+2?") != std::string::npos);
}

TEST_CASE("judge requests use temperature 0 and the configured max tokens") {
  JudgeOptions o;
  o.max_tokens = 1234;
  auto reqs = make_judge_requests(sample_input("hard_prompt"), o);
  for (const Request& r : reqs) {
    CHECK(r.kind == RequestKind::chat);
    CHECK(r.params.temperature == 0.0);
    CHECK(r.params.max_tokens == 1234);
    CHECK(r.messages.at(0).role == "system");
    CHECK(r.messages.at(1).role == "user");
  }
}

TEST_CASE("hard prompts ask for the judge's own answer and creative writing does not") {
  std::string hard = default_judge_system_prompt("hard_prompt");
  std::string creative = default_judge_system_prompt("creative_writing");
  CHECK(hard.find("write your own answer") != std::string::npos);
  CHECK(creative.find("own answer") == std::string::npos);
  for (const std::string& s : {hard, creative}) {
    for (const char* label : {"[[A>>B]]", "[[A>B]]", "[[A=B]]", "[[B>A]]", "[[B>>A]]"}) {
      CHECK(s.find(label) != std::string::npos);
    }
  }
  CHECK(judge_prompt_hash(judge_prompt_for("hard_prompt", {})) !=
        judge_prompt_hash(judge_prompt_for("creative_writing", {})));
}

TEST_CASE("placeholders inside answers are not expanded again") {
  std::string out = render_judge_template("Q={question} A={answer_a} B={answer_b} {other}",
                                          "{answer_b}", "x{question}", "y");
  CHECK(out == "Q={answer_b} A=x{question} B=y {other}");
}

TEST_CASE("a user template file without a placeholder is rejected naming the file") {
  std::string path = "judge_prompt_test_bad_template.txt";
  std::ofstream(path) << "Only {question} and {answer_a} here";
  JudgeOptions o;
  Status st = load_judge_prompt_overrides(o, "", path);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find(path) != std::string::npos);
  CHECK(st.error().message.find("{answer_b}") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("user system prompt and template override the defaults and change the hash") {
  std::string sys_path = "judge_prompt_test_sys.txt", tpl_path = "judge_prompt_test_tpl.txt";
  std::ofstream(sys_path) << "Be a strict judge.";
  std::ofstream(tpl_path) << "P:{question}|A:{answer_a}|B:{answer_b}";
  JudgeOptions o;
  REQUIRE(load_judge_prompt_overrides(o, sys_path, tpl_path).ok());
  auto reqs = make_judge_requests(sample_input("creative_writing"), o);
  CHECK(reqs[0].messages[0].content == "Be a strict judge.");
  CHECK(user_text(reqs[0]) == "P:What is 2+2?|A:BASELINE-ANSWER|B:MODEL-ANSWER");
  CHECK(judge_prompt_hash(judge_prompt_for("hard_prompt", o)) !=
        judge_prompt_hash(judge_prompt_for("hard_prompt", {})));
  std::remove(sys_path.c_str());
  std::remove(tpl_path.c_str());
}

TEST_CASE("the v0.1 follow-up appends the judge reply and the request for a verdict") {
  auto reqs = make_judge_requests(sample_input("hard_prompt"), JudgeOptions{});
  Request f = make_followup_request(reqs[1], "thinking...");
  REQUIRE(f.messages.size() == 4);
  CHECK(f.messages[2].role == "assistant");
  CHECK(f.messages[2].content == "thinking...");
  CHECK(f.messages[3].content == std::string(kAskForVerdict));
}
