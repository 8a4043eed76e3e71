#include "judge/mmlu_pro/score.h"

#include <catch2/catch.hpp>

namespace {

ys::Item item_with(const std::string& answer, int n_options, const std::string& rendering = "chat",
                   int64_t question_id = 7) {
  ys::Item item;
  item.reference = {{"answer", answer}, {"n_options", n_options}, {"question_id", question_id}};
  item.meta["rendering"] = rendering;
  return item;
}

ys::Response reply(const std::string& text) {
  ys::Response r;
  r.text = text;
  return r;
}

int official(const ys::Score& s) {
  return s.detail.at("metrics").at("official").get<int>();
}

ys::mmlu_pro::MmluProScoring reseed() {
  ys::mmlu_pro::MmluProScoring scoring;
  scoring.draw = ys::mmlu_pro::OfficialDraw::reseed;
  return scoring;
}

}  // namespace

TEST_CASE("a correct extracted answer scores 1 strictly and officially") {
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("C", 10), reply("The answer is (C)."), {});
  CHECK(s.value == 1.0);
  CHECK(s.status == ys::ScoreStatus::ok);
  CHECK(s.extracted == "C");
  CHECK(s.method == "answer-is");
  CHECK(official(s) == 1);
}

TEST_CASE("a wrong extracted answer scores 0 both ways") {
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("C", 10), reply("The answer is (D)."), {});
  CHECK(s.value == 0.0);
  CHECK(official(s) == 0);
}

TEST_CASE("an unextracted answer is unparsed, strict 0, official credited by the seeded guess") {
  // CPython: random.seed(12345); random.randint(0, 9) == 6, i.e. letter G.
  const auto hit = ys::mmlu_pro::score_mmlu_pro(item_with("G", 10), reply("no idea"), reseed());
  CHECK(hit.status == ys::ScoreStatus::unparsed);
  CHECK(hit.value == 0.0);
  CHECK(hit.method == "none");
  CHECK(official(hit) == 1);
  CHECK(hit.detail.at("official_guess") == "G");
  const auto miss = ys::mmlu_pro::score_mmlu_pro(item_with("A", 10), reply("no idea"), reseed());
  CHECK(official(miss) == 0);
}

TEST_CASE("the official guess uses the question's real option count") {
  // CPython: random.seed(12345); random.randint(0, 3) == 3, i.e. letter D for 4 options.
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("D", 4), reply(""), reseed());
  CHECK(official(s) == 1);
}

TEST_CASE("the official guess must hit answer_index when the file's index disagrees") {
  ys::Item item = item_with("A", 10);
  item.reference["answer_index"] = 6;  // G: what upstream compares its draw with
  CHECK(official(ys::mmlu_pro::score_mmlu_pro(item, reply("no idea"), reseed())) == 1);
}

TEST_CASE("per-run draws come from one stream over the run's unanswered questions in order") {
  // CPython: random.seed(12345); [random.randint(0, n - 1) for n in [10, 4, 10, 7, 2, 10]]
  //   == [6, 0, 4, 6, 1, 3]
  CHECK(ys::mmlu_pro::official_guesses_per_run(12345, {10, 4, 10, 7, 2, 10}) ==
        std::vector<int>{6, 0, 4, 6, 1, 3});
  // Unanswered items with 10, 4 and 10 options around an answered one: draws 6 (G), 0 (A), 4 (E).
  std::vector<ys::Item> items = {item_with("G", 10), item_with("B", 4), item_with("A", 4),
                                 item_with("B", 10)};
  std::vector<ys::Score> scores = {
      ys::mmlu_pro::score_mmlu_pro(items[0], reply("nothing"), {}),
      ys::mmlu_pro::score_mmlu_pro(items[1], reply("The answer is (B)"), {}),
      ys::mmlu_pro::score_mmlu_pro(items[2], reply("nothing"), {}),
      ys::mmlu_pro::score_mmlu_pro(items[3], reply("nothing"), {})};
  CHECK(scores[0].detail.at("official_pending") == true);
  CHECK(official(scores[0]) == 0);
  const std::vector<const ys::Item*> views = {&items[0], &items[1], &items[2], &items[3]};
  const auto changed = ys::mmlu_pro::finalize_mmlu_pro_scores(views, scores, {});
  CHECK(changed == std::vector<size_t>{0, 2, 3});
  CHECK(scores[0].detail.at("official_guess") == "G");
  CHECK(official(scores[0]) == 1);
  CHECK(official(scores[1]) == 1);  // extracted: untouched
  CHECK(scores[2].detail.at("official_guess") == "A");
  CHECK(official(scores[2]) == 1);
  CHECK(scores[3].detail.at("official_guess") == "E");
  CHECK(official(scores[3]) == 0);
  CHECK_FALSE(scores[3].detail.contains("official_pending"));
  CHECK(ys::mmlu_pro::finalize_mmlu_pro_scores(views, scores, reseed()).empty());
}

TEST_CASE("per-question draws seed with seed plus question id") {
  ys::mmlu_pro::MmluProScoring scoring;
  scoring.draw = ys::mmlu_pro::OfficialDraw::per_question;
  // CPython: random.seed(12345 + 3); random.randint(0, 9) == 0.
  CHECK(ys::mmlu_pro::official_guess(scoring, 3, 10) == 0);
  // CPython: random.seed(12345 + 100); random.randint(0, 6) == 1.
  CHECK(ys::mmlu_pro::official_guess(scoring, 100, 7) == 1);
}

TEST_CASE("a failed request scores as an error with value 0") {
  ys::Response r;
  r.error_kind = ys::ErrorKind::timeout;
  r.error = "timed out";
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("A", 10), r, {});
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.value == 0.0);
  CHECK(official(s) == 0);
}

TEST_CASE("a letter beyond the options is extracted, scored wrong and flagged") {
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("A", 4), reply("The answer is (H)"), {});
  CHECK(s.extracted == "H");
  CHECK(s.value == 0.0);
  CHECK(s.detail.at("out_of_range") == true);
}

TEST_CASE("reasoning length adds reasoning_content and think blocks") {
  ys::Response r = reply("<think>abcd</think>The answer is (A)");
  r.reasoning = "xyz";
  const auto s = ys::mmlu_pro::score_mmlu_pro(item_with("A", 10), r, {});
  CHECK(s.value == 1.0);
  CHECK(s.detail.at("reasoning_chars") == 7);
}

TEST_CASE("bold markers are removed only for the chat rendering") {
  const auto chat =
      ys::mmlu_pro::score_mmlu_pro(item_with("B", 10, "chat"), reply("answer is **B**"), {});
  CHECK(chat.method == "answer-is");
  const auto raw =
      ys::mmlu_pro::score_mmlu_pro(item_with("B", 10, "raw"), reply("answer is **B**"), {});
  CHECK(raw.method == "last-letter");
}

TEST_CASE("a malformed reference gives an error score instead of throwing") {
  ys::Item item;
  item.reference = {{"answer", 3}};
  const auto s = ys::mmlu_pro::score_mmlu_pro(item, reply("The answer is (A)"), {});
  CHECK(s.status == ys::ScoreStatus::error);
  CHECK(s.detail.contains("error"));
}

TEST_CASE("macro average is the unweighted mean of category accuracies") {
  const auto m = ys::mmlu_pro::macro_average({{"math", 1, 4}, {"law", 3, 4}, {"empty", 0, 0}});
  REQUIRE(m.has_value());
  CHECK(*m == Approx(0.5));
  CHECK_FALSE(ys::mmlu_pro::macro_average({}).has_value());
}
