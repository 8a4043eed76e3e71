// Scores every answer of a LiveBench data folder (default: the fixture slice) with the scorers
// that exist, compares each score with LiveBench's own (model_judgment/ground_truth_judgment.jsonl)
// and prints, per task: n, the share of equal scores (within 1e-6), our mean and theirs (x100);
// then the overall averages as LiveBench forms them (mean of category means over the tasks
// compared), and the time spent scoring (code tasks excluded: they run in the sandbox).
// Tasks without a scorer or without question.jsonl are listed as skipped and counted.
// Usage: livebench_agreement [DATA_FOLDER] [MODEL]   (MODEL default: zft-community-8b-bs4)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "datasets/livebench/answers.h"
#include "datasets/livebench/dataset.h"
#include "datasets/livebench/judgments.h"
#include "suites/livebench/answer_text.h"
#include "suites/livebench/score_context.h"

namespace {

namespace fs = std::filesystem;
namespace lb = ys::livebench;
using Clock = std::chrono::steady_clock;

struct Row {
  int n = 0, equal = 0;
  double ours = 0, theirs = 0;
  double ms = 0;
};

std::string default_root() {
  const char* src = std::getenv("YS_SOURCE_DIR");
  return (fs::path(src ? src : ".") / ".." / "shared" / "fixtures" / "livebench").string();
}

// question_id -> LiveBench's score for `model`.
std::map<std::string, double> their_scores(const std::string& dir, const std::string& model) {
  std::map<std::string, double> out;
  auto file = lb::load_judgment_file(
      (fs::path(dir) / "model_judgment" / "ground_truth_judgment.jsonl").string());
  if (!file) return out;
  for (const auto& j : file->judgments)
    if (j.model == model && j.score != -1.0) out[j.question_id] = j.score;
  return out;
}

Row compare(const lb::TaskData& task, const lb::TaskScorer& scorer, const std::string& model) {
  Row row;
  auto answers =
      lb::load_answer_file((fs::path(task.dir) / "model_answer" / (model + ".jsonl")).string());
  if (!answers) {
    std::fprintf(stderr, "%s\n", answers.error().message.c_str());
    return row;
  }
  const auto theirs = their_scores(task.dir, model);
  std::map<std::string, const lb::Question*> questions;
  for (const auto& q : task.questions) questions[q.question_id] = &q;
  for (const auto& a : answers->answers) {
    auto q = questions.find(a.question_id);
    auto t = theirs.find(a.question_id);
    if (q == questions.end() || t == theirs.end()) continue;
    const auto t0 = Clock::now();
    const std::string text = ys::livebench::livebench_scored_text(a.text, q->second->category);
    const double ours =
        a.api_error
            ? 0.0
            : scorer.score(*q->second, text, ys::livebench::livebench_score_context()).value;
    row.ms += std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    ++row.n;
    row.equal += std::fabs(ours - t->second) <= 1e-6 ? 1 : 0;
    row.ours += ours;
    row.theirs += t->second;
  }
  return row;
}

double mean_of_categories(const std::map<std::string, std::vector<double>>& by_category) {
  double sum = 0;
  for (const auto& [c, v] : by_category) {
    double s = 0;
    for (double x : v) s += x;
    sum += s / static_cast<double>(v.size());
  }
  return by_category.empty() ? 0.0 : sum / static_cast<double>(by_category.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : default_root();
  const std::string model = argc > 2 ? argv[2] : "zft-community-8b-bs4";
  auto data = lb::load_livebench_dataset(root, {});
  if (!data) {
    std::fprintf(stderr, "%s\n", data.error().message.c_str());
    return 2;
  }
  std::printf("%-22s %-18s %5s %8s %8s %8s  %s\n", "category", "task", "n", "equal%", "ours",
              "theirs", "note");
  std::map<std::string, std::vector<double>> ours_cat, theirs_cat;
  double score_ms = 0;
  int n_total = 0, skipped = 0, below = 0;
  for (const auto& task : data->tasks) {
    const lb::TaskScorer* scorer = lb::find_task_scorer(task.task);
    if (scorer == nullptr) {
      std::printf("%-22s %-18s %5s %8s %8s %8s  no scorer yet: skipped\n", task.category.c_str(),
                  task.task.c_str(), "-", "-", "-", "-");
      ++skipped;
      continue;
    }
    const Row r = compare(task, *scorer, model);
    if (r.n == 0) continue;
    const double share = 100.0 * r.equal / r.n;
    below += share < 99.0 ? 1 : 0;
    std::printf("%-22s %-18s %5d %8.1f %8.2f %8.2f  %s\n", task.category.c_str(), task.task.c_str(),
                r.n, share, 100.0 * r.ours / r.n, 100.0 * r.theirs / r.n,
                share < 99.0 ? "BELOW 99%" : "");
    ours_cat[task.category].push_back(100.0 * r.ours / r.n);
    theirs_cat[task.category].push_back(100.0 * r.theirs / r.n);
    if (task.category != "coding") score_ms += r.ms;
    n_total += r.n;
  }
  for (const auto& t : data->tasks_without_questions) {
    std::printf("%-40s %5s %8s %8s %8s  no question.jsonl: skipped\n", t.c_str(), "-", "-", "-",
                "-");
    ++skipped;
  }
  std::printf(
      "\noverall (mean of category means over the tasks compared): ours %.2f, LiveBench "
      "%.2f\n",
      mean_of_categories(ours_cat), mean_of_categories(theirs_cat));
  std::printf(
      "scored %d answers in %.1f ms (code tasks excluded); %d task(s) skipped, %d below "
      "99%% agreement\n",
      n_total, score_ms, skipped, below);
  return 0;
}
