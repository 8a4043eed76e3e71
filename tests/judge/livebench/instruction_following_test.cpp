// The instruction-following scorers against LiveBench's own results on the real slice: the
// per-instruction results of model_judgment/*_strict.jsonl and the final scores of
// ground_truth_judgment.jsonl.
#include "judge/livebench/instruction_following.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>

#include "tests/judge/livebench/livebench_fixture.h"

namespace lb = ys::livebench;
using ys::Json;

namespace {

const char* const kTasks[] = {"paraphrase", "simplify", "story_generation", "summarize"};

std::string strict_path(const std::string& task) {
  return lb::testing::fixture_root() + "/instruction_following/" + task +
         "/model_judgment/zft-community-8b-bs4_strict.jsonl";
}

}  // namespace

TEST_CASE("each instruction's result equals LiveBench's strict result on the real slice") {
  if (!lb::testing::have_slice()) return;
  std::map<std::string, std::pair<int, int>> per_id;  // id -> (equal, total)
  for (const char* task : kTasks) {
    std::map<std::string, lb::Question> questions;
    for (auto& c : lb::testing::load_cases("instruction_following", task)) {
      questions.emplace(c.question.question_id, c.question);
    }
    std::ifstream in(strict_path(task));
    REQUIRE(in.good());
    std::string line;
    while (std::getline(in, line)) {
      const Json r = Json::parse(line);
      const auto q = questions.find(r.at("question_id").get<std::string>());
      REQUIRE(q != questions.end());
      const auto ours = lb::follow_instruction_list(q->second, r.at("response").get<std::string>());
      INFO(task << " " << q->first << ": " << (ours ? "" : ours.error().message));
      REQUIRE(ours.ok());
      const Json& theirs = r.at("follow_instruction_list");
      REQUIRE(theirs.size() == ours->size());
      for (size_t i = 0; i < ours->size(); ++i) {
        const std::string id = r.at("instruction_id_list")[i].get<std::string>();
        auto& [equal, total] = per_id[id];
        ++total;
        if ((*ours)[i] == theirs[i].get<bool>()) {
          ++equal;
        } else {
          std::cout << "differs: " << task << " " << q->first.substr(0, 12) << " " << id
                    << " ours=" << (*ours)[i] << "\n";
        }
      }
    }
  }
  int equal = 0, total = 0;
  for (const auto& [id, counts] : per_id) {
    std::cout << id << ": " << counts.first << "/" << counts.second << "\n";
    equal += counts.first;
    total += counts.second;
  }
  CHECK(per_id.size() == 15);
  CHECK(total > 500);
  CHECK(static_cast<double>(equal) / total >= 0.99);
}

TEST_CASE("instruction-following scores agree with LiveBench's on at least 99% per task") {
  if (!lb::testing::have_slice()) return;
  for (const char* task : kTasks) {
    const auto a = lb::testing::agreement("instruction_following", task);
    for (const auto& d : a.disagreements) std::cout << task << " " << d << "\n";
    std::cout << task << ": " << a.equal << "/" << a.n << " equal, ours " << a.ours_mean
              << " LiveBench " << a.theirs_mean << "\n";
    CHECK(a.n == 50);
    CHECK(a.share() >= 0.99);
  }
}
