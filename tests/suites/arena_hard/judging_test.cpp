#include "suites/arena_hard/judging.h"

#include <catch2/catch.hpp>

#include "test_paths.h"

using namespace ys;
using namespace ys::arena;

namespace {
AnswerIndex sample_index() {
  AnswerIndex idx;
  for (const char* f : {"sample-model-a", "o3-mini-2025-01-31", "gemini-2.0-flash-001"}) {
    auto a = load_arena_answers(arena_test::sample(std::string("model_answer/") + f + ".jsonl"));
    REQUIRE(a.ok());
    add_to_index(idx, std::move(*a));
  }
  return idx;
}
}  // namespace

TEST_CASE("default baselines follow the published configuration") {
  CHECK(default_baseline("arena-hard-v0.1") == "gpt-4-0314");
  CHECK(default_baseline("hard_prompt") == "o3-mini-2025-01-31");
  CHECK(default_baseline("creative_writing") == "gemini-2.0-flash-001");
  ArenaJudgeSettings s;
  s.baselines["hard_prompt"] = "my-baseline";
  CHECK(baseline_for("hard_prompt", s) == "my-baseline");
}

TEST_CASE("judge tasks pair each answer with its category's baseline") {
  auto q = load_arena_questions(arena_test::sample("question.jsonl"));
  REQUIRE(q.ok());
  JudgePlan plan = plan_judge_tasks(*q, sample_index(), "sample-model-a", ArenaJudgeSettings{});
  REQUIRE(plan.tasks.size() == 6);
  CHECK(plan.missing.empty());
  CHECK(plan.tasks[0].baseline == "o3-mini-2025-01-31");
  CHECK(plan.tasks[5].baseline == "gemini-2.0-flash-001");
  CHECK(plan.tasks[0].judge_prompt_hash.size() == 64);
  const std::string& g0 = plan.tasks[0].requests[0].messages[1].content;
  CHECK(g0.find("Use a loop") < g0.find("Iterative Fibonacci"));  // baseline is A in game 0
}

TEST_CASE("missing answers are listed, not judged") {
  auto q = load_arena_questions(arena_test::sample("question.jsonl"));
  REQUIRE(q.ok());
  JudgePlan plan = plan_judge_tasks(*q, sample_index(), "no-such-model", ArenaJudgeSettings{});
  CHECK(plan.tasks.empty());
  CHECK(plan.missing.size() == 6);
}

TEST_CASE("only the final answer reaches the judge, never the reasoning") {
  Item item;
  item.id = "q1";
  item.request.messages = {{"user", "Question?"}};
  Response r;
  r.text = "Final answer.";
  r.reasoning = "SECRET-CHAIN-OF-THOUGHT";
  r.completion_tokens = 50;
  r.reasoning_tokens = 40;
  ArenaAnswer a = answer_from_response(item, r, "m");
  CHECK(a.thought == "SECRET-CHAIN-OF-THOUGHT");
  REQUIRE(a.metadata.has_value());
  // Upstream counts the final answer with o200k_base, not the backend's completion tokens:
  // js-tiktoken gives 3 tokens for "Final answer.".
  CHECK(a.metadata->token_len == 3);
  AnswerIndex idx;
  ArenaAnswer base = a;
  base.model = "b";
  base.answer = "Baseline.";
  add_to_index(idx, {a, base});
  ArenaJudgeSettings s;
  s.baselines["c"] = "b";
  JudgePlan plan = plan_judge_tasks({{"q1", "c", "", "Question?"}}, idx, "m", s);
  REQUIRE(plan.tasks.size() == 1);
  for (const Request& req : plan.tasks[0].requests) {
    for (const Message& msg : req.messages) CHECK(msg.content.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("judge replies become a judgment with parsed labels and null games for garbage") {
  JudgeTask t;
  t.uid = "u";
  t.category = "hard_prompt";
  t.model = "m";
  t.baseline = "b";
  t.judge_prompt_hash = "h";
  ArenaJudgment j =
      judgment_from_replies(t, {JudgeReply{true, "blah [[b>a]]"}, JudgeReply{true, "garbage"}},
                            "judge-1", arena::VerdictRule::v2_0);
  REQUIRE(j.games[0].has_value());
  CHECK(j.games[0]->score == "B>A");
  REQUIRE(j.games[1].has_value());
  CHECK_FALSE(j.games[1]->score.has_value());
  CHECK(j.games[1]->judgment == "garbage");
  CHECK(j.judge == "judge-1");
  CHECK(j.judge_prompt_hash == "h");
  ArenaJudgment failed = judgment_from_replies(
      t, {JudgeReply{false, ""}, JudgeReply{true, "[[A=B]]"}}, "judge-1", arena::VerdictRule::v2_0);
  CHECK_FALSE(failed.games[0].has_value());
  CHECK(failed.games[1]->score == "A=B");
}

TEST_CASE("under v0.1 a reply without a label gets one follow-up request") {
  JudgeTask t;
  t.requests[1].messages = {{"system", "s"}, {"user", "u"}};
  auto f = followup_request(t, 1, "no verdict yet", arena::VerdictRule::v0_1);
  REQUIRE(f.has_value());
  CHECK(f->messages.size() == 4);
  CHECK_FALSE(followup_request(t, 1, "[[A>B]]", arena::VerdictRule::v0_1).has_value());
  CHECK_FALSE(followup_request(t, 1, "no verdict yet", arena::VerdictRule::v2_0).has_value());
  CHECK_FALSE(followup_request(t, 1, "[[A>B]] [[B>A]]", arena::VerdictRule::v0_1).has_value());
}
