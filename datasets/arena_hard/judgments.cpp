#include "datasets/arena_hard/judgments.h"

#include "harness/core/jsonl.h"

namespace ys::arena {
namespace {

Expected<std::optional<ArenaGame>> parse_game(const Json& g, const JsonlWhere& w,
                                              const std::string& field) {
  if (g.is_null()) return std::optional<ArenaGame>{};
  if (!g.is_object()) return Error{w.at(field) + ": expected an object or null"};
  ArenaGame game;
  if (auto s = g.find("score"); s != g.end() && !s->is_null()) {
    if (!s->is_string()) return Error{w.at(field + ".score") + ": expected a string or null"};
    game.score = s->get<std::string>();
  }
  if (auto t = g.find("judgment"); t != g.end()) {
    if (t->is_string()) {
      game.judgment = t->get<std::string>();
    } else if (t->is_object()) {
      game.judgment = read_optional_string(*t, "answer").value_or("");
    } else if (!t->is_null()) {
      return Error{w.at(field + ".judgment") + ": expected an object or string"};
    }
  }
  if (auto p = g.find("prompt"); p != g.end()) {
    game.prompt = *p;
  } else if (auto u = g.find("user_prompt"); u != g.end()) {
    game.prompt = *u;
  }
  return std::optional<ArenaGame>{std::move(game)};
}

Expected<ArenaJudgment> parse_judgment(const Json& j, const JsonlWhere& w) {
  ArenaJudgment out;
  bool legacy = !j.contains("uid") && j.contains("question_id");
  auto uid = read_id(j, legacy ? "question_id" : "uid", w);
  if (!uid) return uid.error();
  auto model = read_string(j, "model", w);
  if (!model) return model.error();
  out.uid = *uid;
  out.model = *model;
  out.judge = read_optional_string(j, "judge").value_or("");
  out.category = read_optional_string(j, "category").value_or("");
  out.baseline = read_optional_string(j, "baseline").value_or("");
  out.judge_prompt_hash = read_optional_string(j, "judge_prompt_hash").value_or("");
  auto games = j.find("games");
  if (games == j.end() || !games->is_array()) return Error{w.at("games") + ": expected an array"};
  if (games->size() > 2) return Error{w.at("games") + ": expected at most two games"};
  for (size_t i = 0; i < games->size(); ++i) {
    auto g = parse_game((*games)[i], w, "games[" + std::to_string(i) + "]");
    if (!g) return g.error();
    out.games[i] = std::move(*g);
  }
  return out;
}

Json game_to_json(const std::optional<ArenaGame>& g) {
  if (!g) return nullptr;
  return {{"score", g->score ? Json(*g->score) : Json(nullptr)},
          {"judgment", {{"answer", g->judgment}}},
          {"prompt", g->prompt}};
}

}  // namespace

Expected<std::vector<ArenaJudgment>> load_arena_judgments(const std::string& path) {
  std::vector<ArenaJudgment> out;
  Status st = for_each_jsonl_object(path, [&](const Json& j, const JsonlWhere& w) -> Status {
    auto one = parse_judgment(j, w);
    if (!one) return one.error();
    out.push_back(std::move(*one));
    return ok_status();
  });
  if (!st) return st.error();
  return out;
}

Json arena_judgment_to_json(const ArenaJudgment& jd) {
  Json j = {{"uid", jd.uid},
            {"category", jd.category},
            {"judge", jd.judge},
            {"model", jd.model},
            {"baseline", jd.baseline},
            {"games", Json::array({game_to_json(jd.games[0]), game_to_json(jd.games[1])})}};
  if (!jd.judge_prompt_hash.empty()) j["judge_prompt_hash"] = jd.judge_prompt_hash;
  return j;
}

Status write_arena_judgments(const std::string& path, const std::vector<ArenaJudgment>& judgments) {
  std::vector<Json> lines;
  lines.reserve(judgments.size());
  for (const ArenaJudgment& jd : judgments) lines.push_back(arena_judgment_to_json(jd));
  return write_jsonl(path, lines);
}

}  // namespace ys::arena
