#include <catch2/catch.hpp>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "datasets/arena_hard/questions.h"
#include "test_paths.h"

using namespace ys;
using namespace ys::arena;
using ys::arena_test::sample;
using ys::arena_test::scratch;

TEST_CASE("the sample question file loads in the current schema") {
  auto q = load_arena_questions(sample("question.jsonl"));
  REQUIRE(q.ok());
  REQUIRE(q->size() == 6);
  CHECK((*q)[0].uid == "q-code-1");
  CHECK((*q)[0].category == "hard_prompt");
  CHECK((*q)[0].subcategory == "coding");
  CHECK((*q)[4].category == "creative_writing");
}

TEST_CASE("legacy v0.1 questions load with question_id, cluster and turns") {
  std::string path =
      scratch("legacy_q.jsonl",
              "{\"question_id\": \"abc\", \"category\": \"arena-hard-v0.1\", "
              "\"cluster\": \"Python scripts\", \"turns\": [{\"content\": \"Hi?\"}]}\n"
              "\n"
              "{\"question_id\": 7, \"category\": \"arena-hard-v0.1\", \"cluster\": "
              "\"x\", \"turns\": [{\"content\": \"Second\"}]}\n");
  auto q = load_arena_questions(path);
  REQUIRE(q.ok());
  REQUIRE(q->size() == 2);
  CHECK((*q)[0].uid == "abc");
  CHECK((*q)[0].subcategory == "Python scripts");
  CHECK((*q)[0].prompt == "Hi?");
  CHECK((*q)[1].uid == "7");
}

TEST_CASE("malformed question lines are errors naming file, line and field") {
  SECTION("bad JSON on line 2") {
    auto q = load_arena_questions(
        scratch("bad1.jsonl", "{\"uid\":\"a\",\"prompt\":\"x\"}\n{\"uid\": \n"));
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("arena_test_bad1.jsonl:2") != std::string::npos);
  }
  SECTION("missing prompt") {
    auto q = load_arena_questions(scratch("bad2.jsonl", "{\"uid\":\"a\"}\n"));
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find(":1: field 'prompt'") != std::string::npos);
  }
  SECTION("prompt of the wrong type") {
    auto q = load_arena_questions(scratch("bad3.jsonl", "{\"uid\":\"a\",\"prompt\":5}\n"));
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("expected a string") != std::string::npos);
  }
  SECTION("duplicate uid") {
    auto q = load_arena_questions(scratch(
        "bad4.jsonl", "{\"uid\":\"a\",\"prompt\":\"x\"}\n{\"uid\":\"a\",\"prompt\":\"y\"}\n"));
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find(":2:") != std::string::npos);
  }
  SECTION("legacy turns empty") {
    auto q = load_arena_questions(scratch("bad5.jsonl", "{\"question_id\":\"a\",\"turns\":[]}\n"));
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("field 'turns'") != std::string::npos);
  }
  SECTION("a line that is not an object") {
    auto q = load_arena_questions(scratch("bad6.jsonl", "[1,2]\n"));
    REQUIRE_FALSE(q.ok());
  }
  SECTION("missing file") {
    auto q = load_arena_questions("does/not/exist.jsonl");
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("does/not/exist.jsonl") != std::string::npos);
  }
}

TEST_CASE("current-schema answers load with answer, thought and metadata") {
  std::string path = scratch(
      "ans.jsonl",
      "{\"uid\":\"u1\",\"ans_id\":\"x\",\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":"
      "\"Q\"},{\"role\":\"assistant\",\"content\":{\"answer\":\"A\",\"thought\":\"T\"}}],"
      "\"tstamp\":"
      "1.5,\"metadata\":{\"token_len\":12,\"header_count\":{\"h1\":1,\"h2\":2},\"list_count\":{"
      "\"ordered\":3,\"unordered\":4},\"bold_count\":{\"**\":5,\"__\":6}}}\n");
  auto a = load_arena_answers(path);
  REQUIRE(a.ok());
  REQUIRE(a->size() == 1);
  const ArenaAnswer& x = (*a)[0];
  CHECK(x.answer == "A");
  CHECK(x.thought == "T");
  CHECK(x.question == "Q");
  REQUIRE(x.metadata.has_value());
  CHECK(x.metadata->token_len == 12);
  CHECK(x.metadata->counts.header_total() == 3);
  CHECK(x.metadata->counts.list_total() == 7);
  CHECK(x.metadata->counts.bold_total() == 11);
}

