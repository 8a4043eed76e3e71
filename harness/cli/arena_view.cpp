#include "harness/cli/arena_view.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "harness/cli/imported_run.h"
#include "harness/core/hash.h"
#include "harness/run/runner.h"
#include "suites/arena_hard/arena_suite.h"

namespace ys::cli {
namespace fs = std::filesystem;

namespace {

bool is_answer_run(const RunRecord& run, const std::string& questions_fp) {
  return run.suite_name == "arena-hard" &&
         (questions_fp.empty() || run.dataset_fingerprint == questions_fp);
}

std::string config_string(const Json& config, const char* key) {
  auto it = config.find(key);
  return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The request the arena-hard suite plans for a question, without generation params.
Request question_request(const arena::ArenaQuestion& q) {
  Request r;
  r.kind = RequestKind::chat;
  r.messages = {{"user", q.prompt}};
  return r;
}

}  // namespace

Expected<std::vector<std::string>> jsonl_files(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Error{path + ": no such file or folder"};
  if (!fs::is_directory(path, ec)) return std::vector<std::string>{path};
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".jsonl")
      files.push_back(it->path().string());
  }
  if (ec) return Error{path + ": " + ec.message()};
  if (files.empty()) return Error{path + ": no .jsonl files in this folder"};
  std::sort(files.begin(), files.end());
  return files;
}

Expected<StoredAnswers> load_stored_answers(const Store& store, const std::string& questions_fp) {
  auto runs = store.runs();
  if (!runs) return runs.error();
  std::map<std::string, const RunRecord*> newest;  // model -> run
  StoredAnswers out;
  for (const RunRecord& run : *runs) {
    if (!is_answer_run(run, questions_fp)) continue;
    const RunRecord*& slot = newest[run.model_name];
    if (slot) {
      out.notes.push_back("model '" + run.model_name +
                          "' has several arena-hard runs on these questions; using the newest");
      if (slot->updated_at >= run.updated_at) continue;
    }
    slot = &run;
  }
  for (const auto& [model, run] : newest) {
    auto samples = store.samples(run->run_id);
    if (!samples) return samples.error();
    std::vector<arena::ArenaAnswer> answers;
    for (const StoredSample& s : *samples) {
      if (!s.response || !s.response->ok()) continue;  // failed answers are not judged
      Item item;
      item.id = s.link.item_id;
      item.request = s.link.request;
      arena::ArenaAnswer a = arena::answer_from_response(item, *s.response, model);
      if (auto m = s.link.meta.find("arena_metadata"); m != s.link.meta.end()) {
        auto meta = arena::style_meta_from_json(*m, "stored answer " + item.id);
        if (meta) {
          a.metadata = *meta;
          a.metadata_computed = false;  // imported with the answer
        }
      }
      // Imported answers keep their own id and time stamp.
      if (auto id = s.link.meta.find("ans_id"); id != s.link.meta.end() && id->is_string())
        a.ans_id = id->get<std::string>();
      if (auto t = s.link.meta.find("tstamp"); t != s.link.meta.end() && t->is_number())
        a.tstamp = t->get<double>();
      answers.push_back(std::move(a));
    }
    arena::add_to_index(out.index, std::move(answers));
    out.models.push_back(model);
  }
  return out;
}

