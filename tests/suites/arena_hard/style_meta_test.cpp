// Markdown counting. Expected counts were computed independently with Python's re module using
// the published patterns (lmarena/arena-hard-auto utils/add_markdown_info.py).
#include "datasets/arena_hard/style_meta.h"

#include <catch2/catch.hpp>

#include "datasets/arena_hard/answers.h"
#include "test_paths.h"

using namespace ys::arena;

TEST_CASE("markdown elements are counted by the published patterns after removing code") {
  std::string text =
      "# H1\n## H2\n###no\n####### seven\n  - a\n* b\n+ c\n-no\n1. one\n 22. two\n3.no\n"
      "**bold** and __under__ and **un\nclosed** ____\n```\n# in code\n- in code\n```\n";
  MarkdownCounts c = count_answer_markdown(text);
  CHECK(c.headers == std::array<int64_t, 6>{1, 1, 0, 0, 0, 0});
  CHECK(c.list_ordered == 2);
  CHECK(c.list_unordered == 3);
  CHECK(c.bold_star == 1);
  CHECK(c.bold_under == 1);
}

TEST_CASE("list items after blank lines are counted once each") {
  MarkdownCounts c = count_markdown("\n\n- a\n\n\n- b\n   \n1.\n");
  CHECK(c.list_unordered == 2);
  CHECK(c.list_ordered == 1);
}

TEST_CASE("code block content is removed and the fences stay") {
  CHECK(remove_code_blocks("a```x\ny```b") == "a``````b");
  CHECK(remove_code_blocks("no ``` close") == "no ``` close");
  CHECK(remove_code_blocks("```a`b```") == "```a`b```");  // content may not hold a backtick
}

TEST_CASE("our counts match the metadata of the sample answers computed in Python") {
  for (const char* f :
       {"sample-model-a", "sample-model-b", "o3-mini-2025-01-31", "gemini-2.0-flash-001"}) {
    auto answers =
        load_arena_answers(ys::arena_test::sample(std::string("model_answer/") + f + ".jsonl"));
    REQUIRE(answers.ok());
    for (const ArenaAnswer& a : *answers) {
      INFO(f << " " << a.uid);
      REQUIRE(a.metadata.has_value());
      CHECK(count_answer_markdown(a.answer) == a.metadata->counts);
    }
  }
}

TEST_CASE("metadata already present is used as is") {
  ArenaAnswer a;
  a.answer = "# heading\n- item";
  a.metadata = StyleMeta{5, {}};
  ensure_style_meta(a);
  CHECK(a.metadata->token_len == 5);
  CHECK(a.metadata->counts.header_total() == 0);
  CHECK_FALSE(a.metadata_computed);
  ArenaAnswer b;
  b.answer = "# heading\n- item";
  ensure_style_meta(b);
  CHECK(b.metadata->token_len == 5);  // js-tiktoken o200k_base: 5 tokens
  CHECK(b.metadata->counts.headers[0] == 1);
  CHECK(b.metadata_computed);
}

TEST_CASE("markdown counts use Python's Unicode \\s and \\d") {
  // Python: re.findall with re.MULTILINE on this text gives h1 1, h2 1, ordered 2, unordered 2.
  std::string t =
      "#\u2003Title\n1.\u2003one\n\u2003- two\n\u0663.\u3000three\n##\u00a0H2\n-\u2028x\n";
  MarkdownCounts c = count_markdown(t);
  CHECK(c.headers[0] == 1);
  CHECK(c.headers[1] == 1);
  CHECK(c.list_ordered == 2);
  CHECK(c.list_unordered == 2);
}

TEST_CASE("a huge hostile answer is counted in linear time") {
  std::string text(300000, '*');
  text += std::string(300000, '`');
  MarkdownCounts c = count_answer_markdown(text);
  CHECK(c.bold_star == 0);
}
