// End-to-end: the livebench suite through the yardstick binary against the fake server, which
// answers each question with the fixture model's own recorded answer. Run, kill -9 and resume
// (zero re-sends, same scores as an uninterrupted run); `import livebench` of the same answers
// (same scores again); `livebench leaderboard`; reports. Only tasks whose scorer exists take
// part; when none does yet, the test says so and stops (skipped, counted in its output).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "harness/store/store.h"
#include "judge/livebench/task_scorer.h"
#include "tests/harness/cli_runner.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/fake_server.h"
#include "tests/support/paths.h"

using ys::Json;
using ys::test::FakeReply;
using ys::test::FakeRequest;
using ys::test::FakeServer;
using ys::test::run_cli;
using ys::test::spawn_cli;
using Cli = ys::test::CliResult;
namespace fs = std::filesystem;

namespace {

constexpr const char* kModel = "zft-community-8b-bs4";
constexpr size_t kPerTask = 20;

std::string fixture() {
  return ys::test::fixture_path("livebench");
}

std::vector<Json> read_jsonl(const fs::path& path) {
  std::vector<Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

void write_jsonl(const fs::path& path, const std::vector<Json>& records) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path);
  for (const Json& r : records) out << r.dump() << "\n";
}

struct Slice {
  std::string root;
  std::map<std::string, std::string> answer_of_prompt;  // question text -> recorded answer
  std::vector<std::string> tasks;
  int n = 0;
};

// Up to kPerTask answered, current (never removed) questions of each fixture task with a scorer,
// with the fixture model's answers to them.
Slice make_slice(const ys::test::TempDir& dir) {
  Slice s;
  s.root = dir.file("live_bench");
  for (const auto& cat : fs::directory_iterator(fixture())) {
    for (const auto& task : fs::directory_iterator(cat.path())) {
      const std::string name = task.path().filename().string();
      if (!fs::exists(task.path() / "question.jsonl") || !ys::livebench::find_task_scorer(name))
        continue;
      std::map<std::string, Json> answers;
      for (const Json& a :
           read_jsonl(task.path() / "model_answer" / (std::string(kModel) + ".jsonl")))
        answers[a["question_id"].get<std::string>()] = a;
      std::vector<Json> questions, kept_answers;
      for (const Json& q : read_jsonl(task.path() / "question.jsonl")) {
        auto a = answers.find(q["question_id"].get<std::string>());
        if (a == answers.end() || q["livebench_removal_date"] != "" || questions.size() >= kPerTask)
          continue;
        questions.push_back(q);
        kept_answers.push_back(a->second);
        s.answer_of_prompt[q["turns"][0].get<std::string>()] =
            a->second["choices"][0]["turns"].back().get<std::string>();
      }
      if (questions.empty()) continue;
      const fs::path out = fs::path(s.root) / cat.path().filename() / name;
      write_jsonl(out / "question.jsonl", questions);
      write_jsonl(out / "model_answer" / (std::string(kModel) + ".jsonl"), kept_answers);
      s.tasks.push_back(name);
      s.n += static_cast<int>(questions.size());
    }
  }
  return s;
}

ys::test::FakeScript replay(const Slice& s, int delay_ms) {
  return [&s, delay_ms](const FakeRequest& req) {
    FakeReply r;
    auto it = s.answer_of_prompt.find(ys::test::fake_prompt_of(req.body));
    r.text = it == s.answer_of_prompt.end() ? "unknown question" : it->second;
    r.delay_ms = delay_ms;
    return r;
  };
}

// item id -> score of every scored sample of the runs of `model` in `db`.
std::map<std::string, double> scores(const std::string& db, const std::string& model) {
  auto store = std::move(ys::Store::open(db).value());
  std::map<std::string, double> out;
  const std::vector<ys::RunRecord> runs = store->runs().value();
  for (const auto& run : runs) {
    if (run.model_name != model) continue;
    const std::vector<ys::StoredSample> samples = store->samples(run.run_id).value();
    for (const auto& s : samples)
      if (s.score) out[s.link.item_id] = s.score->value;
  }
  return out;
}

