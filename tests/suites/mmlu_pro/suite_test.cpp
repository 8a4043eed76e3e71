#include "suites/mmlu_pro/suite.h"

#include <catch2/catch.hpp>

#include "harness/core/hash.h"
#include "test_files.h"

namespace {

ys::SuiteSpec sample_spec(ys::Json options = ys::Json::object()) {
  return ys::SuiteSpec{"mmlu-pro", ys::testing::sample_test(), std::move(options)};
}

std::unique_ptr<ys::Suite> make(ys::Json options = ys::Json::object()) {
  auto s = ys::mmlu_pro::make_mmlu_pro_suite(sample_spec(std::move(options)));
  INFO((s.ok() ? "" : s.error().message));
  REQUIRE(s.ok());
  return std::move(*s);
}

std::vector<ys::Item> plan(const ys::Suite& suite, const ys::PlanContext& ctx = {}) {
  auto items = suite.plan(ctx);
  INFO((items.ok() ? "" : items.error().message));
  REQUIRE(items.ok());
  return *items;
}

std::string make_error(ys::SuiteSpec spec) {
  auto s = ys::mmlu_pro::make_mmlu_pro_suite(spec);
  REQUIRE_FALSE(s.ok());
  return s.error().message;
}

}  // namespace

TEST_CASE("a chat model gets one 5-shot user message per question with the API defaults") {
  const auto items = plan(*make());
  REQUIRE(items.size() == 28);
  const ys::Item& first = items.front();
  CHECK(first.id == "1001");
  CHECK(first.category == "biology");
  CHECK(first.request.kind == ys::RequestKind::chat);
  REQUIRE(first.request.messages.size() == 1);
  CHECK(first.request.messages[0].role == "user");
  CHECK(first.request.params.temperature == 0.0);
  CHECK(first.request.params.max_tokens == 4000);
  CHECK(first.request.params.stop.empty());
  // evaluate_from_api.py sends both penalties as 0.
  CHECK(first.request.params.frequency_penalty == 0.0);
  CHECK(first.request.params.presence_penalty == 0.0);
  CHECK_FALSE(first.request.params.keep_think_blocks);
  CHECK(first.reference == ys::Json{{"answer", "C"}, {"n_options", 10}, {"question_id", 1001}});
  CHECK(first.meta.at("k") == 5);
  CHECK(first.meta.at("rendering") == "chat");
  // Five worked examples, then the question itself.
  const std::string& text = first.request.messages[0].content;
  size_t questions = 0;
  for (size_t at = text.find("Question: "); at != std::string::npos;
       at = text.find("Question: ", at + 1)) {
    ++questions;
  }
  CHECK(questions == 6);
}

TEST_CASE("a completion-only model gets the raw rendering with the local defaults") {
  ys::PlanContext ctx;
  ctx.supports_chat = false;
  ctx.supports_completion = true;
  const auto items = plan(*make(), ctx);
  const ys::Item& item = items.front();
  CHECK(item.request.kind == ys::RequestKind::completion);
  CHECK(item.request.params.max_tokens == 2048);
  CHECK(item.request.params.stop == std::vector<std::string>{"Question:"});
  CHECK(item.meta.at("rendering") == "raw");
  CHECK(item.request.prompt.size() > 200);
  CHECK(item.request.prompt.substr(item.request.prompt.size() - 33) ==
        "Answer: Let's think step by step.");
}

TEST_CASE("a rendering the model cannot serve is an error") {
  ys::PlanContext chat_only;
  auto r = make({{"rendering", "raw"}})->plan(chat_only);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("rendering=chat") != std::string::npos);
}

TEST_CASE("k, categories, limit and max_tokens options shape the plan") {
  const auto items = plan(*make(
      {{"k", "2"}, {"subjects", "computer_science, Law"}, {"limit", 1}, {"max_tokens", 123}}));
  REQUIRE(items.size() == 2);
  CHECK(items[0].category == "computer science");
  CHECK(items[1].category == "law");
  CHECK(items[0].meta.at("k") == 2);
  CHECK(items[0].request.params.max_tokens == 123);
}

TEST_CASE("k = 0 needs no validation split and plans the bare question") {
  ys::testing::TempDir dir;
  const auto path = dir.write("t.jsonl", ys::testing::record_line(5) + "\n");
  auto s = ys::mmlu_pro::make_mmlu_pro_suite({"mmlu-pro", path, {{"k", 0}}});
  REQUIRE(s.ok());
  auto items = (*s)->plan({});
  REQUIRE(items.ok());
  CHECK(items->front().meta.at("k") == 0);
  CHECK((*s)->info().dataset_fingerprint == *ys::sha256_file(path));
}

TEST_CASE("examples are dropped one at a time until the prompt fits the context") {
  const auto suite = make({{"categories", "math"}, {"limit", 1}});
  ys::PlanContext ctx;
  ctx.context_tokens = 4600;
  ctx.count_tokens = [](const std::string& s) { return static_cast<int>(s.size()); };
  const auto all = plan(*suite);
  const auto fitted = plan(*suite, ctx);
  REQUIRE(fitted.size() == 1);
  const int k = fitted[0].meta.at("k").get<int>();
  CHECK(k < 5);
  CHECK(static_cast<int>(fitted[0].request.messages[0].content.size()) < 4600 - 4000);
  CHECK_FALSE(fitted[0].meta.contains("prompt_overflow"));
  CHECK(all[0].meta.at("k") == 5);

  ctx.context_tokens = 4010;
  const auto overflow = plan(*suite, ctx);
  CHECK(overflow[0].meta.at("k") == 0);
  CHECK(overflow[0].meta.at("prompt_overflow") == true);
}

