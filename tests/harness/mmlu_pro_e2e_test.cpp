// End-to-end: the MMLU-Pro suite through the CLI against the fake server (run, resume,
// leaderboard, JSON report), and `yardstick import` of a published result file.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"
#include "tests/support/paths.h"

using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using Json = nlohmann::json;
using ys::test::run_cli;
using Cli = ys::test::CliResult;

TEST_CASE("MMLU-Pro runs through the CLI, resumes, and reports strict and official scores") {
  ys::test::TempDir dir;
  std::string data = ys::test::source_path("datasets/samples/mmlu_pro/test.jsonl");
  // Count the questions whose answer is A straight from the data file (the expected accuracy of a
  // model that always answers A).
  int n = 0, n_a = 0;
  {
    std::ifstream in(data);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      ++n;
      if (Json::parse(line)["answer"] == "A") ++n_a;
    }
  }
  REQUIRE(n > 0);
  FakeServer server([](const FakeRequest&) {
    FakeReply r;
    r.text = "Let's think step by step. The answer is (A).";
    return r;
  });
  std::string db = dir.file("y.db");
  std::vector<std::string> run = {"--db", db,
                                  "-q",   "run",
                                  "-s",   "mmlu-pro:" + data,
                                  "-m",   "always-a=openai-compat:" + server.base_url() + "#a"};
  Cli first = run_cli(dir, run);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(server.request_count() == n);
  // 5-shot chat rendering: the prompt carries the worked examples of its category.
  auto body = server.requests().front().body;
  CHECK(body["messages"].back()["content"].get<std::string>().find("The answer is") !=
        std::string::npos);

  Cli again = run_cli(dir, run);
  REQUIRE(again.exit_code == 0);
  CHECK(server.request_count() == n);

  Cli json = run_cli(dir, {"--db", db, "report", "-f", "json"});
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.output);
  REQUIRE(report["runs"].size() == 1);
  const Json& r = report["runs"][0];
  CHECK(r["suite"] == "mmlu-pro");
  CHECK(r["score"]["mean"].get<double>() == Approx(static_cast<double>(n_a) / n));
  CHECK(r["n_done"] == n);
  CHECK(report.dump().find("official") != std::string::npos);
}

TEST_CASE("published MMLU-Pro result files are imported and scored without calling a model") {
  ys::test::TempDir dir;
  Json records = Json::array();
  auto rec = [](int id, const char* answer, int index, const char* output) {
    return Json{{"question_id", id},
                {"question", "Q" + std::to_string(id)},
                {"options", {"w", "x", "y", "z"}},
                {"answer", answer},
                {"answer_index", index},
                {"cot_content", ""},
                {"category", "math"},
                {"src", "test"},
                {"pred", "A"},  // must be ignored
                {"model_outputs", output}};
  };
  records.push_back(rec(1, "B", 1, "Thinking... the answer is (B)."));
  records.push_back(rec(2, "A", 0, "So the answer is (C)."));
  records.push_back(rec(3, "D", 3, "not sure, sorry."));
  std::string path = dir.write("math_result.json", records.dump());
  std::string db = dir.file("y.db");
  Cli imp = run_cli(dir, {"--db", db, "import", "mmlu-pro", path, "-m", "published"});
  INFO(imp.output);
  REQUIRE(imp.exit_code == 0);
  Cli json = run_cli(dir, {"--db", db, "report", "-f", "json"});
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.output);
  REQUIRE(report["runs"].size() == 1);
  CHECK(report["runs"][0]["model"] == "published");
  CHECK(report["runs"][0]["score"]["mean"].get<double>() == Approx(1.0 / 3.0));
  CHECK(report["runs"][0]["n_unparsed"] == 1);

  std::string bad = dir.write("bad.json", "[{\"question_id\": 1}]");
  Cli b = run_cli(dir, {"--db", dir.file("other.db"), "import", "mmlu-pro", bad, "-m", "x"});
  CHECK(b.exit_code == 2);
  CHECK(b.output.find("bad.json") != std::string::npos);
}

namespace {

Json quirk_record(int id, const std::string& question, Json options, const std::string& answer,
                  int answer_index, const std::string& output) {
  return {{"question_id", id},
          {"question", question},
          {"options", std::move(options)},
          {"answer", answer},
          {"answer_index", answer_index},
          {"cot_content", ""},
          {"category", "math"},
          {"src", "gen"},
          {"model_outputs", output}};
}

}  // namespace

