#include <catch2/catch.hpp>
#include <set>

#include "datasets/mmlu_pro/file.h"
#include "test_files.h"

using ys::testing::record_line;
using ys::testing::TempDir;

namespace {

std::string load_error(const std::string& path) {
  auto r = ys::mmlu_pro::load_mmlu_pro_file(path);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("the sample splits load with all 14 categories and N/A padding dropped") {
  auto test = ys::mmlu_pro::load_mmlu_pro_file(ys::testing::sample_test());
  REQUIRE(test.ok());
  auto val = ys::mmlu_pro::load_mmlu_pro_file(ys::testing::sample_validation());
  REQUIRE(val.ok());
  CHECK(test->size() == 28);
  CHECK(val->size() == 70);
  std::set<std::string> cats;
  int short_questions = 0;
  for (const auto& r : *test) {
    cats.insert(r.category);
    short_questions += r.options.size() < 10;
    for (const auto& o : r.options) CHECK(o != "N/A");
  }
  CHECK(cats == std::set<std::string>(ys::mmlu_pro::mmlu_pro_categories().begin(),
                                      ys::mmlu_pro::mmlu_pro_categories().end()));
  CHECK(short_questions > 0);
  for (const auto& r : *val) {
    CHECK(r.cot_content.rfind("A: Let's think step by step.", 0) == 0);
    CHECK(r.cot_content.find("The answer is (" + r.answer + ").") != std::string::npos);
  }
}

TEST_CASE("a padded record keeps only its real options") {
  TempDir dir;
  const auto path =
      dir.write("t.jsonl", record_line(1, "B", 1, R"(["w", "x", "y", "N/A", "N/A"])") + "\n");
  auto r = ys::mmlu_pro::load_mmlu_pro_file(path);
  REQUIRE(r.ok());
  CHECK((*r)[0].options == std::vector<std::string>{"w", "x", "y"});
}

TEST_CASE("a JSON list file loads like JSONL") {
  TempDir dir;
  const auto path = dir.write("t.json", "[" + record_line(1) + ",\n" + record_line(2) + "]");
  auto r = ys::mmlu_pro::load_mmlu_pro_file(path);
  REQUIRE(r.ok());
  CHECK(r->size() == 2);
  CHECK((*r)[1].question_id == 2);
}

TEST_CASE("a missing field is named with file and line") {
  TempDir dir;
  std::string bad = record_line(2);
  bad.replace(bad.find(R"("category": "math", )"), 20, "");
  const auto path = dir.write("t.jsonl", record_line(1) + "\n" + bad + "\n");
  CHECK(load_error(path) == path + ":2: field 'category' is missing");
}

namespace {

// Quirks TIGER-Lab's scripts accept are loaded and counted (quirks.h), not refused.
ys::mmlu_pro::MmluProQuirks quirks_of(const std::string& path, size_t n_records) {
  ys::mmlu_pro::MmluProQuirks q;
  auto r = ys::mmlu_pro::load_mmlu_pro_file(path, &q);
  REQUIRE(r.ok());
  CHECK(r->size() == n_records);
  CHECK(q.n_records == static_cast<int64_t>(n_records));
  return q;
}

}  // namespace

TEST_CASE("an answer letter outside the options is loaded and counted") {
  TempDir dir;
  const auto q = quirks_of(dir.write("t.jsonl", record_line(1, "F", 5) + "\n"), 1);
  CHECK(q.answer_outside == 1);
  CHECK(q.answer_mismatch == 1);  // index 5 is not a real option either
}

TEST_CASE("answer and answer_index that disagree are counted and the letter is kept") {
  TempDir dir;
  const auto path = dir.write("t.jsonl", record_line(1, "C", 1) + "\n");
  const auto q = quirks_of(path, 1);
  CHECK(q.answer_mismatch == 1);
  CHECK(q.describe() ==
        "1 answer/answer_index disagreement (the `answer` letter is used, as TIGER-Lab's scorer "
        "does)");
  CHECK((*ys::mmlu_pro::load_mmlu_pro_file(path))[0].answer == "C");
}

TEST_CASE("a record with one real option is loaded and counted") {
  TempDir dir;
  const auto q = quirks_of(
      dir.write("t.jsonl", record_line(1, "A", 0, R"(["only", "N/A", "N/A"])") + "\n"), 1);
  CHECK(q.few_options == 1);
  CHECK_FALSE(q.answer_mismatch);
}

TEST_CASE("a duplicate question_id names both places") {
  TempDir dir;
  const auto path = dir.write("t.jsonl", record_line(7) + "\n\n" + record_line(7) + "\n");
  CHECK(load_error(path) == path + ":3: field 'question_id' 7 duplicates " + path + ":1");
}

TEST_CASE("an N/A entry before the answer is counted as a disagreement; the letter is used") {
  TempDir dir;
  const auto path =
      dir.write("t.jsonl", record_line(1, "C", 2, R"(["w", "N/A", "y", "z"])") + "\n");
  CHECK(quirks_of(path, 1).answer_mismatch == 1);
}

TEST_CASE("a record in a JSON list is named by its index") {
  TempDir dir;
  const auto path = dir.write("t.json", "[" + record_line(1) + ", " + record_line(2, "Q") + "]");
  CHECK(load_error(path) == path + ": record 2: field 'answer' must be one letter A-J, got \"Q\"");
}

TEST_CASE("truncated and malformed files give errors with a line") {
  TempDir dir;
  const std::string line = record_line(1);
  const auto jsonl = dir.write("t.jsonl", line + "\n" + line.substr(0, line.size() / 2) + "\n");
  CHECK(load_error(jsonl).find(jsonl + ":2: invalid JSON") == 0);
  const auto list = dir.write("t.json", "[\n" + line + ",\n" + line.substr(0, 30));
  CHECK(load_error(list).find(list + ":3: invalid JSON") == 0);
  const auto object = dir.write("o.json", "[1, \"text\", " + line + "]");
  CHECK(quirks_of(object, 1).non_object == 2);
  const auto empty = dir.write("e.jsonl", "\n  \n");
  CHECK(load_error(empty) == empty + ": file is empty");
  CHECK(load_error(dir.path() + "/missing.jsonl").find("cannot open") != std::string::npos);
}

TEST_CASE("wrong field types are errors, never exceptions") {
  TempDir dir;
  std::string bad = record_line(1);
  bad.replace(bad.find(R"("question_id": 1)"), 16, R"("question_id": "1")");
  const auto path = dir.write("t.jsonl", bad + "\n");
  CHECK(load_error(path) == path + ":1: field 'question_id' must be an integer");
  const auto opts = dir.write("o.jsonl", record_line(1, "B", 1, R"(["w", 3])") + "\n");
  CHECK(load_error(opts) == opts + ":1: field 'options' must be a list of strings");
  const auto many = dir.write(
      "m.jsonl", record_line(1, "B", 1, R"(["a","b","c","d","e","f","g","h","i","j","k"])") + "\n");
  CHECK(load_error(many) == many + ":1: field 'options' has 11 real options; 1 to 10 are allowed");
}

TEST_CASE("records nested 100,000 levels deep are errors with a line, in both file forms") {
  TempDir dir;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto jsonl = dir.write("d.jsonl", record_line(1) + "\n" + deep + "\n");
  CHECK(load_error(jsonl) ==
        jsonl + ":2: invalid JSON (nested deeper than 256 levels at line 1, column 257)");
  const auto list = dir.write("d.json", "[\n" + record_line(1) + ",\n" + deep + "]");
  CHECK(load_error(list) ==
        list + ":3: invalid JSON (nested deeper than 256 levels at line 3, column 256)");
}