TEST_CASE("legacy answers import with token_len from the turn") {
  std::string path = scratch(
      "legacy_ans.jsonl",
      "{\"question_id\":\"q\",\"answer_id\":\"a1\",\"model_id\":\"gpt-4-0314\",\"choices\":[{"
      "\"index\":0,\"turns\":[{\"content\":\"# Title\\n- item\",\"token_len\":9}]}],"
      "\"tstamp\":3}\n");
  auto a = load_arena_answers(path);
  REQUIRE(a.ok());
  const ArenaAnswer& x = (*a)[0];
  CHECK(x.model == "gpt-4-0314");
  CHECK(x.uid == "q");
  CHECK(x.answer == "# Title\n- item");
  REQUIRE(x.metadata.has_value());
  CHECK(x.metadata->token_len == 9);
  CHECK(x.metadata->counts.headers[0] == 1);
  CHECK(x.metadata->counts.list_unordered == 1);
}

TEST_CASE("answers export in the current schema and load back unchanged") {
  auto a = load_arena_answers(sample("model_answer/sample-model-a.jsonl"));
  REQUIRE(a.ok());
  std::string path = "arena_test_roundtrip_answers.jsonl";
  REQUIRE(write_arena_answers(path, *a).ok());
  auto b = load_arena_answers(path);
  REQUIRE(b.ok());
  REQUIRE(b->size() == a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    CHECK((*b)[i].answer == (*a)[i].answer);
    CHECK((*b)[i].uid == (*a)[i].uid);
    CHECK((*b)[i].metadata == (*a)[i].metadata);
  }
}

TEST_CASE("malformed answers are errors naming the field") {
  auto a = load_arena_answers(scratch("bad_ans.jsonl",
                                      "{\"uid\":\"u\",\"model\":\"m\",\"messages\":[{\"role\":"
                                      "\"assistant\",\"content\":{\"x\":1}}]}\n"));
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message.find("messages[-1].content.answer") != std::string::npos);
  auto b = load_arena_answers(scratch(
      "bad_meta.jsonl",
      "{\"uid\":\"u\",\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}],"
      "\"metadata\":{\"token_len\":\"many\"}}\n"));
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message.find("token_len") != std::string::npos);
}

TEST_CASE("judgments load with null games and null scores, and round-trip") {
  std::string path = scratch(
      "judg.jsonl",
      "{\"uid\":\"u\",\"category\":\"hard_prompt\",\"judge\":\"j\",\"model\":\"m\",\"baseline\":"
      "\"b\","
      "\"games\":[null,{\"score\":null,\"judgment\":{\"answer\":\"meh\"},\"prompt\":[]}]}\n"
      "{\"question_id\":\"v\",\"model\":\"m\",\"judge\":\"j\",\"games\":[{\"user_prompt\":\"p\","
      "\"judgment\":\"text [[A>B]]\",\"score\":\"A>B\"},{\"user_prompt\":\"p\",\"judgment\":\"t\","
      "\"score\":\"B>A\"}]}\n");
  auto j = load_arena_judgments(path);
  REQUIRE(j.ok());
  REQUIRE(j->size() == 2);
  CHECK_FALSE((*j)[0].games[0].has_value());
  REQUIRE((*j)[0].games[1].has_value());
  CHECK_FALSE((*j)[0].games[1]->score.has_value());
  CHECK((*j)[1].uid == "v");
  CHECK((*j)[1].games[0]->score == "A>B");
  CHECK((*j)[1].games[0]->judgment == "text [[A>B]]");
  REQUIRE(write_arena_judgments("arena_test_judg_out.jsonl", *j).ok());
  auto k = load_arena_judgments("arena_test_judg_out.jsonl");
  REQUIRE(k.ok());
  CHECK((*k)[1].games[1]->score == "B>A");
  CHECK_FALSE((*k)[0].games[0].has_value());
}

TEST_CASE("hostile judgment lines are errors, not crashes") {
  auto a = load_arena_judgments(
      scratch("hj1.jsonl", "{\"uid\":\"u\",\"model\":\"m\",\"games\":[1,2]}\n"));
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message.find("games[0]") != std::string::npos);
  auto b = load_arena_judgments(
      scratch("hj2.jsonl", "{\"uid\":\"u\",\"model\":\"m\",\"games\":[null,null,null]}\n"));
  REQUIRE_FALSE(b.ok());
  auto c = load_arena_judgments(
      scratch("hj3.jsonl", "{\"uid\":\"u\",\"model\":\"m\",\"games\":[{\"score\":3}]}\n"));
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("games[0].score") != std::string::npos);
  auto d = load_arena_judgments(
      scratch("hj4.jsonl", "{\"uid\":\"u\",\"model\":\"m\",\"games\":[{\"score\":\"A>"));
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find(":1:") != std::string::npos);
}

TEST_CASE("question, answer and judgment lines nested 100,000 levels deep are errors") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']') + "\n";
  const std::string path = scratch("deep.jsonl", deep);
  auto q = load_arena_questions(path);
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.error().message, Catch::StartsWith(path + ":1: not valid JSON (nested deeper"));
  CHECK_FALSE(load_arena_answers(path).ok());
  CHECK_FALSE(load_arena_judgments(path).ok());
}
