// End-to-end tests of the Arena-Hard flow through the yardstick binary, with the fake server
// playing the answering models and the judge: answers (`run`), judging in both orders (`arena-hard
// judge`), the leaderboard, resume after kill -9, the v0.1 follow-up, and export/re-import of the
// files.
//
// The scripted judge ranks answers by a token in them: ANS_GOOD > ANS_BASE > ANS_BAD. For question
// i (uid "u<i>"): i == 3 -> "I cannot decide." (no label); i == 7 with BAD as assistant A -> a
// garbage label (a null game); otherwise GOOD vs BASE is a strong
// preference for even i and a tie for odd i; BAD vs BASE is always a weak loss for BAD. Expected
// scores are counted by hand from these rules in the test cases below.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/core/types.h"
#include "harness/store/store.h"
#include "tests/harness/cli_runner.h"
#include "tests/support/fake_server.h"

using namespace ys;
using Catch::Matchers::WithinAbs;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using ys::test::run_cli;
using ys::test::spawn_cli;
using Cli = ys::test::CliResult;

namespace {

constexpr int kQuestions = 12;
constexpr const char* kAskForVerdict =
    "continue your judgment and finish by outputting a final verdict label";

std::string write_questions(const test::TempDir& dir) {
  std::string text;
  for (int i = 0; i < kQuestions; ++i) {
    text += "{\"uid\": \"u" + std::to_string(i) +
            "\", \"category\": \"hard_prompt\", \"subcategory\": \"coding\", \"prompt\": "
            "\"Question " +
            std::to_string(i) + "\"}\n";
  }
  return dir.write("question.jsonl", text);
}

int rank_of(const std::string& text, size_t* pos) {
  size_t g = text.find("ANS_GOOD"), b = text.find("ANS_BASE"), d = text.find("ANS_BAD");
  size_t first = std::min({g, b, d});
  *pos = first;
  if (first == std::string::npos) return -1;
  return first == g ? 2 : first == b ? 1 : 0;
}

std::string judge_reply(const std::string& user, bool followup) {
  if (followup) return "Finishing: [[A=B]]";
  size_t q = user.find("Question ");
  int i = q == std::string::npos ? -1 : std::atoi(user.c_str() + q + 9);
  if (i == 3) return "I cannot decide.";
  size_t pos_a = 0, pos_b = 0;
  int a = rank_of(user, &pos_a);
  int b = rank_of(user.substr(pos_a + 1), &pos_b);
  if (a < 0 || b < 0) return "garbage";
  if (i == 7 && a == 0) return "[[A>>>B]] ??? [A]";  // garbage label: a null game
  bool good_vs_base = (a == 2 && b == 1) || (a == 1 && b == 2);
  if (good_vs_base && i % 2 == 1) return "Both are fine. My final verdict is tie: [[A=B]]";
  if (good_vs_base) return a > b ? "Verdict: [[A>>B]]" : "Verdict: [[B>>A]]";
  return a > b ? "[[A>B]]" : "[[B>A]]";
}

test::FakeScript arena_script(int judge_delay_ms) {
  return [judge_delay_ms](const FakeRequest& req) {
    FakeReply r;
    std::string model = req.body.value("model", "");
    std::string prompt = test::fake_prompt_of(req.body);
    if (model == "judge") {
      r.text = judge_reply(prompt, prompt == kAskForVerdict);
      r.delay_ms = judge_delay_ms;
    } else if (model == "good") {
      r.text = "## ANS_GOOD\n- a point\n- **another** point about " + prompt;
    } else if (model == "base") {
      r.text = "ANS_BASE answer to " + prompt;
    } else {
      r.text = "ANS_BAD " + prompt;
    }
    return r;
  };
}

struct Setup {
  test::TempDir dir;
  std::string questions;
  std::string db;
  explicit Setup() : questions(write_questions(dir)), db(dir.file("y.db")) {}

