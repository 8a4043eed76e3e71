#include "suites/arena_hard/judging.h"

namespace ys::arena {
namespace {

Json messages_json(const Request& r) {
  Json out = Json::array();
  for (const Message& m : r.messages) out.push_back({{"role", m.role}, {"content", m.content}});
  return out;
}

}  // namespace

std::string default_baseline(const std::string& category) {
  if (category == "arena-hard-v0.1") return "gpt-4-0314";
  if (category == "hard_prompt") return "o3-mini-2025-01-31";
  if (category == "creative_writing") return "gemini-2.0-flash-001";
  return "";
}

std::string baseline_for(const std::string& category, const ArenaJudgeSettings& settings) {
  auto it = settings.baselines.find(category);
  return it != settings.baselines.end() ? it->second : default_baseline(category);
}

ArenaAnswer answer_from_response(const Item& item, const Response& response,
                                 const std::string& model) {
  ArenaAnswer a;
  a.uid = item.id;
  a.model = model;
  a.ans_id = model + ":" + item.id;
  if (!item.request.messages.empty()) a.question = item.request.messages.back().content;
  a.answer = response.text;
  a.thought = response.reasoning;
  ensure_style_meta(a);
  return a;
}

JudgePlan plan_judge_tasks(const std::vector<ArenaQuestion>& questions, const AnswerIndex& answers,
                           const std::string& model, const ArenaJudgeSettings& settings) {
  JudgePlan plan;
  for (const ArenaQuestion& q : questions) {
    std::string baseline = baseline_for(q.category, settings);
    if (baseline.empty()) {
      plan.missing.push_back("no baseline for category '" + q.category + "' (question " + q.uid +
                             ")");
      continue;
    }
    if (baseline == model) continue;  // the baseline is not judged against itself
    const ArenaAnswer* mine = find_answer(answers, model, q.uid);
    const ArenaAnswer* base = find_answer(answers, baseline, q.uid);
    if (!mine) plan.missing.push_back(model + " " + q.uid);
    if (!base) plan.missing.push_back(baseline + " " + q.uid);
    if (!mine || !base) continue;
    arena::JudgeInput in{q.prompt, q.category, mine->answer, base->answer};
    JudgeTask t{q.uid,
                q.category,
                model,
                baseline,
                arena::make_judge_requests(in, settings.judge),
                arena::judge_prompt_hash(arena::judge_prompt_for(q.category, settings.judge))};
    plan.tasks.push_back(std::move(t));
  }
  return plan;
}

std::optional<Request> followup_request(const JudgeTask& task, int game,
                                        const std::string& first_reply, arena::VerdictRule rule) {
  if (rule != arena::VerdictRule::v0_1 || game < 0 || game > 1) return std::nullopt;
  if (!arena::parse_verdict(first_reply, rule).ask_again) return std::nullopt;
  return arena::make_followup_request(task.requests[static_cast<size_t>(game)], first_reply);
}

ArenaJudgment judgment_from_replies(const JudgeTask& task, const std::array<JudgeReply, 2>& replies,
                                    const std::string& judge_model, arena::VerdictRule rule) {
  ArenaJudgment j;
  j.uid = task.uid;
  j.category = task.category;
  j.judge = judge_model;
  j.model = task.model;
  j.baseline = task.baseline;
  j.judge_prompt_hash = task.judge_prompt_hash;
  for (size_t g = 0; g < 2; ++g) {
    if (!replies[g].ok) continue;  // a failed request is a null game
    ArenaGame game;
    game.judgment = replies[g].text;
    game.score = arena::parse_verdict(replies[g].text, rule).label;
    game.prompt = messages_json(task.requests[g]);
    j.games[g] = std::move(game);
  }
  return j;
}

}  // namespace ys::arena
