#include "suites/arena_hard/judge_suite.h"

#include <map>
#include <set>

#include "harness/core/hash.h"
#include "judge/arena/battles.h"

namespace ys::arena {
namespace {

std::string game_item_id(const std::string& uid, int game) {
  return uid + "#g" + std::to_string(game);
}

// Scores one judge reply: the model's side of the label, unparsed without a usable label.
Score score_reply(const Json& meta, const Response& response, arena::VerdictRule rule) {
  Score s;
  s.method = "arena-verdict-" + arena::to_string(rule);
  if (!response.ok()) {
    s.status = ScoreStatus::error;
    return s;
  }
  arena::Verdict v = arena::parse_verdict(response.text, rule);
  int game = meta.value("game", 0);
  std::optional<double> side = arena::model_side_score(v.label, game);
  s.extracted = v.label.value_or("");
  s.detail = {{"how", v.how}, {"game", game}};
  if (!side) {
    s.status = ScoreStatus::unparsed;
    return s;
  }
  s.value = *side;
  return s;
}

class JudgeSuite final : public Suite {
 public:
  JudgeSuite(SuiteInfo info, std::vector<Item> items, arena::VerdictRule rule)
      : info_(std::move(info)), items_(std::move(items)), rule_(rule) {}

  SuiteInfo info() const override { return info_; }

  Expected<std::vector<Item>> plan(const PlanContext& ctx) const override {
    if (!ctx.supports_chat) return Error{"an Arena-Hard judge must be a chat model"};
    return items_;
  }

  Score score(const Item& item, const Response& response) const override {
    return score_reply(item.meta, response, rule_);
  }