TEST_CASE("a published file with every quirk imports with counts, each record on its own output") {
  ys::test::TempDir dir;
  const Json abcd = Json::array({"w", "x", "y", "z"});
  Json list = Json::array();
  list.push_back(
      quirk_record(1, "one option", Json::array({"only", "N/A"}), "A", 0, "The answer is (A)."));
  list.push_back("bare string");
  list.push_back(quirk_record(2, "disagree", abcd, "C", 1, "The answer is (C)."));
  // Two questions with the same text and options (as 1593/1594 in the Llama-3.1-70B file): the
  // same rendered prompt, different recorded outputs.
  list.push_back(quirk_record(1593, "same", abcd, "B", 1, "The answer is (B)."));
  list.push_back(quirk_record(1594, "same", abcd, "B", 1, "The answer is (C)."));
  const std::string path = dir.write("quirks.json", list.dump());
  const std::string db = dir.file("y.db");
  Cli imp = run_cli(dir, {"--db", db, "import", "mmlu-pro", path, "-m", "quirky"});
  INFO(imp.output);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.output.find(path +
                        ": 4 records; 1 record with fewer than 2 options, 1 answer/answer_index "
                        "disagreement (the `answer` letter is used, as TIGER-Lab's scorer does), "
                        "1 non-object entry skipped") != std::string::npos);
  Cli json = run_cli(dir, {"--db", db, "report", "-f", "json"});
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.output);
  std::map<std::string, std::string> extracted, text;
  for (const auto& s : report["samples"]) {
    extracted[s["item_id"]] = s["extracted"];
    text[s["item_id"]] = s["response_text"];
  }
  REQUIRE(extracted.size() == 4);
  CHECK(extracted["1593"] == "B");
  CHECK(extracted["1594"] == "C");
  CHECK(text["1594"] == "The answer is (C).");
  CHECK(report["runs"][0]["score"]["mean"].get<double>() == Approx(3.0 / 4.0));
  // The counts are the run's provenance, and so is the guessing rule.
  Cli runs = run_cli(dir, {"--db", db, "runs", "--json"});
  REQUIRE(runs.exit_code == 0);
  const Json run = Json::parse(runs.output);
  const Json& quirks = run["config"]["quirks"][0];
  CHECK(quirks["file"] == path);
  CHECK(quirks["records"] == 4);
  CHECK(quirks["few_options"] == 1);
  CHECK(quirks["answer_mismatch"] == 1);
  CHECK(quirks["non_object_skipped"] == 1);
  CHECK(run["suite_config"]["official_draw"] == "per-run");
}

TEST_CASE("the six recorded result files import and score as the independent re-score") {
  ys::test::TempDir dir;
  if (!ys::test::have_fixture(ys::test::fixture_path("mmlu-pro-recorded"))) return;
  std::ifstream in(ys::test::source_path("tests/suites/mmlu_pro/published_rescore.json"));
  REQUIRE(in);
  const Json expected = Json::parse(in);
  const std::string db = dir.file("y.db");
  std::map<std::string, double> want;
  for (const auto& [name, counts] : expected.items()) {
    // "model_outputs_<model>_5shots.json" -> "<model>"
    const std::string model = name.substr(14, name.size() - 14 - 12);
    Cli imp = run_cli(dir, {"--db", db, "-q", "import", "mmlu-pro",
                            ys::test::fixture_path("mmlu-pro-recorded/" + name), "-m", model});
    INFO(imp.output);
    REQUIRE(imp.exit_code == 0);
    want[model] = counts["correct"].get<double>() / counts["n"].get<double>();
  }
  Cli json = run_cli(dir, {"--db", db, "report", "-f", "json"});
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.output);
  REQUIRE(report["runs"].size() == 6);
  for (const auto& run : report["runs"]) {
    INFO(run["model"]);
    CHECK(run["score"]["mean"].get<double>() == Approx(want[run["model"]]).margin(1e-12));
  }
  // Five files hold the same questions and compare cleanly; gemini-1.5-pro-002's come from a later
  // dataset revision (two questions differ): one short note puts it in a group of its own.
  std::vector<std::string> notes;
  for (const auto& n : report["notes"]) {
    if (n.get<std::string>().find("not comparable") != std::string::npos) notes.push_back(n);
  }
  REQUIRE(notes.size() == 1);
  const std::string& note = notes[0];
  CHECK(note.rfind("suite mmlu-pro: runs differ in dataset fingerprint and are not comparable: ",
                   0) == 0);
  CHECK(note.find("(see `yardstick runs`)") != std::string::npos);
  CHECK(note.find(" | ") != std::string::npos);
  CHECK(note.find(" | ", note.find(" | ") + 1) == std::string::npos);  // two groups
  // The fingerprints themselves are left to `yardstick runs`.
  CHECK(note.find(expected.begin()->at("fingerprint").get<std::string>()) == std::string::npos);
}
