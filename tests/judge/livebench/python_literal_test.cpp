#include "judge/livebench/python_literal.h"

#include <catch2/catch.hpp>

namespace lb = ys::livebench;

TEST_CASE("Python literals read as ast.literal_eval reads them") {
  const auto d = lb::parse_python_literal(
      "{'a': \"x\", 'b': 'it''s' \"\", \"c\": [1, 2.5, True, None], 'd': (1,), 'a': 'y'}\n");
  REQUIRE(d.has_value());
  REQUIRE(d->kind == lb::PyValue::Kind::dict);
  CHECK(d->entries.size() == 4);  // the repeated key keeps its first place, last value
  lb::PyValue key;
  key.kind = lb::PyValue::Kind::string;
  key.text = "a";
  CHECK(d->get(key)->text == "y");
  key.text = "b";
  CHECK(d->get(key)->text == "its");  // adjacent strings concatenate
  const auto escaped = lb::parse_python_literal(R"('tab\there \x41\u00e9 \'q\'')");
  REQUIRE(escaped.has_value());
  CHECK(escaped->text == "tab\there A\xC3\xA9 'q'");
  const auto raw = lb::parse_python_literal(R"(r'\n')");
  REQUIRE(raw.has_value());
  CHECK(raw->text == "\\n");
  CHECK(lb::parse_python_literal("'''a\nb'''")->text == "a\nb");
}

TEST_CASE("Python equality and truth of literals") {
  CHECK(*lb::parse_python_literal("1") == *lb::parse_python_literal("1.0"));
  CHECK(*lb::parse_python_literal("True") == *lb::parse_python_literal("1"));
  CHECK_FALSE(*lb::parse_python_literal("'1'") == *lb::parse_python_literal("1"));
  CHECK(*lb::parse_python_literal("{'a': [1, 2]}") == *lb::parse_python_literal("{'a': [1, 2.0]}"));
  CHECK_FALSE(lb::parse_python_literal("''")->truthy());
  CHECK_FALSE(lb::parse_python_literal("0")->truthy());
  CHECK(lb::parse_python_literal("'x'")->truthy());
}

TEST_CASE("text that is not one Python literal is refused") {
  for (const char* bad : {"", "{'a': 1", "{'a' 1}", "x", "{'a': 1}\n{'b': 2}", "012", "[1,, 2]",
                          "'unclosed", "print(1)", "{'a': 1} trailing"}) {
    INFO(bad);
    CHECK_FALSE(lb::parse_python_literal(bad).has_value());
  }
}
