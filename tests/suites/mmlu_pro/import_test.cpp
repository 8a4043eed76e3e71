#include <catch2/catch.hpp>

#include "datasets/mmlu_pro/results.h"
#include "harness/core/hash.h"
#include "suites/mmlu_pro/suite.h"
#include "test_files.h"

using ys::testing::TempDir;

namespace {

// A published-style record: dataset fields plus an output field and a misleading "pred".
std::string published(int id, const std::string& field, const std::string& output) {
  std::string r = ys::testing::record_line(id);
  r.pop_back();
  return r + R"(, "pred": "A", ")" + field + R"(": )" + ys::Json(output).dump() + "}";
}

}  // namespace

TEST_CASE("published result files load with their outputs from any of the three fields") {
  TempDir dir;
  const auto path =
      dir.write("math_result.json", "[" + published(1, "model_outputs", "The answer is (B).") +
                                        "," + published(2, "generated_text", "Answer: C") + "," +
                                        published(3, "response", "no idea") + "]");
  auto run = ys::mmlu_pro::load_mmlu_pro_results(path);
  REQUIRE(run.ok());
  REQUIRE(run->records.size() == 3);
  CHECK(run->records[0].output_field == "model_outputs");
  CHECK(run->records[1].output_field == "generated_text");
  CHECK(run->records[2].output == "no idea");
  CHECK(run->files_sha256 == *ys::sha256_file(path));
  CHECK(run->fingerprint != run->files_sha256);  // the questions only (results.h)
}

TEST_CASE("imported outputs are scored by the same extraction, ignoring pred") {
  TempDir dir;
  const auto path = dir.write("r.json", "[" + published(1, "model_outputs", "so **B**") + "," +
                                            published(2, "model_outputs", "nothing") + "]");
  auto run = ys::mmlu_pro::load_mmlu_pro_results(path);
  REQUIRE(run.ok());
  const ys::Item item = ys::mmlu_pro::mmlu_pro_item_for_import(run->records[0]);
  CHECK(item.id == "1");
  CHECK(item.meta.at("imported") == true);
  CHECK(item.meta.at("rendering") == "chat");
  CHECK(item.request.messages[0].content.find("Question: q1\nOptions: A. w\n") !=
        std::string::npos);
  const auto s = ys::mmlu_pro::score_mmlu_pro(
      item, ys::mmlu_pro::mmlu_pro_response_for_import(run->records[0]), {});
  CHECK(s.extracted == "B");  // pred says "A"
  CHECK(s.value == 1.0);
  const auto none =
      ys::mmlu_pro::score_mmlu_pro(ys::mmlu_pro::mmlu_pro_item_for_import(run->records[1]),
                                   ys::mmlu_pro::mmlu_pro_response_for_import(run->records[1]), {});
  CHECK(none.status == ys::ScoreStatus::unparsed);
  const auto info = ys::mmlu_pro::mmlu_pro_import_info(*run, {});
  CHECK(info.name == "mmlu-pro");
  CHECK(info.config.at("imported") == true);
}

TEST_CASE("a folder of per-category result files is read in name order, summaries skipped") {
  TempDir dir;
  dir.write("law_result.json", "[" + published(2, "model_outputs", "x") + "]");
  dir.write("biology_result.json", "[" + published(1, "model_outputs", "y") + "]");
  dir.write("law_summary.json", R"({"law": {"corr": 1}})");
  auto run = ys::mmlu_pro::load_mmlu_pro_results(dir.path());
  REQUIRE(run.ok());
  REQUIRE(run->records.size() == 2);
  CHECK(run->records[0].record.question_id == 1);
  CHECK(run->files.size() == 2);
}

TEST_CASE("result records without output or with duplicates are errors naming the record") {
  TempDir dir;
  const auto missing = dir.write("m.json", "[" + ys::testing::record_line(1) + "]");
  auto r = ys::mmlu_pro::load_mmlu_pro_results(missing);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == missing +
                                 ": record 1: no model output (expected one of the fields "
                                 "model_outputs, generated_text, response)");
  const auto dup = dir.write(
      "d.json", "[" + published(4, "response", "a") + "," + published(4, "response", "b") + "]");
  auto d = ys::mmlu_pro::load_mmlu_pro_results(dup);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message ==
        dup + ": record 2: field 'question_id' 4 duplicates " + dup + ": record 1");
  const auto typed = dir.write("t.json", "[" + published(1, "model_outputs", "a") + "]");
  std::string text = "[" + published(1, "model_outputs", "a") + "]";
  text.replace(text.find(R"("a"})"), 4, "42}");
  dir.write("t.json", text);
  auto t = ys::mmlu_pro::load_mmlu_pro_results(typed);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == typed + ": record 1: field 'model_outputs' must be a string");
}
