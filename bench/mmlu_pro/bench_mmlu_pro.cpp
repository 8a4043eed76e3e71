// Times MMLU-Pro extraction + scoring: 12,032 synthetic outputs of about 2,000 characters (half
// end with "The answer is (X).", half give no answer phrase and fall through to the last-letter
// level, a quarter of all with no capital letter at all, so nothing is extracted), then
// degenerate outputs of growing size to show the time is linear in length.
// Usage: bench_mmlu_pro [n_outputs]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "judge/mmlu_pro/score.h"
#include "suites/mmlu_pro/suite.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Deterministic filler prose; lowercase words with the odd capitalised "I" and "A" a model writes
// (left out of `plain` outputs, which then extract nothing at all).
std::string synthetic_output(uint64_t seed, bool answered, bool plain) {
  static const char* kWords[] = {"the",       "energy", "of",   "a",       "system",  "is",
                                 "conserved", "so",     "we",   "compute", "I",       "think",
                                 "A",         "value",  "then", "option",  "compare", "with",
                                 "each",      "choice", "step", "result"};
  constexpr size_t kCount = sizeof(kWords) / sizeof(kWords[0]);
  std::string out = "Let's think step by step. ";
  uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  while (out.size() < 1980) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const char* word = kWords[(x >> 33) % kCount];
    out += plain && word[0] >= 'A' && word[0] <= 'Z' ? "we" : word;
    out += (x >> 20) % 17 == 0 ? ".\n" : " ";
  }
  if (answered)
    out += " The answer is (" + std::string(1, static_cast<char>('A' + seed % 10)) + ").";
  return out;
}

ys::Item item_for(uint64_t i) {
  ys::Item item;
  item.reference = {{"answer", std::string(1, static_cast<char>('A' + i % 7))},
                    {"n_options", 10},
                    {"question_id", static_cast<int64_t>(i)}};
  item.meta["rendering"] = "chat";
  return item;
}

// Best of five runs, so a busy machine shows the cost of the work rather than of the scheduler.
double time_one(const std::string& text) {
  ys::Response r;
  r.text = text;
  const ys::Item item = item_for(1);
  double best_ms = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = Clock::now();
    const ys::Score s = ys::mmlu_pro::score_mmlu_pro(item, r, {});
    best_ms = std::min(best_ms, ms_since(t0));
    if (s.method.empty()) std::abort();  // keeps the call observable
  }
  return best_ms;
}

std::string repeat(const std::string& unit, size_t total_bytes) {
  std::string out;
  out.reserve(total_bytes + unit.size());
  while (out.size() < total_bytes) out += unit;
  return out;
}

// Writes an n-question test split (10 options each, categories cycling over the 14) plus a
// 70-record validation split into a temp folder, then times loading + validation + 5-shot planning.
void bench_load_and_plan(int n) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "ys-bench-mmlu-pro";
  fs::create_directories(dir);
  const char* cats[] = {"biology",   "business",    "chemistry", "computer science",
                        "economics", "engineering", "health",    "history",
                        "law",       "math",        "other",     "philosophy",
                        "physics",   "psychology"};
  auto record = [&](int id, int cat, bool example) {
    ys::Json r = {
        {"question_id", id},
        {"question", "Synthetic question " + std::to_string(id) + " " + repeat("lorem ", 300)},
        {"options", {"a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9", "j10"}},
        {"answer", "C"},
        {"answer_index", 2},
        {"cot_content",
         example ? "A: Let's think step by step. " + repeat("because ", 60) + "The answer is (C)."
                 : ""},
        {"category", cats[cat % 14]},
        {"src", "bench"}};
    return r.dump();
  };
  {
    std::ofstream test(dir / "test.jsonl");
    for (int i = 0; i < n; ++i) test << record(i, i, false) << "\n";
    std::ofstream val(dir / "validation.jsonl");
    for (int i = 0; i < 70; ++i) val << record(100000 + i, i / 5, true) << "\n";
  }
  const auto t0 = Clock::now();
  auto suite = ys::mmlu_pro::make_mmlu_pro_suite({"mmlu-pro", (dir / "test.jsonl").string(), {}});
  const double load_ms = ms_since(t0);
  if (!suite) {
    std::printf("load failed: %s\n", suite.error().message.c_str());
    return;
  }
  const auto t1 = Clock::now();
  auto items = (*suite)->plan({});
  const double plan_ms = ms_since(t1);
  size_t prompt_bytes = 0;
  for (const auto& it : *items) prompt_bytes += it.request.messages[0].content.size();
  std::printf(
      "load + validate + fingerprint %d questions (%.1f MB): %.1f ms; plan 5-shot chat: %.1f ms "
      "(%.1f MB of prompts)\n",
      n, fs::file_size(dir / "test.jsonl") / 1e6, load_ms, plan_ms, prompt_bytes / 1e6);
  fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 12032;
  std::vector<std::string> outputs;
  std::vector<ys::Item> items;
  size_t total_chars = 0;
  for (int i = 0; i < n; ++i) {
    outputs.push_back(synthetic_output(static_cast<uint64_t>(i), i % 2 == 0, i % 4 == 1));
    items.push_back(item_for(static_cast<uint64_t>(i)));
    total_chars += outputs.back().size();
  }
  int correct = 0, unparsed = 0, official = 0;
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    ys::Response r;
    r.text = outputs[i];
    const ys::Score s = ys::mmlu_pro::score_mmlu_pro(items[i], r, {});
    correct += s.value > 0.5;
    unparsed += s.status == ys::ScoreStatus::unparsed;
    official += s.detail["metrics"]["official"].get<int>();
  }
  const double ms = ms_since(t0);
  std::printf("scored %d outputs (%.1f MB, mean %zu chars) in %.1f ms: %.2f us/output, %.0f MB/s\n",
              n, total_chars / 1e6, total_chars / static_cast<size_t>(n), ms, 1000.0 * ms / n,
              total_chars / 1e3 / ms);
  std::printf("  strict correct %d, unparsed %d, official correct %d\n", correct, unparsed,
              official);

  std::printf("degenerate outputs (ms for one scoring call):\n");
  std::printf("  %-28s %10s %10s %10s\n", "pattern", "10 KB", "100 KB", "1 MB");
  const std::pair<const char*, std::string> patterns[] = {{"\"A \" repeated", "A "},
                                                          {"no letters", "xyzw "},
                                                          {"\"answer: \" repeated", "answer: "},
                                                          {"\"answer is \" repeated", "answer is "},
                                                          {"\"<think>\" unclosed", "<think>"}};
  for (const auto& [name, unit] : patterns) {
    std::printf("  %-28s", name);
    for (size_t size : {size_t{10'000}, size_t{100'000}, size_t{1'000'000}}) {
      std::printf(" %10.3f", time_one(repeat(unit, size)));
    }
    std::printf("\n");
  }
  bench_load_and_plan(n);
  return 0;
}