Expected<std::string> import_arena_answers(Store& store, const std::string& model,
                                           const std::vector<arena::ArenaAnswer>& answers,
                                           const std::vector<arena::ArenaQuestion>& questions,
                                           const std::string& questions_fp,
                                           const std::string& source, int64_t* n_skipped) {
  std::unordered_map<std::string, const arena::ArenaQuestion*> by_uid;
  for (const auto& q : questions) by_uid[q.uid] = &q;
  Sha256 content;
  // Hashed with sorted keys, as before the export wrote upstream's key order.
  for (const auto& a : answers) content.update(Json(arena::arena_answer_to_json(a)).dump());
  const std::string identity = "import|" + model + "|" + content.hex_digest();
  SuiteInfo info{"arena-hard", arena::kArenaHardProtocol, questions_fp, {{"imported", true}}};

  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> responses;
  int64_t skipped = 0;
  for (const auto& a : answers) {
    auto q = by_uid.find(a.uid);
    if (q == by_uid.end()) {
      ++skipped;
      continue;
    }
    Request request = question_request(*q->second);
    Response response;
    response.text = a.answer;
    response.reasoning = a.thought;
    response.finish_reason = "stop";
    Json meta = {{"category", q->second->category},
                 {"subcategory", q->second->subcategory},
                 {"ans_id", a.ans_id},
                 {"tstamp", a.tstamp}};
    if (a.metadata) {
      meta["arena_metadata"] = arena::style_meta_to_json(*a.metadata);
      response.completion_tokens = a.metadata->token_len;
    }
    std::string key = request_key(identity, request);
    links.push_back({a.uid, static_cast<int64_t>(links.size()), q->second->category, key, request,
                     Json(), meta});
    responses.push_back({key, identity, request, std::move(response), {}});
  }
  if (n_skipped) *n_skipped = skipped;
  if (links.empty()) return Error{source + ": none of its answers matches a question uid"};

  RunRecord run = imported_run_record(identity, model, info, {{"import", source}},
                                      static_cast<int64_t>(links.size()));
  if (auto st = store.put_run(run); !st) return st.error();
  if (auto st = store.put_samples(run.run_id, links); !st) return st.error();
  if (auto st = store.put_responses(responses); !st) return st.error();
  // Answers have no score of their own (see arena_suite.h); stored like the suite's.
  std::vector<std::pair<std::string, Score>> scores;
  for (const auto& link : links) {
    Score s;
    s.method = "arena-judged";
    scores.emplace_back(link.item_id, s);
  }
  if (auto st = store.put_scores(run.run_id, scores); !st) return st.error();
  return run.run_id;
}

Expected<std::vector<arena::StoredGame>> stored_games(const Store& store,
                                                      const std::string& run_id) {
  auto samples = store.samples(run_id);
  if (!samples) return samples.error();
  std::vector<arena::StoredGame> games;
  games.reserve(samples->size());
  for (StoredSample& s : *samples)
    games.push_back({std::move(s.link.meta), std::move(s.link.request), std::move(s.response)});
  return games;
}

Expected<StoredJudgments> load_stored_judgments(const Store& store, const std::string& questions_fp,
                                                const std::vector<std::string>& judges) {
  auto runs = store.runs();
  if (!runs) return runs.error();
  auto wanted = [&](const RunRecord& run) {
    if (!questions_fp.empty() &&
        config_string(run.suite_config, "questions_fingerprint") != questions_fp)
      return false;
    return judges.empty() ||
           std::find(judges.begin(), judges.end(), run.model_name) != judges.end();
  };
  // Follow-up runs by (judge identity, judged model, question file).
  std::map<std::string, const RunRecord*> followups;
  auto followup_key = [](const RunRecord& run, const std::string& model) {
    return run.model_identity + '\x1f' + model + '\x1f' +
           config_string(run.suite_config, "questions_fingerprint");
  };
  for (const RunRecord& run : *runs) {
    auto model = arena::judged_model_of_suite(run.suite_name, true);
    if (model && wanted(run)) followups[followup_key(run, *model)] = &run;
  }
  // Judge runs oldest first: when two runs (e.g. under different rules) judged the same (judge,
  // model, question), the newest one's judgment is kept. A repeated line in published files counts
  // twice, as upstream counts it; the store holds one judgment per question and judge run.
  std::vector<const RunRecord*> judge_runs;
  for (const RunRecord& run : *runs) {
    if (arena::judged_model_of_suite(run.suite_name, false) && wanted(run))
      judge_runs.push_back(&run);
  }
  std::stable_sort(
      judge_runs.begin(), judge_runs.end(),
      [](const RunRecord* a, const RunRecord* b) { return a->updated_at < b->updated_at; });
  std::map<std::string, arena::ArenaJudgment> latest;  // judge|model|uid -> judgment
  StoredJudgments out;
  std::set<arena::VerdictRule> rules;
  for (const RunRecord* run_ptr : judge_runs) {
    const RunRecord& run = *run_ptr;
    auto model = arena::judged_model_of_suite(run.suite_name, false);
    std::string rule_name = config_string(run.suite_config, "rule");
    arena::VerdictRule rule =
        arena::verdict_rule_from_string(rule_name).value_or(arena::VerdictRule::v2_0);
    rules.insert(rule);
    auto games = stored_games(store, run.run_id);
    if (!games) return games.error();
    std::vector<arena::StoredGame> followup_games;
    if (auto f = followups.find(followup_key(run, *model)); f != followups.end()) {
      auto fg = stored_games(store, f->second->run_id);
      if (!fg) return fg.error();
      followup_games = std::move(*fg);
    }
    auto judged = arena::judgments_from_games(*games, followup_games, run.model_name, rule);
    out.n_pending += judged.n_pending;
    for (auto& j : judged.judgments)
      latest.insert_or_assign(j.judge + '\x1f' + j.model + '\x1f' + j.uid, std::move(j));
  }
  for (auto& [key, j] : latest) out.judgments.push_back(std::move(j));
  if (rules.size() == 1) out.common_rule = *rules.begin();
  return out;
}

