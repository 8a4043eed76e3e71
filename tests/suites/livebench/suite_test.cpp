// The livebench suite with a stand-in scorer table (the real scorers live in judge/livebench and
// are tested there): requests as gen_api_answer.py sends them, skipping of tasks without a scorer,
// and what reaches a scorer.
#include "suites/livebench/suite.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

namespace lb = ys::livebench;

namespace {

// Stand-in scorer: full credit when the answer equals the ground truth; records what it saw.
lb::TaskScore exact(const lb::Question& q, std::string_view answer, const lb::ScoreContext&) {
  lb::TaskScore s;
  s.extracted = std::string(answer);
  s.method = "exact";
  s.value = q.ground_truth.is_string() && answer == q.ground_truth.get<std::string>() ? 1.0 : 0.0;
  s.detail = {{"seen", std::string(answer)}};
  return s;
}

const lb::TaskScorer kExact[] = {{"math_comp", "math", "stand-in", exact},
                                 {"zebra_puzzle", "reasoning", "stand-in", exact},
                                 {"paraphrase", "instruction_following", "stand-in", exact}};

const lb::TaskScorer* lookup(std::string_view task) {
  for (const auto& s : kExact)
    if (s.task == task) return &s;
  return nullptr;
}

std::string fixture() {
  return ys::test::fixture_path("livebench");
}

// A one-task data folder: <dir>/math/math_comp/question.jsonl with `lines`.
std::string write_task(const ys::test::TempDir& dir, const std::string& lines) {
  std::filesystem::create_directories(dir.file("lb/math/math_comp"));
  dir.write("lb/math/math_comp/question.jsonl", lines);
  return dir.file("lb");
}

std::string record(const std::string& id, const std::string& extra = "",
                   const std::string& release = "2024-06-24") {
  return R"({"question_id":")" + id +
         R"(","category":"math","task":"math_comp","turns":["What is 2+2?"],"ground_truth":"4",)"
         R"("livebench_release_date":")" +
         release + R"(","livebench_removal_date":"")" + extra + "}\n";
}

ys::Response answer(const std::string& text) {
  ys::Response r;
  r.text = text;
  return r;
}

}  // namespace

TEST_CASE("on the real slice, only tasks with a scorer are planned; the others are noted") {
  if (!ys::test::have_fixture(fixture())) return;
  auto suite = ys::livebench::make_livebench({"livebench", fixture(), ys::Json::object()}, lookup);
  INFO((suite ? "" : suite.error().message));
  REQUIRE(suite.ok());
  auto items = (*suite)->plan({});
  REQUIRE(items.ok());
  // Default release = the newest in the data (2024-11-25): 96 math_comp + 50 zebra_puzzle + 50
  // paraphrase (release_counts.txt in tests/datasets/livebench).
  CHECK(items->size() == 196);
  const ys::SuiteInfo info = (*suite)->info();
  CHECK(info.name == "livebench");
  CHECK(info.config["release"] == "2024-11-25");
  const std::string notes = info.config["notes"].dump();
  CHECK(notes.find("task cta: no scorer yet, 50 question(s) skipped") != std::string::npos);
  CHECK(notes.find("coding/LCB_generation: no question.jsonl") != std::string::npos);
  const ys::Item& first = items->front();
  CHECK(first.category == "instruction_following");
  CHECK(first.meta["task"] == "paraphrase");
}

TEST_CASE("a question is asked as LiveBench asks it") {
  ys::test::TempDir dir;
  const std::string root = write_task(
      dir, record("a") + record("b", R"(,"required_temperature":0.7,"system_prompt":"Be brief.")"));
  auto suite = ys::livebench::make_livebench({"livebench", root, ys::Json::object()}, lookup);
  REQUIRE(suite.ok());
  auto items = (*suite)->plan({});
  REQUIRE(items.ok());
  REQUIRE(items->size() == 2);
  const ys::Request& a = (*items)[0].request;
  REQUIRE(a.messages.size() == 1);
  CHECK(a.messages[0] == ys::Message{"user", "What is 2+2?"});
  CHECK(a.params.temperature == 0.0);
  CHECK(a.params.max_tokens == 4096);
  const ys::Request& b = (*items)[1].request;
  REQUIRE(b.messages.size() == 2);
  CHECK(b.messages[0] == ys::Message{"system", "Be brief."});
  CHECK(b.params.temperature == 0.7);
  CHECK((*items)[0].reference["ground_truth"] == "4");

  auto capped = ys::livebench::make_livebench({"livebench", root, {{"max_tokens", 64}}}, lookup);
  REQUIRE(capped.ok());
  CHECK((*capped)->plan({})->front().request.params.max_tokens == 64);
  CHECK_FALSE((*suite)->plan(ys::PlanContext{false, true, false, {}, {}}).ok());
}

TEST_CASE("think blocks never reach the scorer; failures score as errors") {
  ys::test::TempDir dir;
  auto suite = ys::livebench::make_livebench(
      {"livebench", write_task(dir, record("a")), ys::Json::object()}, lookup);
  REQUIRE(suite.ok());
  const ys::Item item = (*suite)->plan({})->front();
  ys::Score s = (*suite)->score(item, answer("<think>maybe 5</think>4"));
  CHECK(s.status == ys::ScoreStatus::ok);
  CHECK(s.value == 1.0);
  CHECK(s.detail["scorer"]["seen"] == "4");
  CHECK(s.detail["task"] == "math_comp");

  s = (*suite)->score(item, answer("$ERROR$"));
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.value == 0.0);
  ys::Response failed;
  failed.error_kind = ys::ErrorKind::server;
  failed.error = "HTTP 500";
  s = (*suite)->score(item, failed);
  CHECK(s.status == ys::ScoreStatus::error);
  ys::Item stranger = item;
  stranger.id = "not-a-question";
  CHECK((*suite)->score(stranger, answer("4")).status == ys::ScoreStatus::error);
}

TEST_CASE("the release option filters questions, and nothing left to ask is an error") {
  ys::test::TempDir dir;
  const std::string root = write_task(dir, record("a") + record("b", "", "2024-11-25"));
  auto older =
      ys::livebench::make_livebench({"livebench", root, {{"release", "2024-06-24"}}}, lookup);
  REQUIRE(older.ok());
  CHECK((*older)->plan({})->size() == 1);
  // A suite built with another release still scores every question of the folder (rescore).
  auto newer =
      ys::livebench::make_livebench({"livebench", root, {{"release", "2024-11-25"}}}, lookup);
  REQUIRE(newer.ok());
  CHECK((*newer)->plan({})->size() == 2);
  ys::Item b = (*newer)->plan({})->back();
  CHECK(b.id == "b");
  CHECK((*older)->score(b, answer("4")).value == 1.0);
  auto none =
      ys::livebench::make_livebench({"livebench", root, {{"release", "2023-01-01"}}}, lookup);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("no question to ask") != std::string::npos);
  auto unknown = ys::livebench::make_livebench({"livebench", root, {{"tasks", "cta"}}}, lookup);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("task 'cta'") != std::string::npos);
}