int64_t stored_responses(const std::string& db) {
  auto store = std::move(ys::Store::open(db).value());
  int64_t n = 0;
  const std::vector<ys::RunRecord> runs = store->runs().value();
  for (const auto& run : runs) {
    const std::vector<ys::StoredSample> samples = store->samples(run.run_id).value();
    for (const auto& s : samples) n += s.response ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("livebench: run, kill -9, resume, import, leaderboard and reports agree") {
  if (!ys::test::have_fixture(fixture())) return;
  ys::test::TempDir dir;
  const Slice slice = make_slice(dir);
  REQUIRE_FALSE(slice.tasks.empty());
  INFO("tasks with scorers: " << slice.tasks.size() << ", questions: " << slice.n);

  FakeServer ref_server(replay(slice, 0));
  const std::string ref_db = dir.file("ref.db");
  Cli ref = run_cli(dir, {"--db", ref_db, "-q", "run", "-s", "livebench:" + slice.root, "-m",
                          "replayed=openai-compat:" + ref_server.base_url() + "#m"});
  INFO(ref.output);
  REQUIRE(ref.exit_code == 0);
  CHECK(ref_server.request_count() == slice.n);
  const auto body = ref_server.requests().front().body;
  CHECK(body["temperature"] == 0.0);
  CHECK(body["max_tokens"] == 4096);
  CHECK(body["messages"].size() == 1);

  // Killed mid-run, then resumed: only what was not stored is sent, and the scores match.
  FakeServer server(replay(slice, 40));
  const std::string db = dir.file("y.db");
  std::vector<std::string> args = {"--db",
                                   db,
                                   "run",
                                   "-j",
                                   "2",
                                   "-s",
                                   "livebench:" + slice.root,
                                   "-m",
                                   "replayed=openai-compat:" + server.base_url() + "#m"};
  pid_t pid = spawn_cli(args, dir.file("killed.log"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (server.request_count() < slice.n / 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  const int sent_before = server.request_count();
  const int64_t stored_before = stored_responses(db);
  Cli resumed = run_cli(dir, args);
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK(server.request_count() - sent_before == slice.n - stored_before);
  const auto want = scores(ref_db, "replayed");
  CHECK(want.size() == static_cast<size_t>(slice.n));
  CHECK(scores(db, "replayed") == want);

  // The same answers imported from model_answer files score the same.
  Cli imp = run_cli(dir, {"--db", ref_db, "import", "livebench", slice.root, "--model", kModel});
  INFO(imp.output);
  REQUIRE(imp.exit_code == 0);
  CHECK(scores(ref_db, kModel) == want);

  Cli board = run_cli(dir, {"--db", ref_db, "livebench", "leaderboard", "-f", "json", "--samples",
                            dir.file("samples.csv")});
  REQUIRE(board.exit_code == 0);
  const Json j = Json::parse(board.output.substr(board.output.find('{')));
  REQUIRE(j["livebench"].size() == 1);
  const Json& rows = j["livebench"][0]["rows"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["overall"]["score"].get<double>() ==
        Approx(rows[1]["overall"]["score"].get<double>()));
  CHECK(rows[0]["complete"] == true);
  std::ifstream samples(dir.file("samples.csv"));
  int lines = 0;
  for (std::string line; std::getline(samples, line);) ++lines;
  CHECK(lines >= 2 * slice.n + 1);

  Cli table = run_cli(dir, {"--db", ref_db, "livebench", "leaderboard"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.output.find("########## All Groups ##########") != std::string::npos);
  Cli html = run_cli(dir, {"--db", ref_db, "report", "-f", "html"});
  REQUIRE(html.exit_code == 0);
  CHECK(html.output.find("<section id=\"livebench\">") != std::string::npos);
  Cli csv = run_cli(dir, {"--db", ref_db, "report", "-f", "livebench-csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.output.find(std::string(kModel) + ",overall") != std::string::npos);
}

TEST_CASE("livebench: bad data and flags exit 2 and name the problem") {
  ys::test::TempDir dir;
  fs::create_directories(dir.file("lb/math/math_comp"));
  dir.write("lb/math/math_comp/question.jsonl", "{\"question_id\": \"a\"}\n");
  const std::string db = dir.file("never.db");
  Cli bad = run_cli(dir, {"--db", db, "run", "-s", "livebench:" + dir.file("lb"), "-m",
                          "m=openai-compat:http://127.0.0.1:9/v1#m"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("question.jsonl:1") != std::string::npos);
  Cli opt = run_cli(dir, {"--db", db, "run", "-s", "livebench:" + fixture(), "--suite-opt",
                          "release=soon", "-m", "m=openai-compat:http://127.0.0.1:9/v1#m"});
  CHECK(opt.exit_code == 2);
  CHECK(opt.output.find("livebench option 'release'") != std::string::npos);
  Cli imp = run_cli(dir, {"--db", db, "import", "livebench", dir.file("nowhere"), "--model", "m"});
  CHECK(imp.exit_code == 2);
  CHECK_FALSE(fs::exists(db));
}
