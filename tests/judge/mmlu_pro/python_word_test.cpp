// Expected classes printed by CPython 3.11: re.match(r"\w", chr(cp)) is not None.
#include "judge/mmlu_pro/python_word.h"

#include <catch2/catch.hpp>
#include <random>

#include "judge/mmlu_pro/score.h"

TEST_CASE("word characters follow Python's Unicode \\w") {
  for (char32_t cp : {0xE9u, 0x7B54u, 0xB2u, 0x663u, 0x10400u, 0x5Fu}) {
    INFO(static_cast<unsigned>(cp));
    CHECK(ys::mmlu_pro::is_python_word(cp));
  }
  for (char32_t cp : {0x2014u, 0x201Cu, 0xD7u, 0x1F600u, 0x2Cu, 0x300u, 0x200Bu, 0xFFFDu}) {
    INFO(static_cast<unsigned>(cp));
    CHECK_FALSE(ys::mmlu_pro::is_python_word(cp));
  }
}

TEST_CASE("UTF-8 decoding walks forwards and backwards and flags broken bytes") {
  const std::string text = "a\xc3\xa9\xe7\xad\x94\xf0\x9f\x98\x80";  // a, é, 答, 😀
  CHECK(ys::mmlu_pro::utf8_char_at(text, 1).code_point == 0xE9);
  CHECK(ys::mmlu_pro::utf8_char_at(text, 3).code_point == 0x7B54);
  CHECK(ys::mmlu_pro::utf8_char_at(text, 6).size_bytes == 4);
  CHECK(ys::mmlu_pro::utf8_char_before(text, 10).code_point == 0x1F600);
  CHECK(ys::mmlu_pro::utf8_char_before(text, 6).code_point == 0x7B54);
  CHECK(ys::mmlu_pro::utf8_char_before(text, 1).code_point == 'a');
  CHECK(ys::mmlu_pro::utf8_char_before(text, 0).size_bytes == 0);
  const std::string broken = "\xc3(\xa9\xed\xa0\x80";  // cut sequence, lone tail, surrogate
  CHECK(ys::mmlu_pro::utf8_char_at(broken, 0).code_point == 0xFFFD);
  CHECK(ys::mmlu_pro::utf8_char_at(broken, 2).code_point == 0xFFFD);
  CHECK(ys::mmlu_pro::utf8_char_at(broken, 3).code_point == 0xFFFD);
  CHECK(ys::mmlu_pro::utf8_char_before(broken, 3).code_point == 0xFFFD);
}

TEST_CASE("random bytes never crash scoring and yield A-J or nothing") {
  std::mt19937 rng(7);
  ys::Item item;
  item.reference = {{"answer", "B"}, {"n_options", 10}, {"question_id", 1}};
  for (int i = 0; i < 2000; ++i) {
    ys::Response r;
    r.text.resize(rng() % 200);
    for (auto& c : r.text) c = static_cast<char>(rng() % 256);
    const ys::Score s = ys::mmlu_pro::score_mmlu_pro(item, r, {});
    CHECK((s.extracted.empty() || (s.extracted[0] >= 'A' && s.extracted[0] <= 'J')));
  }
}
