#include "suites/livebench/suite.h"

#include <exception>
#include <map>
#include <unordered_set>

#include "datasets/livebench/answers.h"
#include "suites/livebench/answer_text.h"
#include "suites/livebench/score_context.h"

namespace ys::livebench {
namespace {

Request request_for(const livebench::Question& q, int max_tokens) {
  Request req;
  req.kind = RequestKind::chat;
  if (auto sys = q.record.find("system_prompt"); sys != q.record.end() && sys->is_string())
    req.messages.push_back({"system", sys->get<std::string>()});
  req.messages.push_back({"user", q.record.at("turns").at(0).get<std::string>()});
  double temperature = 0.0;
  if (auto t = q.record.find("required_temperature"); t != q.record.end() && t->is_number())
    temperature = t->get<double>();
  req.params.temperature = temperature;
  req.params.max_tokens = max_tokens;
  return req;
}

Item item_for(const livebench::Question& q, const std::string& category, int max_tokens) {
  Item item;
  item.id = q.question_id;
  item.category = category;
  item.request = request_for(q, max_tokens);
  item.reference = {{"ground_truth", q.ground_truth}};
  item.meta = {{"task", q.task},
               {"subtask", q.subtask},
               {"release_date", q.release_date},
               {"removal_date", livebench::removal_date_of(q)}};
  return item;
}

Score error_score(const std::string& method, const std::string& why) {
  Score s;
  s.status = ScoreStatus::error;
  s.method = method;
  s.detail = {{"why", why}};
  return s;
}

void add_stat_note(std::vector<std::string>& notes, const livebench::TaskData& t, int64_t n,
                   const std::string& what) {
  if (n > 0)
    notes.push_back(t.category + "/" + t.task + "/question.jsonl: " + std::to_string(n) + " " +
                    what);
}

std::vector<std::string> data_notes(const livebench::Dataset& data, const std::string& release) {
  std::vector<std::string> notes;
  int64_t outside = 0;
  for (const auto& t : data.tasks) {
    outside += t.n_outside_release;
    add_stat_note(notes, t, t.stats.n_duplicate_ids, "repeated question_id(s), first kept");
    add_stat_note(notes, t, t.stats.n_missing_removal_date,
                  "record(s) without livebench_removal_date, taken as never removed");
    add_stat_note(notes, t, t.stats.n_task_differs_from_folder,
                  "record(s) whose task/category differs from the folder (the record's is used)");
  }
  if (outside > 0)
    notes.push_back("release " + release + ": " + std::to_string(outside) +
                    " question(s) outside it left out");
  for (const auto& t : data.tasks_without_questions)
    notes.push_back(t + ": no question.jsonl (answers only), skipped");
  return notes;
}

}  // namespace

LiveBenchSuite::LiveBenchSuite(LiveBenchOptions options, livebench::Dataset dataset,
                               std::unordered_map<std::string, livebench::Question> all,
                               TaskScorerLookup lookup)
    : options_(std::move(options)),
      dataset_(std::move(dataset)),
      lookup_(lookup),
      all_(std::move(all)) {
  notes_ = data_notes(dataset_, options_.release);
  std::map<std::string, int64_t> no_scorer;
  int64_t multi_turn = 0, repeated = 0;
  std::unordered_set<std::string> planned;
  for (const auto& t : dataset_.tasks) {
    for (const auto& q : t.questions) {
      if (lookup_(q.task) == nullptr) {
        ++no_scorer[q.task];
      } else if (q.record.at("turns").size() != 1) {
        ++multi_turn;
      } else if (!planned.insert(q.question_id).second) {
        ++repeated;
      } else {
        items_.push_back(item_for(q, t.category, options_.max_tokens));
      }
    }
  }
  for (const auto& [task, n] : no_scorer)
    notes_.push_back("task " + task + ": no scorer yet, " + std::to_string(n) +
                     " question(s) skipped (not scored)");
  if (multi_turn > 0)
    notes_.push_back(std::to_string(multi_turn) +
                     " multi-turn question(s) skipped (one request per question is supported)");
  if (repeated > 0)
    notes_.push_back(std::to_string(repeated) +
                     " question_id(s) repeated across tasks skipped (the first is kept)");
}

SuiteInfo LiveBenchSuite::info() const {
  Json config = {{"release", options_.release},
                 {"categories", options_.categories},
                 {"tasks", options_.tasks},
                 {"max_tokens", options_.max_tokens},
                 {"notes", notes_}};
  return SuiteInfo{kLiveBenchSuiteName, kLiveBenchProtocolVersion, dataset_.fingerprint, config};
}

Expected<std::vector<Item>> LiveBenchSuite::plan(const PlanContext& ctx) const {
  if (!ctx.supports_chat) return Error{"livebench needs a chat model (LiveBench sends messages)"};
  return items_;
}

const livebench::Question* LiveBenchSuite::find_question(const std::string& id) const {
  auto it = all_.find(id);
  return it == all_.end() ? nullptr : &it->second;
}

Score LiveBenchSuite::score(const Item& item, const Response& response) const {
  if (!response.ok()) return error_score("request-error", response.error);
  if (response.text == livebench::kApiErrorOutput)
    return error_score("api-error", "the answer is LiveBench's $ERROR$ (its API calls failed)");
  const livebench::Question* q = find_question(item.id);
  if (q == nullptr) return error_score("unknown-question", "question not in this data folder");
  const livebench::TaskScorer* scorer = lookup_(q->task);
  if (scorer == nullptr) return error_score("no-scorer", "no scorer for task " + q->task);
  const std::string text = livebench_scored_text(response.text, q->category);
  livebench::TaskScore ts;
  try {
    ts = scorer->score(*q, text, livebench_score_context());
  } catch (const std::exception& e) {
    return error_score("scorer-failed", std::string("the scorer threw: ") + e.what());
  }
  Score s;
  s.value = ts.value;
  s.status = ts.status;
  s.extracted = std::move(ts.extracted);
  s.method = std::move(ts.method);
  s.detail = {{"task", q->task}, {"scorer", std::move(ts.detail)}};
  return s;
}

Expected<std::unique_ptr<LiveBenchSuite>> make_livebench(const SuiteSpec& spec,
                                                         TaskScorerLookup lookup) {
  if (spec.target.empty())
    return Error{"livebench: no data folder given (livebench:path/to/live_bench)"};
  auto options = parse_livebench_options(spec.options);
  if (!options) return options.error();
  livebench::DatasetSelection selection{"", options->categories, options->tasks};
  auto data = livebench::load_livebench_dataset(spec.target, selection);
  if (!data) return data.error();
  std::unordered_map<std::string, livebench::Question> all;
  for (const auto& t : data->tasks)
    for (const auto& q : t.questions) all.emplace(q.question_id, q);
  if (options->release.empty()) options->release = data->newest_release;
  livebench::select_release(*data, options->release);
  auto suite =
      std::make_unique<LiveBenchSuite>(std::move(*options), std::move(*data), std::move(all),
                                       lookup ? lookup : livebench::find_task_scorer);
  auto items = suite->plan(PlanContext{});
  if (items->empty()) {
    std::string why;
    const SuiteInfo info = suite->info();  // kept alive: the loop reads into it
    for (const auto& n : info.config.at("notes")) why += "\n  " + n.get<std::string>();
    return Error{"livebench: no question to ask in " + spec.target + why};
  }
  return suite;
}

Expected<std::unique_ptr<Suite>> make_livebench_suite(const SuiteSpec& spec) {
  auto suite = make_livebench(spec);
  if (!suite) return suite.error();
  return std::unique_ptr<Suite>(std::move(*suite));
}

}  // namespace ys::livebench