 private:
  SuiteInfo info_;
  std::vector<Item> items_;
  arena::VerdictRule rule_;
};

Json game_meta(const JudgeTask& t, int game) {
  return {{"uid", t.uid},     {"game", game},           {"category", t.category},
          {"model", t.model}, {"baseline", t.baseline}, {"judge_prompt_hash", t.judge_prompt_hash}};
}

std::string meta_string(const Json& meta, const char* key) {
  auto it = meta.find(key);
  return it != meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Expected<std::unique_ptr<Suite>> make_arena_judge_suite(const JudgePlan& plan,
                                                        const JudgeSuiteSetup& setup) {
  if (plan.tasks.empty())
    return Error{"nothing to judge for '" + setup.model + "': no question has both answers"};
  std::vector<Item> items;
  items.reserve(plan.tasks.size() * 2);
  Sha256 fingerprint;
  fingerprint.update(setup.questions_fingerprint);
  std::set<std::string> hashes, baselines;
  for (const JudgeTask& t : plan.tasks) {
    for (int g = 0; g < 2; ++g) {
      Item it;
      it.id = game_item_id(t.uid, g);
      it.category = t.category;
      it.request = t.requests[static_cast<size_t>(g)];
      it.meta = game_meta(t, g);
      fingerprint.update(request_key("", it.request));
      items.push_back(std::move(it));
    }
    hashes.insert(t.judge_prompt_hash);
    baselines.insert(t.baseline);
  }
  Json config = {{"model", setup.model},
                 {"questions_fingerprint", setup.questions_fingerprint},
                 {"rule", arena::to_string(setup.rule)},
                 {"baselines", baselines},
                 {"judge_prompt_hashes", hashes},
                 {"n_questions", plan.tasks.size()}};
  SuiteInfo info{kArenaJudgeSuitePrefix + setup.model, kArenaJudgeProtocol,
                 fingerprint.hex_digest(), config};
  return std::unique_ptr<Suite>(std::make_unique<JudgeSuite>(info, std::move(items), setup.rule));
}

std::unique_ptr<Suite> make_arena_followup_suite(const std::vector<StoredGame>& judge_games,
                                                 const JudgeSuiteSetup& setup) {
  if (setup.rule != arena::VerdictRule::v0_1) return nullptr;
  std::vector<Item> items;
  Sha256 fingerprint;
  fingerprint.update(setup.questions_fingerprint);
  for (const StoredGame& g : judge_games) {
    if (!g.response || !g.response->ok()) continue;
    if (!arena::parse_verdict(g.response->text, setup.rule).ask_again) continue;
    Item it;
    it.id = game_item_id(meta_string(g.meta, "uid"), g.meta.value("game", 0));
    it.category = meta_string(g.meta, "category");
    it.request = arena::make_followup_request(g.request, g.response->text);
    it.meta = g.meta;
    fingerprint.update(request_key("", it.request));
    items.push_back(std::move(it));
  }
  if (items.empty()) return nullptr;
  Json config = {{"model", setup.model},
                 {"questions_fingerprint", setup.questions_fingerprint},
                 {"rule", arena::to_string(setup.rule)},
                 {"n_games", items.size()}};
  SuiteInfo info{kArenaFollowupSuitePrefix + setup.model, kArenaJudgeProtocol,
                 fingerprint.hex_digest(), config};
  return std::make_unique<JudgeSuite>(info, std::move(items), setup.rule);
}

std::optional<std::string> judged_model_of_suite(const std::string& suite_name, bool followup) {
  const std::string prefix = followup ? kArenaFollowupSuitePrefix : kArenaJudgeSuitePrefix;
  if (suite_name.size() <= prefix.size() || suite_name.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  return suite_name.substr(prefix.size());
}

JudgmentsFromGames judgments_from_games(const std::vector<StoredGame>& judge_games,
                                        const std::vector<StoredGame>& followup_games,
                                        const std::string& judge_name, arena::VerdictRule rule) {
  struct Pending {
    JudgeTask task;
    std::array<const StoredGame*, 2> games{nullptr, nullptr};
  };
  std::map<std::string, const StoredGame*> followups;  // "<uid>#g<n>" -> follow-up
  for (const StoredGame& g : followup_games)
    followups[game_item_id(meta_string(g.meta, "uid"), g.meta.value("game", 0))] = &g;

  std::vector<std::string> order;  // uids in plan order
  std::map<std::string, Pending> by_uid;
  for (const StoredGame& g : judge_games) {
    std::string uid = meta_string(g.meta, "uid");
    int game = g.meta.value("game", -1);
    if (uid.empty() || game < 0 || game > 1) continue;  // not a judge item
    auto [it, inserted] = by_uid.try_emplace(uid);
    if (inserted) {
      order.push_back(uid);
      JudgeTask& t = it->second.task;
      t.uid = uid;
      t.category = meta_string(g.meta, "category");
      t.model = meta_string(g.meta, "model");
      t.baseline = meta_string(g.meta, "baseline");
      t.judge_prompt_hash = meta_string(g.meta, "judge_prompt_hash");
    }
    it->second.task.requests[static_cast<size_t>(game)] = g.request;
    it->second.games[static_cast<size_t>(game)] = &g;
  }

  JudgmentsFromGames out;
  for (const std::string& uid : order) {
    const Pending& p = by_uid.at(uid);
    std::array<JudgeReply, 2> replies;
    bool complete = true;
    for (size_t g = 0; g < 2; ++g) {
      const StoredGame* sg = p.games[g];
      if (!sg || !sg->response) {
        complete = false;
        break;
      }
      replies[g].ok = sg->response->ok();
      replies[g].text = sg->response->text;
      if (replies[g].ok && rule == arena::VerdictRule::v0_1 &&
          arena::parse_verdict(replies[g].text, rule).ask_again) {
        auto f = followups.find(game_item_id(uid, static_cast<int>(g)));
        if (f == followups.end() || !f->second->response) {
          complete = false;  // the follow-up is still to be asked
          break;
        }
        if (f->second->response->ok()) replies[g].text += "\n" + f->second->response->text;
      }
    }
    if (!complete) {
      ++out.n_pending;
      continue;
    }
    out.judgments.push_back(judgment_from_replies(p.task, replies, judge_name, rule));
  }
  return out;
}

}  // namespace ys::arena
