// The judged flow end to end at library level, with a scripted model and a scripted judge standing
// in for the scheduler and backends (garbage, missing labels, a failed request, a v0.1 follow-up).
// Expected rows worked out by hand (see each script line below).
#include <catch2/catch.hpp>
#include <map>

#include "suites/arena_hard/arena_suite.h"
#include "suites/arena_hard/judging.h"
#include "suites/arena_hard/leaderboard_from_judgments.h"
#include "test_paths.h"

using namespace ys;
using namespace ys::arena;

namespace {

// Judge script per (uid, game): first reply, and the reply to a v0.1 follow-up.
struct Script {
  bool ok;
  std::string first, followup;
};
const std::map<std::string, std::array<Script, 2>> kScript = {
    // both games: the model is better -> rows 1 (game 1), 1 (game 0)
    {"q-code-1", {{{true, "B is better. [[B>A]]", ""}, {true, "A is better. [[A>B]]", ""}}}},
    // garbage in both games, the follow-up too -> no rows
    {"q-code-2", {{{true, "I refuse.", "still no."}, {true, "lorem ipsum", "nothing"}}}},
    // no label at first; v0.1 asks again and gets a tie -> rows 0.5, 0.5
    {"q-math-1", {{{true, "Thinking...", "[[A=B]]"}, {true, "Hmm.", "[[B=A]]"}}}},
    // game 0 request fails; game 1 strong win for the model (A) -> 3 rows of 1 under v0.1
    {"q-math-2", {{{false, "", ""}, {true, "[[A>>B]]", ""}}}},
};

std::vector<ArenaJudgment> run_flow(arena::VerdictRule rule, int* n_followups) {
  SuiteSpec spec{"arena-hard", arena_test::sample("question.jsonl"), {{"category", "hard_prompt"}}};
  auto suite = arena::make_arena_hard_suite(spec);
  REQUIRE(suite.ok());
  auto items = (*suite)->plan(PlanContext{});
  REQUIRE(items.ok());

  std::vector<ArenaAnswer> answers;
  for (const Item& it : *items) {
    Response r;
    r.text = "## Answer\n- point for " + it.id;
    r.reasoning = "private reasoning";
    r.completion_tokens = 30;
    r.reasoning_tokens = 20;
    answers.push_back(answer_from_response(it, r, "model-x"));
  }
  REQUIRE(write_arena_answers("arena_test_e2e_answers.jsonl", answers).ok());
  auto reloaded = load_arena_answers("arena_test_e2e_answers.jsonl");
  REQUIRE(reloaded.ok());
  AnswerIndex index;
  add_to_index(index, std::move(*reloaded));
  auto base = load_arena_answers(arena_test::sample("model_answer/o3-mini-2025-01-31.jsonl"));
  REQUIRE(base.ok());
  add_to_index(index, std::move(*base));

  auto questions = load_arena_questions(arena_test::sample("question.jsonl"));
  REQUIRE(questions.ok());
  std::erase_if(*questions, [](const ArenaQuestion& q) { return q.category != "hard_prompt"; });
  ArenaJudgeSettings settings;
  settings.judge.rule = rule;
  JudgePlan plan = plan_judge_tasks(*questions, index, "model-x", settings);
  REQUIRE(plan.tasks.size() == 4);

  std::vector<ArenaJudgment> out;
  for (const JudgeTask& t : plan.tasks) {
    const auto& script = kScript.at(t.uid);
    std::array<JudgeReply, 2> replies;
    for (int g = 0; g < 2; ++g) {
      const Script& s = script[static_cast<size_t>(g)];
      replies[static_cast<size_t>(g)] = {s.ok, s.first};
      if (!s.ok) continue;
      if (auto f = followup_request(t, g, s.first, rule)) {
        ++*n_followups;
        CHECK(f->messages.back().content == std::string(arena::kAskForVerdict));
        replies[static_cast<size_t>(g)].text = s.first + "\n" + s.followup;
      }
    }
    out.push_back(judgment_from_replies(t, replies, "judge-z", rule));
  }
  REQUIRE(write_arena_judgments("arena_test_e2e_judgments.jsonl", out).ok());
  auto back = load_arena_judgments("arena_test_e2e_judgments.jsonl");
  REQUIRE(back.ok());
  return *back;
}

const arena::LeaderboardRow& model_row(const arena::Leaderboard& b) {
  for (const auto& r : b.rows) {
    if (r.model == "model-x") return r;
  }
  FAIL("no model-x row");
  return b.rows.front();
}

}  // namespace

TEST_CASE("the v0.1 flow asks again once for label-less replies and keeps good games") {
  int followups = 0;
  std::vector<ArenaJudgment> judgments = run_flow(arena::VerdictRule::v0_1, &followups);
  CHECK(followups == 4);  // q-code-2 twice, q-math-1 twice
  AnswerIndex none;
  LeaderboardOptions o;
  o.category = "hard_prompt";
  o.null_rule = arena::VerdictRule::v0_1;
  auto b = compute_arena_leaderboard(judgments, none, o);
  REQUIRE(b.ok());
  // rows: 1, 1 | - | 0.5, 0.5 | 1, 1, 1  -> 7 rows, mean 6/7
  CHECK(model_row(*b).n_rows == 7);
  CHECK(model_row(*b).score == Approx(6.0 / 7.0).margin(0.04));
  CHECK(b->hygiene.n_null_games == 3);
  CHECK(b->judges == std::vector<std::string>{"judge-z"});
}

TEST_CASE("the v2.0 flow sends no follow-ups and drops questions with a bad game") {
  int followups = 0;
  std::vector<ArenaJudgment> judgments = run_flow(arena::VerdictRule::v2_0, &followups);
  CHECK(followups == 0);
  AnswerIndex none;
  LeaderboardOptions o;
  o.category = "hard_prompt";
  auto b = compute_arena_leaderboard(judgments, none, o);
  REQUIRE(b.ok());
  // q-math-1 has no label under v2.0 (no follow-up), so only q-code-1 survives: rows 1, 1.
  CHECK(model_row(*b).n_rows == 2);
  CHECK(model_row(*b).score == 1.0);
  CHECK(b->n_games_dropped == 6);
}

TEST_CASE("stored judgments keep the raw judge text, the prompt and the prompt hash") {
  int followups = 0;
  std::vector<ArenaJudgment> judgments = run_flow(arena::VerdictRule::v0_1, &followups);
  REQUIRE(judgments.size() == 4);
  const ArenaJudgment& j = judgments[0];
  CHECK(j.judge == "judge-z");
  CHECK(j.judge_prompt_hash.size() == 64);
  REQUIRE(j.games[1].has_value());
  CHECK(j.games[1]->judgment.find("[[") != std::string::npos);
  REQUIRE(j.games[1]->prompt.is_array());
  CHECK(j.games[1]->prompt.dump().find("private reasoning") == std::string::npos);
}
