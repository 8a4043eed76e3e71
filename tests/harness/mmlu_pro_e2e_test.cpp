// End-to-end: the MMLU-Pro suite through the CLI against the fake server (run, resume,
// leaderboard, JSON report), and `yardstick import` of a published result file.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"

using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using Json = nlohmann::json;
using ys::test::run_cli;
using Cli = ys::test::CliResult;

namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

}  // namespace

TEST_CASE("MMLU-Pro runs through the CLI, resumes, and reports strict and official scores") {
  ys::test::TempDir dir;
  std::string data = env_or("YS_SOURCE_DIR", ".") + "/datasets/samples/mmlu_pro/test.jsonl";
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