  std::string spec(const FakeServer& server, const std::string& name) const {
    return name + "=openai-compat:" + server.base_url() + "#" + name;
  }
  Cli answer(const FakeServer& server) const {
    return run_cli(
        dir, {"--db", db, "run", "-s", "arena-hard:" + questions, "-m", spec(server, "good"), "-m",
              spec(server, "bad"), "-m", spec(server, "base")});
  }
  std::vector<std::string> judge_args(const FakeServer& server,
                                      const std::string& rule = "v2.0") const {
    return {"--db",       db,
            "arena-hard", "judge",
            "-q",         questions,
            "--judge",    spec(server, "judge"),
            "--baseline", "hard_prompt=base",
            "--rule",     rule,
            "-j",         "2"};
  }
  Json board_json(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"--db", db,        "arena-hard", "leaderboard",
                                     "-q",   questions, "-f",         "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Cli out = run_cli(dir, args);
    INFO(out.output);
    REQUIRE(out.exit_code == 0);
    size_t start = out.output.find('{');
    REQUIRE(start != std::string::npos);
    return Json::parse(out.output.substr(start));
  }
};

double score_of(const Json& report, const std::string& model) {
  for (const Json& board : report.at("arena"))
    for (const Json& row : board.at("rows"))
      if (row.at("model") == model) return row.at("score").get<double>();
  FAIL("model " << model << " not in the leaderboard");
  return -1;
}

int64_t stored_judge_responses(const std::string& db) {
  auto store = std::move(Store::open(db).value());
  auto runs = store->runs();
  REQUIRE(runs.ok());
  int64_t n = 0;
  for (const auto& run : *runs) {
    if (run.suite_name.rfind("arena-hard-judge:", 0) != 0) continue;
    auto samples = store->samples(run.run_id);
    REQUIRE(samples.ok());
    for (const auto& s : *samples) n += s.response ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("arena-hard: answers, judging in both orders and the leaderboard, then a no-op re-run") {
  Setup t;
  FakeServer server(arena_script(0));
  Cli answers = t.answer(server);
  INFO(answers.output);
  CAPTURE(answers.output);
  REQUIRE(answers.exit_code == 0);
  REQUIRE(server.request_count() == 3 * kQuestions);

  Cli judged = run_cli(t.dir, t.judge_args(server));
  INFO(judged.output);
  REQUIRE(judged.exit_code == 0);
  // Two judged models (good, bad) x 12 questions x 2 games.
  CHECK(server.request_count() == 3 * kQuestions + 2 * kQuestions * 2);
  CHECK(judged.output.find("Score (%)") != std::string::npos);
  CHECK(judged.output.find("base") != std::string::npos);

  // good: u3 is dropped (null verdicts, v2.0 rule drops both games); 6 even questions give 2 games
  // x 3 rows of 1; 5 odd ones give 2 games x 1 row of 0.5. Mean = (36 + 5) / 46.
  // bad: every row is 0.
  Json report = t.board_json();
  CHECK_THAT(score_of(report, "good"), WithinAbs(41.0 / 46.0, 0.03));
  CHECK(score_of(report, "bad") == 0.0);
  CHECK(score_of(report, "base") == 0.5);
  const Json& board = report.at("arena").at(0);
  CHECK(board.at("baseline") == "base");
  CHECK(board.at("judges") == Json::array({"judge"}));
  // 2 models x 12 questions x 2 games; the u3 games of both models and bad's u7 game 1 are null.
  CHECK(board.at("hygiene").at("n_games") == 48);
  CHECK(board.at("hygiene").at("n_null_games") == 5);

  // Everything is stored: the same command sends nothing.
  int before = server.request_count();
  Cli again = run_cli(t.dir, t.judge_args(server));
  REQUIRE(again.exit_code == 0);
  CHECK(server.request_count() == before);
  CHECK(again.output.find("24 already stored, 0 sent") != std::string::npos);

  // Style control runs on the computed metadata.
  Json styled = t.board_json({"--style-control"});
  CHECK(styled.at("arena").at(0).at("style").size() == 4);

  // Other formats and the general report carry the arena table.
  Cli csv = run_cli(t.dir, {"--db", t.db, "arena-hard", "leaderboard", "-f", "csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.output.find("hard_prompt,base,plain bootstrap,good,") != std::string::npos);
  Cli html = run_cli(t.dir, {"--db", t.db, "report", "-f", "html", "-o", t.dir.file("r.html")});
  REQUIRE(html.exit_code == 0);
  CHECK(test::slurp(t.dir.file("r.html")).find("<h2>Arena-Hard</h2>") != std::string::npos);
}

TEST_CASE("arena-hard: export writes the published layout, and its files give the same table") {
  Setup t;
  FakeServer server(arena_script(0));
  REQUIRE(t.answer(server).exit_code == 0);
  REQUIRE(run_cli(t.dir, t.judge_args(server)).exit_code == 0);
  std::string out = t.dir.file("export");
  Cli exported =
      run_cli(t.dir, {"--db", t.db, "arena-hard", "export", "-q", t.questions, "-o", out});
  INFO(exported.output);
  REQUIRE(exported.exit_code == 0);
  for (const char* f :
       {"model_answer/good.jsonl", "model_answer/bad.jsonl", "model_answer/base.jsonl",
        "model_judgment/judge/good.jsonl", "model_judgment/judge/bad.jsonl"})
    CHECK(std::filesystem::exists(out + "/" + f));

  Json from_store = t.board_json({"--style-control"});
  Json from_files = t.board_json({"--no-store", "--style-control", "--judgments",
                                  out + "/model_judgment", "--answers", out + "/model_answer"});
  for (const char* m : {"good", "bad", "base"})
    CHECK_THAT(score_of(from_files, m), WithinAbs(score_of(from_store, m), 1e-12));

  // Published answers keep their ans_id and tstamp through import and export.
  {
    std::string path = out + "/model_answer/good.jsonl";
    std::ifstream in(path);
    std::string lines, line;
    while (std::getline(in, line)) {
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
      j["ans_id"] = "published-" + j["uid"].get<std::string>();
      j["tstamp"] = 1740000000.25;
      lines += j.dump() + "\n";
    }
    std::ofstream(path, std::ios::trunc) << lines;
  }
  // Published answers imported into a fresh store are judged like our own.
  Setup u;
  Cli imported = run_cli(u.dir, {"--db", u.db, "arena-hard", "import-answers", "-q", u.questions,
                                 out + "/model_answer"});
  INFO(imported.output);
  REQUIRE(imported.exit_code == 0);
  int before = server.request_count();
  Cli judged = run_cli(u.dir, u.judge_args(server));
  INFO(judged.output);
  REQUIRE(judged.exit_code == 0);
  CHECK(server.request_count() - before == 48);  // a fresh store: every game is judged
  Json reimported = u.board_json({"--style-control"});
  for (const char* m : {"good", "bad", "base"})
    CHECK_THAT(score_of(reimported, m), WithinAbs(score_of(from_store, m), 1e-12));

  // Re-exported, read back as upstream reads it: the same ids and time stamps, and metadata keys
  // in upstream's order (its style control builds the feature vector in key order).
  std::string out2 = u.dir.file("export2");
  REQUIRE(run_cli(u.dir, {"--db", u.db, "arena-hard", "export", "-q", u.questions, "-o", out2})
              .exit_code == 0);
  std::ifstream again(out2 + "/model_answer/good.jsonl");
  int n = 0;
  for (std::string line; std::getline(again, line); ++n) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
    CHECK(j["ans_id"] == "published-" + j["uid"].get<std::string>());
    CHECK(j["tstamp"].get<double>() == 1740000000.25);
    std::vector<std::string> keys;
    for (const auto& [k, v] : j["metadata"].items()) keys.push_back(k);
    CHECK(keys ==
          std::vector<std::string>{"token_len", "header_count", "list_count", "bold_count"});
  }
  CHECK(n > 0);
}

TEST_CASE("arena-hard: a judge run killed with -9 resumes and ends with the uninterrupted table") {
  Setup ref;
  FakeServer fast(arena_script(0));
  REQUIRE(ref.answer(fast).exit_code == 0);
  REQUIRE(run_cli(ref.dir, ref.judge_args(fast)).exit_code == 0);

  Setup t;
  FakeServer server(arena_script(60));
  REQUIRE(t.answer(server).exit_code == 0);
  const int answers = server.request_count();
  pid_t pid = spawn_cli(t.judge_args(server), t.dir.file("killed.log"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server.request_count() < answers + 16 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let a flush happen
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  const int sent_before = server.request_count() - answers;
  REQUIRE(sent_before < 48);
  const int64_t stored_before = stored_judge_responses(t.db);
  CHECK(stored_before > 0);

  Cli resumed = run_cli(t.dir, t.judge_args(server));
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK(stored_judge_responses(t.db) == 48);
  // Exactly the judge requests not stored at the kill are sent again.
  CHECK(server.request_count() - answers - sent_before == 48 - stored_before);
  Json got = t.board_json(), want = ref.board_json();
  for (const char* m : {"good", "bad", "base"})
    CHECK_THAT(score_of(got, m), WithinAbs(score_of(want, m), 1e-12));
}

TEST_CASE("arena-hard: under the v0.1 rule a reply without a label gets one follow-up") {
  Setup t;
  FakeServer server(arena_script(0));
  REQUIRE(t.answer(server).exit_code == 0);
  int before = server.request_count();
  Cli judged = run_cli(t.dir, t.judge_args(server, "v0.1"));
  INFO(judged.output);
  REQUIRE(judged.exit_code == 0);
  // 48 games, plus one follow-up for each of the 4 u3 games.
  CHECK(server.request_count() - before == 48 + 4);
  // good: u3 now counts as a tie in both games: (36 + 5 + 1) / 48.
  Json report = t.board_json();
  CHECK(report.at("arena").at(0).at("null_rule") == "v0.1");
  CHECK_THAT(score_of(report, "good"), WithinAbs(42.0 / 48.0, 0.03));
  CHECK(report.at("arena").at(0).at("hygiene").at("n_null_games") == 1);  // bad's u7 game 1
  int after = server.request_count();
  REQUIRE(run_cli(t.dir, t.judge_args(server, "v0.1")).exit_code == 0);
  CHECK(server.request_count() == after);
}

TEST_CASE("arena-hard: judging without the baseline's answers is bad input and sends nothing") {
  Setup t;
  FakeServer server(arena_script(0));
  REQUIRE(run_cli(t.dir, {"--db", t.db, "run", "-s", "arena-hard:" + t.questions, "-m",
                          t.spec(server, "good")})
              .exit_code == 0);
  int before = server.request_count();
  Cli judged = run_cli(t.dir, t.judge_args(server));
  CHECK(judged.exit_code == 2);
  CHECK(judged.output.find("no stored answers of the baseline 'base'") != std::string::npos);
  CHECK(server.request_count() == before);
  Cli bad_rule = run_cli(t.dir, t.judge_args(server, "v3"));
  CHECK(bad_rule.exit_code == 2);
  CHECK(bad_rule.output.find("--rule 'v3'") != std::string::npos);
  Cli bad_format = run_cli(t.dir, {"--db", t.db, "arena-hard", "leaderboard", "-f", "xml"});
  CHECK(bad_format.exit_code == 2);
  CHECK(bad_format.output.find("--format 'xml'") != std::string::npos);
  std::string bad_file = t.dir.write("bad_judgments.jsonl", "{\"uid\": \"u0\"\n");
  Cli bad_judgments =
      run_cli(t.dir, {"--db", t.db, "arena-hard", "leaderboard", "--judgments", bad_file});
  CHECK(bad_judgments.exit_code == 2);
  CHECK(bad_judgments.output.find("bad_judgments.jsonl:1") != std::string::npos);
}
