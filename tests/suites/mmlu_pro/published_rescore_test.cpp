// The six recorded TIGER-Lab result files in ../shared/fixtures/mmlu-pro-recorded import, and every
// record's strict score equals the independent Python re-score kept beside this test
// (rescore_published.py, its output published_rescore.json). Also: a generated file carrying each
// quirk of the published data imports with the right counts.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "datasets/mmlu_pro/results.h"
#include "judge/mmlu_pro/score.h"
#include "suites/mmlu_pro/suite.h"
#include "test_files.h"

using ys::testing::TempDir;

namespace {

ys::Json read_json(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return ys::Json::parse(in);
}

std::string fixtures_dir() {
  return ys::test::fixture_path("mmlu-pro-recorded");
}

// A record in the published layout with its own output.
ys::Json published(int id, const std::string& question, ys::Json options, const std::string& answer,
                   int answer_index, const std::string& output) {
  return {{"question_id", id},
          {"question", question},
          {"options", std::move(options)},
          {"answer", answer},
          {"answer_index", answer_index},
          {"cot_content", ""},
          {"category", "math"},
          {"src", "gen"},
          {"pred", nullptr},
          {"model_outputs", output}};
}

}  // namespace

TEST_CASE("each recorded result file scores exactly as the independent Python re-score") {
  if (!ys::test::have_fixture(fixtures_dir())) return;
  const ys::Json expected =
      read_json(ys::testing::source_path("tests/suites/mmlu_pro/published_rescore.json"));
  REQUIRE(expected.size() == 6);
  for (const auto& [name, want] : expected.items()) {
    INFO(name);
    auto run = ys::mmlu_pro::load_mmlu_pro_results(fixtures_dir() + "/" + name);
    REQUIRE(run.ok());
    CHECK_FALSE(run->quirks.any());
    REQUIRE(static_cast<int64_t>(run->records.size()) == want["n"].get<int64_t>());
    std::string letters;
    int correct = 0, unparsed = 0;
    for (const auto& rec : run->records) {
      const auto s =
          ys::mmlu_pro::score_mmlu_pro(ys::mmlu_pro::mmlu_pro_item_for_import(rec),
                                       ys::mmlu_pro::mmlu_pro_response_for_import(rec), {});
      letters += s.extracted.empty() ? "-" : s.extracted;
      correct += s.value == 1.0;
      unparsed += s.status == ys::ScoreStatus::unparsed;
    }
    CHECK(letters == want["letters"].get<std::string>());
    CHECK(correct == want["correct"].get<int>());
    CHECK(unparsed == want["unparsed"].get<int>());
    CHECK(run->fingerprint == want["fingerprint"].get<std::string>());
  }
}

TEST_CASE("runs of the same questions share the dataset fingerprint whatever the outputs") {
  auto load = [](const std::string& model) {
    auto run = ys::mmlu_pro::load_mmlu_pro_results(fixtures_dir() + "/model_outputs_" + model +
                                                   "_5shots.json");
    REQUIRE(run.ok());
    return *run;
  };
  const auto small = load("Meta-Llama-3_1-8B-Instruct");
  const auto large = load("Meta-Llama-3_1-70B-Instruct");
  CHECK(small.fingerprint == large.fingerprint);
  CHECK(small.files_sha256 != large.files_sha256);
  // gemini-1.5-pro-002 was run on a later revision of the dataset: question 8447's answer is J
  // there (G in the others) and an option of 8582 differs, so its questions are not the same.
  CHECK(load("gemini-1.5-pro-002").fingerprint != small.fingerprint);
}

TEST_CASE("a file with every published quirk imports, counts them, and keeps each output") {
  TempDir dir;
  const ys::Json abcd = ys::Json::array({"w", "x", "y", "z"});
  ys::Json list = ys::Json::array();
  list.push_back(published(1, "one option", ys::Json::array({"only", "N/A", "N/A"}), "A", 0,
                           "The answer is (A)."));
  list.push_back("a bare string entry");
  list.push_back(published(2, "disagree", abcd, "C", 1, "The answer is (C)."));
  list.push_back(published(3, "same text", abcd, "B", 1, "The answer is (B)."));
  list.push_back(42);
  list.push_back(published(4, "same text", abcd, "B", 1, "The answer is (C)."));
  list.push_back("another bare string");
  const auto path = dir.write("quirks.json", list.dump());
  auto run = ys::mmlu_pro::load_mmlu_pro_results(path);
  REQUIRE(run.ok());
  CHECK(run->quirks.n_records == 4);
  CHECK(run->quirks.few_options == 1);
  CHECK(run->quirks.answer_mismatch == 1);
  CHECK(run->quirks.non_object == 3);
  CHECK(ys::mmlu_pro::mmlu_pro_quirks_line("f", run->quirks) ==
        "f: 4 records; 1 record with fewer than 2 options, 1 answer/answer_index disagreement "
        "(the `answer` letter is used, as TIGER-Lab's scorer does), 3 non-object entries skipped");
  REQUIRE(run->records.size() == 4);
  std::vector<double> values;
  for (const auto& rec : run->records) {
    values.push_back(ys::mmlu_pro::score_mmlu_pro(ys::mmlu_pro::mmlu_pro_item_for_import(rec),
                                                  ys::mmlu_pro::mmlu_pro_response_for_import(rec),
                                                  {})
                         .value);
  }
  // The disagreeing record is scored against its `answer` letter (C), not answer_index (B); the
  // two records with the same prompt each keep their own output.
  CHECK(values == std::vector<double>{1.0, 1.0, 1.0, 0.0});
}

TEST_CASE("only unreadable files and records missing what the score needs are refused") {
  TempDir dir;
  const auto none =
      dir.write("none.json",
                "[" + published(1, "q", ys::Json::array({"N/A", "N/A"}), "A", 0, "x").dump() + "]");
  auto r = ys::mmlu_pro::load_mmlu_pro_results(none);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        none + ": record 1: field 'options' has 0 real options; 1 to 10 are allowed");
  ys::Json no_answer = published(1, "q", ys::Json::array({"a", "b"}), "A", 0, "x");
  no_answer.erase("answer");
  const auto missing = dir.write("missing.json", ys::Json::array({no_answer}).dump());
  auto m = ys::mmlu_pro::load_mmlu_pro_results(missing);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().message == missing + ": record 1: field 'answer' is missing");
  const auto cut = dir.write(
      "cut.json", "[" + published(1, "q", ys::Json::array({"a", "b"}), "A", 0, "x").dump());
  CHECK_FALSE(ys::mmlu_pro::load_mmlu_pro_results(cut).ok());
}