TEST_CASE("suite info names the suite and fingerprints both files") {
  const auto info = make()->info();
  CHECK(info.name == "mmlu-pro");
  CHECK(info.protocol_version == "1");
  const std::string expected =
      ys::sha256_hex("test " + *ys::sha256_file(ys::testing::sample_test()) + "\nvalidation " +
                     *ys::sha256_file(ys::testing::sample_validation()) + "\n");
  CHECK(info.dataset_fingerprint == expected);
  CHECK(info.config.at("k") == 5);
  CHECK(info.config.at("rendering") == "auto");
  CHECK(info.config.at("official_draw") == "per-run");
}

TEST_CASE("the suite scores its own items with the official chain") {
  const auto suite = make({{"categories", "biology"}, {"limit", 1}});
  const auto items = plan(*suite);
  ys::Response r;
  r.text = "Plants capture light... **The answer is (C)**";
  const auto s = suite->score(items[0], r);
  CHECK(s.value == 1.0);
  CHECK(s.method == "answer-is");
}

TEST_CASE("bad options and files are clear errors") {
  CHECK(make_error(sample_spec({{"k", 6}})) == "mmlu-pro option 'k': 6 is outside 0..5");
  CHECK(make_error(sample_spec({{"shots", 5}})).find("'shots': unknown option") !=
        std::string::npos);
  CHECK(make_error(sample_spec({{"categories", "astrology"}})).find("\"astrology\" is not in") !=
        std::string::npos);
  CHECK(make_error(sample_spec({{"rendering", "html"}})).find("expected one of auto, chat, raw") !=
        std::string::npos);
  ys::testing::TempDir dir;
  const auto lone = dir.write("t.jsonl", ys::testing::record_line(5) + "\n");
  CHECK(make_error({"mmlu-pro", lone, {}}).find("pass option validation=PATH (or k=0)") !=
        std::string::npos);
  CHECK(make_error({"mmlu-pro", dir.path() + "/nope.jsonl", {{"k", 0}}}).find("cannot open") !=
        std::string::npos);
}

TEST_CASE("seed, official_draw and strip_think options reach the scorer") {
  // Question 1001's answer is C (index 2). CPython: random.seed(1); random.randint(0, 9) == 2;
  // random.seed(12345 + 1001); random.randint(0, 9) == 7.
  ys::Response none;
  none.text = "<think>The answer is (C)</think>I cannot tell.";
  const auto reseeded =
      make({{"seed", 1}, {"categories", "biology"}, {"limit", 1}, {"official_draw", "reseed"}});
  const auto item = plan(*reseeded).front();
  REQUIRE(item.id == "1001");
  const auto a = reseeded->score(item, none);
  CHECK(a.method == "last-letter");  // "I" in the visible text; the think block is gone
  CHECK(a.extracted == "I");

  ys::Response empty;
  empty.text = "no letter here";
  CHECK(reseeded->score(item, empty).detail.at("metrics").at("official") == 1);
  const auto per_question = make({{"official_draw", "per-question"}});
  const auto b = per_question->score(item, empty);
  CHECK(b.detail.at("official_guess") == "H");
  CHECK(b.detail.at("metrics").at("official") == 0);

  const auto keep_think = make({{"strip_think", "false"}});
  const auto c = keep_think->score(item, none);
  CHECK(c.method == "answer-is");
  CHECK(c.value == 1.0);
}

TEST_CASE("strip_think=false asks the backend to leave think blocks in the text") {
  const auto items = plan(*make({{"strip_think", false}, {"limit", 1}}));
  REQUIRE_FALSE(items.empty());
  CHECK(items[0].request.params.keep_think_blocks);
  ys::PlanContext raw;
  raw.supports_chat = false;
  raw.supports_completion = true;
  const auto raw_items = plan(*make({{"strip_think", false}, {"limit", 1}}), raw);
  CHECK(raw_items[0].request.params.keep_think_blocks);
  CHECK_FALSE(raw_items[0].request.params.frequency_penalty.has_value());
}

TEST_CASE("a test split with quirks loads, and its counts reach the notes and the config") {
  ys::testing::TempDir dir;
  const auto path =
      dir.write("t.jsonl", ys::testing::record_line(1) + "\n\"stray\"\n" +
                               ys::testing::record_line(2, "A", 0, R"(["only", "N/A"])") + "\n" +
                               ys::testing::record_line(3, "C", 1) + "\n");
  auto suite = ys::mmlu_pro::make_mmlu_pro_suite({"mmlu-pro", path, {{"k", 0}}});
  REQUIRE(suite.ok());
  const auto notes = (*suite)->notes();
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == path +
                        ": 3 records; 1 record with fewer than 2 options, 1 answer/answer_index "
                        "disagreement (the `answer` letter is used, as TIGER-Lab's scorer does), "
                        "1 non-object entry skipped");
  const auto info = (*suite)->info();
  CHECK(info.config.at("dataset_quirks").at("test").at("few_options") == 1);
  const auto items = plan(**suite);
  REQUIRE(items.size() == 3);
  CHECK(items[1].reference.at("n_options") == 1);
  CHECK(items[2].reference.at("answer") == "C");
  CHECK(items[2].reference.at("answer_index") == 1);
  CHECK_FALSE(make()->info().config.contains("dataset_quirks"));
  CHECK(make()->notes().empty());
}