Expected<std::vector<arena::Leaderboard>> arena_leaderboards(
    std::vector<arena::ArenaJudgment> judgments, const arena::AnswerIndex& answers,
    const std::vector<arena::ArenaQuestion>& questions, const arena::LeaderboardOptions& options) {
  std::unordered_map<std::string, std::string> category_of;
  for (const auto& q : questions) category_of[q.uid] = q.category;
  std::set<std::string> categories;
  for (auto& j : judgments) {
    if (j.category.empty()) {
      auto it = category_of.find(j.uid);
      if (it != category_of.end()) j.category = it->second;
    }
    categories.insert(j.category);
  }
  if (!options.category.empty()) categories = {options.category};
  std::vector<arena::Leaderboard> boards;
  for (const std::string& category : categories) {
    arena::LeaderboardOptions o = options;
    o.category = category;
    auto board = arena::compute_arena_leaderboard(judgments, answers, o);
    if (!board) {
      return Error{(category.empty() ? std::string("judgments") : "category '" + category + "'") +
                   ": " + board.error().message};
    }
    boards.push_back(std::move(*board));
  }
  if (boards.empty()) return Error{"no judgments to rank"};
  return boards;
}

Status add_arena_boards(const Store& store, ReportData& data) {
  auto runs = store.runs();
  if (!runs) return runs.error();
  std::set<std::string> files;  // question-file fingerprints with judge runs
  for (const RunRecord& run : *runs) {
    if (arena::judged_model_of_suite(run.suite_name, false))
      files.insert(config_string(run.suite_config, "questions_fingerprint"));
  }
  for (const std::string& fp : files) {
    auto answers = load_stored_answers(store, fp);
    if (!answers) return answers.error();
    auto judged = load_stored_judgments(store, fp, {});
    if (!judged) return judged.error();
    arena::LeaderboardOptions options;
    options.null_rule = judged->common_rule.value_or(options.null_rule);
    auto boards = arena_leaderboards(std::move(judged->judgments), answers->index, {}, options);
    std::string which = files.size() > 1 ? " (questions " + fp.substr(0, 12) + ")" : "";
    if (!boards) {
      data.notes.push_back("Arena-Hard" + which + ": " + boards.error().message);
      continue;
    }
    for (auto& board : *boards) {
      board.category += which;
      data.arena.push_back(std::move(board));
    }
  }
  return ok_status();
}

}  // namespace ys::cli
