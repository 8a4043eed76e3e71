// protocol=loglik at the suite level: one loglik request per question with one continuation per
// real option, its own protocol version and config, the model check, context fitting, option
// errors, and scoring of planned items from synthetic responses (expected values by hand).
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <map>

#include "suites/mmlu_pro/prompt.h"
#include "suites/mmlu_pro/suite.h"
#include "test_files.h"

namespace {

ys::PlanContext loglik_model() {
  ys::PlanContext ctx;
  ctx.supports_chat = true;
  ctx.supports_completion = true;
  ctx.supports_loglik = true;
  return ctx;
}

std::unique_ptr<ys::Suite> make(ys::Json options) {
  options["protocol"] = "loglik";
  auto s = ys::mmlu_pro::make_mmlu_pro_suite(
      {"mmlu-pro", ys::testing::sample_test(), std::move(options)});
  INFO((s.ok() ? "" : s.error().message));
  REQUIRE(s.ok());
  return std::move(*s);
}

std::vector<ys::Item> plan(const ys::Suite& suite, const ys::PlanContext& ctx = loglik_model()) {
  auto items = suite.plan(ctx);
  INFO((items.ok() ? "" : items.error().message));
  REQUIRE(items.ok());
  return *items;
}

}  // namespace

TEST_CASE("protocol=loglik plans one loglik request per question, one continuation per option") {
  const auto items = plan(*make(ys::Json::object()));
  REQUIRE(items.size() == 28);
  for (const auto& item : items) {
    INFO(item.id);
    CHECK(item.request.kind == ys::RequestKind::loglik);
    CHECK(item.request.messages.empty());
    CHECK(item.request.params == ys::GenParams{});
    const size_t n = item.reference.at("n_options").get<size_t>();
    CHECK(item.request.continuations == ys::mmlu_pro::mmlu_pro_loglik_continuations(n));
    CHECK(item.request.prompt.size() > 6);
    CHECK(item.request.prompt.substr(item.request.prompt.size() - 7) == "Answer:");
    CHECK(item.meta.at("protocol") == "loglik");
    CHECK(item.meta.at("k") == 5);
    CHECK_FALSE(item.meta.contains("rendering"));
  }
  // Question 1003 has ten options of which two are "N/A" padding: eight continuations.
  const auto it =
      std::find_if(items.begin(), items.end(), [](const ys::Item& i) { return i.id == "1003"; });
  REQUIRE(it != items.end());
  CHECK(it->request.continuations.size() == 8);
  CHECK(it->request.continuations.back() == " H");
}

TEST_CASE("the loglik prompt is the golden rendering with the category's first k examples") {
  const auto items = plan(*make({{"k", 2}, {"categories", "chemistry"}}));
  const auto it =
      std::find_if(items.begin(), items.end(), [](const ys::Item& i) { return i.id == "1006"; });
  REQUIRE(it != items.end());
  std::ifstream in(ys::testing::source_path("tests/suites/mmlu_pro/golden/loglik_1006_k2.txt"),
                   std::ios::binary);
  const std::string golden{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(it->request.prompt == golden);
  CHECK(it->request.continuations == std::vector<std::string>{" A", " B", " C", " D"});
}

TEST_CASE("a model without log-likelihoods cannot run protocol=loglik") {
  ys::PlanContext chat_api;  // chat only, as openai: and anthropic:
  auto r = make(ys::Json::object())->plan(chat_api);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("protocol=loglik") != std::string::npos);
  CHECK(r.error().message.find("chat APIs (openai:, anthropic:)") != std::string::npos);
  CHECK(r.error().message.find("local:") != std::string::npos);
}

TEST_CASE(
    "loglik runs have their own suite name, protocol version and a config without generation "
    "keys") {
  const auto info = make({{"k", 3}, {"limit", 1}})->info();
  CHECK(info.name == "mmlu-pro-loglik");
  CHECK(info.protocol_version == "loglik-1");
  CHECK(info.protocol_version != ys::mmlu_pro::kMmluProProtocolVersion);
  CHECK(
      info.config ==
      ys::Json{{"protocol", "loglik"}, {"k", 3}, {"categories", ys::Json::array()}, {"limit", 1}});
  // The CoT protocol's config has no "protocol" key, so its run ids are what they were.
  auto cot = ys::mmlu_pro::make_mmlu_pro_suite({"mmlu-pro", ys::testing::sample_test(), {}});
  REQUIRE(cot.ok());
  CHECK((*cot)->info().protocol_version == "1");
  CHECK_FALSE((*cot)->info().config.contains("protocol"));
  auto explicit_cot = ys::mmlu_pro::make_mmlu_pro_suite(
      {"mmlu-pro", ys::testing::sample_test(), {{"protocol", "cot"}}});
  REQUIRE(explicit_cot.ok());
  CHECK((*explicit_cot)->info().config == (*cot)->info().config);
}

TEST_CASE("generation options are errors under protocol=loglik, and unknown protocols too") {
  const std::map<std::string, std::string> valid = {{"rendering", "chat"},
                                                    {"strip_think", "true"},
                                                    {"max_tokens", "5"},
                                                    {"seed", "1"},
                                                    {"official_draw", "reseed"}};
  for (const auto& [key, value] : valid) {
    INFO(key);
    ys::Json o = {{"protocol", "loglik"}, {key, value}};
    auto s = ys::mmlu_pro::make_mmlu_pro_suite({"mmlu-pro", ys::testing::sample_test(), o});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("does not apply to protocol=loglik") != std::string::npos);
  }
  auto bad = ys::mmlu_pro::make_mmlu_pro_suite(
      {"mmlu-pro", ys::testing::sample_test(), {{"protocol", "multiple-choice"}}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "mmlu-pro option 'protocol': expected one of cot, loglik");
}

TEST_CASE("loglik examples are dropped until the prompt leaves two tokens of context") {
  const auto suite = make({{"categories", "math"}, {"limit", 1}});
  const auto full = plan(*suite).front();
  const int full_chars = static_cast<int>(full.request.prompt.size());
  ys::PlanContext ctx = loglik_model();
  ctx.count_tokens = [](const std::string& s) { return static_cast<int>(s.size()); };
  ctx.context_tokens = full_chars + 2;  // count < context - 2 fails by one
  const auto fitted = plan(*suite, ctx).front();
  CHECK(fitted.meta.at("k") == 4);
  ctx.context_tokens = full_chars + 3;
  CHECK(plan(*suite, ctx).front().meta.at("k") == 5);
  ctx.context_tokens = 10;
  const auto overflow = plan(*suite, ctx).front();
  CHECK(overflow.meta.at("k") == 0);
  CHECK(overflow.meta.at("prompt_overflow") == true);
}

TEST_CASE("the suite scores loglik items by the argmax letter") {
  const auto suite = make({{"categories", "chemistry"}});
  const auto items = plan(*suite);
  REQUIRE(items.size() == 2);
  const ys::Item& item = items[1];
  REQUIRE(item.id == "1006");  // answer C, four options
  ys::Response r;
  r.logliks = {{-2.0, false, 1}, {-1.5, false, 1}, {-0.3, true, 1}, {-4.0, false, 1}};
  ys::Score s = suite->score(item, r);
  CHECK(s.status == ys::ScoreStatus::ok);
  CHECK(s.extracted == "C");
  CHECK(s.value == 1.0);
  r.logliks[1].logprob = -0.1;
  s = suite->score(item, r);
  CHECK(s.extracted == "B");
  CHECK(s.value == 0.0);
  r.logliks.pop_back();
  CHECK(suite->score(item, r).status == ys::ScoreStatus::error);
}
