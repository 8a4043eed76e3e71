#include <catch2/catch.hpp>
#include <set>

#include "datasets/mmlu_pro/file.h"
#include "test_files.h"

using ys::testing::record_line;
using ys::testing::TempDir;

namespace {

std::string load_error(const std::string& path) {
  auto r = ys::load_mmlu_pro_file(path);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("the sample splits load with all 14 categories and N/A padding dropped") {
  auto test = ys::load_mmlu_pro_file(ys::testing::sample_test());
  REQUIRE(test.ok());
  auto val = ys::load_mmlu_pro_file(ys::testing::sample_validation());
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
  CHECK(cats ==
        std::set<std::string>(ys::mmlu_pro_categories().begin(), ys::mmlu_pro_categories().end()));
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
  auto r = ys::load_mmlu_pro_file(path);
  REQUIRE(r.ok());
  CHECK((*r)[0].options == std::vector<std::string>{"w", "x", "y"});
}

TEST_CASE("a JSON list file loads like JSONL") {
  TempDir dir;
  const auto path = dir.write("t.json", "[" + record_line(1) + ",\n" + record_line(2) + "]");
  auto r = ys::load_mmlu_pro_file(path);
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

TEST_CASE("an answer letter outside the options is an error") {
  TempDir dir;
  const auto path = dir.write("t.jsonl", record_line(1, "F", 5) + "\n");
  CHECK(load_error(path).find(path + ":1: field 'answer_index' is 5, outside the 4 options") == 0);
}

TEST_CASE("answer and answer_index that disagree are an error") {
  TempDir dir;
  const auto path = dir.write("t.jsonl", record_line(1, "C", 1) + "\n");
  CHECK(load_error(path) == path + ":1: field 'answer' is C but answer_index 1 means B");
}

TEST_CASE("a duplicate question_id names both places") {
  TempDir dir;
  const auto path = dir.write("t.jsonl", record_line(7) + "\n\n" + record_line(7) + "\n");
  CHECK(load_error(path) == path + ":3: field 'question_id' 7 duplicates " + path + ":1");
}

TEST_CASE("an N/A entry before the answer is an error, not a shifted letter") {
  TempDir dir;
  const auto path =
      dir.write("t.jsonl", record_line(1, "C", 2, R"(["w", "N/A", "y", "z"])") + "\n");
  CHECK(load_error(path).find("field 'options' has an \"N/A\" entry") != std::string::npos);
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
  const auto object = dir.write("o.json", "[1, 2]");
  CHECK(load_error(object) == object + ": record 1: record is not a JSON object");
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
  CHECK(load_error(many) == many + ":1: field 'options' has 11 real options; 2 to 10 are allowed");
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
