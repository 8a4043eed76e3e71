#include "tests/judge/livebench/livebench_fixture.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "judge/livebench/question.h"
#include "tests/support/paths.h"

namespace ys::livebench::testing {
namespace {

namespace fs = std::filesystem;

std::vector<Json> read_jsonl(const fs::path& path) {
  std::ifstream in(path);
  INFO("fixture file " << path.string());
  REQUIRE(in.good());
  std::vector<Json> records;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    records.push_back(Json::parse(line));
  }
  return records;
}

}  // namespace

std::string fixture_root() {
  const fs::path root = ys::test::fixture_path("livebench");
  INFO("the LiveBench fixture slice is missing: " << root.string());
  REQUIRE(fs::is_directory(root));
  return root.lexically_normal().string();
}

bool have_slice() {
  return ys::test::have_fixture(ys::test::fixture_path("livebench"));
}

std::vector<std::pair<std::string, std::string>> tasks_with_questions() {
  std::vector<std::pair<std::string, std::string>> tasks;
  for (const auto& cat : fs::directory_iterator(fixture_root())) {
    if (!cat.is_directory()) continue;
    for (const auto& task : fs::directory_iterator(cat.path())) {
      if (fs::exists(task.path() / "question.jsonl")) {
        tasks.emplace_back(cat.path().filename().string(), task.path().filename().string());
      }
    }
  }
  std::sort(tasks.begin(), tasks.end());
  return tasks;
}

std::vector<FixtureCase> load_cases(const std::string& category, const std::string& task) {
  const fs::path dir = fs::path(fixture_root()) / category / task;
  std::map<std::string, std::string> answers;
  for (const Json& a : read_jsonl(dir / "model_answer" / "zft-community-8b-bs4.jsonl")) {
    answers[a.at("question_id").get<std::string>()] =
        a.at("choices").at(0).at("turns").back().get<std::string>();
  }
  std::map<std::string, double> scores;
  for (const Json& j : read_jsonl(dir / "model_judgment" / "ground_truth_judgment.jsonl")) {
    scores[j.at("question_id").get<std::string>()] = j.at("score").get<double>();
  }
  std::vector<FixtureCase> cases;
  for (const Json& record : read_jsonl(dir / "question.jsonl")) {
    auto q = question_from_json(record);
    INFO(dir.string() << "/question.jsonl: " << (q ? "" : q.error().message));
    REQUIRE(q.ok());
    const auto a = answers.find(q.value().question_id);
    const auto s = scores.find(q.value().question_id);
    if (a == answers.end() || s == scores.end()) continue;
    cases.push_back({std::move(q.value()), a->second, s->second});
  }
  return cases;
}

Agreement agreement(const std::string& category, const std::string& task,
                    const ScoreContext& context) {
  const TaskScorer* scorer = find_task_scorer(task);
  INFO("no scorer for task " << task);
  REQUIRE(scorer != nullptr);
  Agreement result;
  for (const FixtureCase& c : load_cases(category, task)) {
    const TaskScore ours = scorer->score(c.question, c.answer, context);
    ++result.n;
    result.ours_mean += ours.value;
    result.theirs_mean += c.livebench_score;
    if (std::fabs(ours.value - c.livebench_score) <= 1e-6) {
      ++result.equal;
    } else {
      result.disagreements.push_back(c.question.question_id + ": ours " +
                                     std::to_string(ours.value) + ", LiveBench " +
                                     std::to_string(c.livebench_score) + " (extracted '" +
                                     ours.extracted + "' by " + ours.method + ")");
    }
  }
  if (result.n) {
    result.ours_mean *= 100.0 / result.n;
    result.theirs_mean *= 100.0 / result.n;
  }
  return result;
}

}  // namespace ys::livebench::testing
