// Times `yardstick merge` (harness/store/merge.h) on shard stores written for the purpose:
// S shards of one run, N samples each, every sample answered (a ~1.5 KB chain-of-thought-sized
// text) and scored, as `run --shard i/S` leaves them. Prints the time to write the shards and
// the time and output size of the merge.
//
//   merge_bench [-s SHARDS] [-n SAMPLES_PER_SHARD] [--dir DIR]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "harness/store/merge.h"
#include "harness/store/store.h"

namespace fs = std::filesystem;
using namespace ys;

namespace {

double seconds_between(std::chrono::steady_clock::time_point a,
                       std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

RunRecord run_record(int64_t n_items) {
  RunRecord r;
  r.run_id = "bench-run";
  r.model_name = "m";
  r.model_identity = "openai-compat|http://pool/v1|m";
  r.backend_kind = "openai-compat";
  r.suite_name = "mmlu-pro";
  r.protocol_version = "mmlu-pro-1";
  r.dataset_fingerprint = "fp";
  r.harness_version = "bench";
  r.harness_commit = "bench";
  r.n_items = n_items;
  r.status = "complete";
  return r;
}

bool write_shard(const std::string& path, int shard, int n) {
  auto opened = Store::open(path);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return false;
  }
  auto& store = **opened;
  std::vector<SampleLink> links;
  std::vector<Store::ResponseRow> rows;
  std::vector<std::pair<std::string, Score>> scores;
  const std::string filler(1500, 'x');
  for (int i = 0; i < n; ++i) {
    const std::string id = "q" + std::to_string(shard) + "-" + std::to_string(i);
    SampleLink l;
    l.item_id = id;
    l.ordinal = static_cast<int64_t>(shard) * n + i;
    l.request_key = "key-" + id;
    l.request.messages = {{"user", "Question " + id + ": which option is right?"}};
    l.reference = "C";
    links.push_back(l);
    Response r;
    r.text = "Let's think step by step. " + filler + " The answer is (C).";
    r.prompt_tokens = 900;
    r.completion_tokens = 400;
    rows.push_back({l.request_key, "openai-compat|http://pool/v1|m", l.request, r, {}});
    Score s;
    s.value = i % 3 == 0 ? 0 : 1;
    scores.emplace_back(id, s);
  }
  return store.put_run(run_record(n)).ok() && store.put_samples("bench-run", links).ok() &&
         store.put_responses(rows).ok() && store.put_scores("bench-run", scores).ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times merging shard stores"};
  int shards = 16, per_shard = 12000;
  std::string dir = (fs::temp_directory_path() / "ys-merge-bench").string();
  app.add_option("-s,--shards", shards, "Shard stores (default 16)")->check(CLI::PositiveNumber);
  app.add_option("-n,--samples", per_shard, "Samples per shard (default 12000)")
      ->check(CLI::PositiveNumber);
  app.add_option("--dir", dir, "Scratch folder (emptied)");
  CLI11_PARSE(app, argc, argv);

  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> inputs;
  const auto t0 = std::chrono::steady_clock::now();
  for (int s = 0; s < shards; ++s) {
    inputs.push_back(dir + "/shard-" + std::to_string(s) + ".db");
    if (!write_shard(inputs.back(), s, per_shard)) return 1;
  }
  const auto t1 = std::chrono::steady_clock::now();
  const std::string out = dir + "/all.db";
  auto stats = merge_stores(inputs, out, true);
  const auto t2 = std::chrono::steady_clock::now();
  if (!stats) {
    std::fprintf(stderr, "merge failed: %s\n", stats.error().message.c_str());
    return 1;
  }
  std::printf("shards: %d x %d samples (writing them: %.1f s)\n", shards, per_shard,
              seconds_between(t0, t1));
  std::printf("merge: %.2f s, %lld samples, %lld responses, output %.1f MB\n",
              seconds_between(t1, t2), static_cast<long long>(stats->samples),
              static_cast<long long>(stats->responses),
              static_cast<double>(fs::file_size(out)) / 1e6);
  fs::remove_all(dir);
  return 0;
}
