// The LiveBench data folder on the real slice (../shared/fixtures/livebench): layout discovery,
// selection, and the release filter against counts computed by release_counts.py (kept next to
// this file with its output, release_counts.txt).
#include "datasets/livebench/dataset.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

namespace lb = ys::livebench;

namespace {

std::string fixture() {
  return ys::test::fixture_path("livebench");
}

// release -> "category/task" -> (selected, records), from release_counts.txt.
std::map<std::string, std::map<std::string, std::pair<int64_t, int64_t>>> reference_counts() {
  std::ifstream in(ys::test::source_path("tests/datasets/livebench/release_counts.txt"));
  REQUIRE(in.good());
  std::map<std::string, std::map<std::string, std::pair<int64_t, int64_t>>> out;
  std::string release, task;
  int64_t selected = 0, records = 0;
  while (in >> release >> task >> selected >> records) out[release][task] = {selected, records};
  return out;
}

}  // namespace

TEST_CASE("the real LiveBench slice is found as LiveBench lays it out") {
  auto data = lb::load_livebench_dataset(fixture(), {});
  INFO((data ? "" : data.error().message));
  REQUIRE(data.ok());
  CHECK(data->tasks.size() == 13);
  // Coding and language folders hold answers and judgments but no question file.
  CHECK(data->tasks_without_questions ==
        std::vector<std::string>{"coding/LCB_generation", "coding/coding_completion",
                                 "language/connections", "language/plot_unscrambling",
                                 "language/typos"});
  CHECK(data->newest_release == "2024-11-25");
  CHECK(data->fingerprint.size() == 64);
}

TEST_CASE("the release filter keeps what LiveBench's rule keeps, task by task") {
  const auto reference = reference_counts();
  REQUIRE(reference.size() == 5);
  for (const auto& [release, tasks] : reference) {
    auto data = lb::load_livebench_dataset(fixture(), {release, {}, {}});
    REQUIRE(data.ok());
    REQUIRE(data->tasks.size() == tasks.size());
    for (const auto& t : data->tasks) {
      const auto& [selected, records] = tasks.at(t.category + "/" + t.task);
      INFO(release << " " << t.category << "/" << t.task);
      CHECK(static_cast<int64_t>(t.questions.size()) == selected);
      CHECK(t.n_outside_release == records - selected);
      CHECK(t.stats.n_records == records);
    }
  }
}

TEST_CASE("categories and tasks select folders; unknown names list what is there") {
  auto data = lb::load_livebench_dataset(fixture(), {"", {"math", "reasoning"}, {}});
  REQUIRE(data.ok());
  CHECK(data->tasks.size() == 6);
  data = lb::load_livebench_dataset(fixture(), {"", {}, {"zebra_puzzle", "cta"}});
  REQUIRE(data.ok());
  REQUIRE(data->tasks.size() == 2);
  CHECK(data->tasks[0].task == "cta");
  auto bad = lb::load_livebench_dataset(fixture(), {"", {"maths"}, {}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("category 'maths'") != std::string::npos);
  CHECK(bad.error().message.find("reasoning") != std::string::npos);
}

TEST_CASE("a category folder or a task folder works as the root too") {
  auto cat = lb::load_livebench_dataset(fixture() + "/reasoning", {});
  REQUIRE(cat.ok());
  CHECK(cat->tasks.size() == 3);
  CHECK(cat->tasks[0].category == "reasoning");
  auto task = lb::load_livebench_dataset(fixture() + "/math/olympiad", {});
  REQUIRE(task.ok());
  REQUIRE(task->tasks.size() == 1);
  CHECK(task->tasks[0].category == "math");
  CHECK(task->tasks[0].questions.size() == 72);
}

TEST_CASE("the fingerprint follows the selected questions") {
  auto all = lb::load_livebench_dataset(fixture(), {});
  auto old = lb::load_livebench_dataset(fixture(), {"2024-06-24", {}, {}});
  auto again = lb::load_livebench_dataset(fixture(), {});
  REQUIRE((all.ok() && old.ok() && again.ok()));
  CHECK(all->fingerprint == again->fingerprint);
  CHECK(all->fingerprint != old->fingerprint);
}

TEST_CASE("a folder without LiveBench tasks is an error that says what was expected") {
  ys::test::TempDir dir;
  auto data = lb::load_livebench_dataset(dir.path(), {});
  REQUIRE_FALSE(data.ok());
  CHECK(data.error().message.find("question.jsonl") != std::string::npos);
  CHECK_FALSE(lb::load_livebench_dataset(dir.file("nope"), {}).ok());
}
