// llama_mc_tasks: writes the questions of a stored MMLU-Pro `protocol=loglik` run as a task file
// for llama.cpp's `llama-perplexity --multiple-choice`, with each question's label set to the
// option yardstick chose, so llama.cpp's running accuracy says question by question whether the
// two engines chose alike (bench/engine/loglik_side_by_side.sh, docs/engine-models.md).
//
//   llama_mc_tasks --db STORE --out TASKS.bin [--run RUN_ID]
//
// Without --run it takes the newest run of suite mmlu-pro-loglik. Prints one line per question, in
// the order of the task file: "<item id> <label> <our choice> <n options> <margin>", where <our
// choice> is the suite's rule (largest summed log-probability), <label> llama.cpp's rule (largest
// mean log-probability per token; the two differ only where the options' token counts differ)
// and <margin> how far, in nats per token, the label's score is above the next best option's.
//
// The task file format (llama.cpp tools/perplexity, multiple_choice_score and the deserialize
// functions of multiple_choice_task), all integers little-endian:
//   uint32 n_tasks; uint32 offset[n_tasks] (byte offset of each task from the start of the file);
//   per task: string question; answers mc1; answers mc2
//   answers: uint32 n; string answer[n]; int32 label[n] (1 = correct)
//   string:  uint32 length; bytes
// llama.cpp tokenizes question + " " + answer with BOS (per the vocabulary's flag) and scores each
// answer by the mean log-probability of its tokens after the prefix common to all answers. Our
// continuations are " A" .. " J", so the question is the prompt (ending in "Answer:") and the
// answers are the letters without their space: the token sequences are the same, since the space
// starts a new pre-token. When the letters' first tokens differ (" A" .. " J" are one token each in
// real vocabularies), the common prefix is the prompt and llama.cpp's score is our summed
// log-probability divided by the option's token count.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "harness/store/store.h"

namespace {

void put_u32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_string(std::string* out, const std::string& s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

int usage(const char* msg) {
  std::fprintf(
      stderr,
      "llama_mc_tasks: %s\nusage: llama_mc_tasks --db STORE --out TASKS.bin [--run RUN_ID]\n", msg);
  return 2;
}

// Index of the largest score, the earlier one on a tie, NaN never winning: the rule of
// suites/mmlu_pro/loglik_score.h and of llama.cpp's strict ">" scan. `by_token` takes
// llama.cpp's score, the log-probability divided by the token count.
double per_token(const ys::LoglikResult& r) {
  return r.n_tokens > 0 ? r.logprob / r.n_tokens : r.logprob;
}

int argmax(const std::vector<ys::LoglikResult>& lls, bool by_token) {
  int best = -1;
  double best_score = 0.0;
  for (size_t i = 0; i < lls.size(); ++i) {
    const double score = by_token ? per_token(lls[i]) : lls[i].logprob;
    if (score != score) continue;
    if (best < 0 || score > best_score) {
      best = static_cast<int>(i);
      best_score = score;
    }
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, out, run_id;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage(("missing value after " + a).c_str());
    if (a == "--db")
      db = argv[++i];
    else if (a == "--out")
      out = argv[++i];
    else if (a == "--run")
      run_id = argv[++i];
    else
      return usage(("unknown option " + a).c_str());
  }
  if (db.empty() || out.empty()) return usage("--db and --out are required");

  auto store = ys::Store::open(db);
  if (!store.ok()) {
    std::fprintf(stderr, "llama_mc_tasks: %s\n", store.error().message.c_str());
    return 1;
  }
  if (run_id.empty()) {
    auto runs = (*store)->runs();
    if (!runs.ok()) {
      std::fprintf(stderr, "llama_mc_tasks: %s\n", runs.error().message.c_str());
      return 1;
    }
    std::string newest;
    for (const auto& r : *runs) {
      if (r.suite_name == "mmlu-pro-loglik" && r.created_at >= newest) {
        newest = r.created_at;
        run_id = r.run_id;
      }
    }
    if (run_id.empty()) {
      std::fprintf(stderr, "llama_mc_tasks: %s holds no mmlu-pro-loglik run\n", db.c_str());
      return 1;
    }
  }
  auto samples = (*store)->samples(run_id);
  if (!samples.ok()) {
    std::fprintf(stderr, "llama_mc_tasks: %s\n", samples.error().message.c_str());
    return 1;
  }

  std::vector<std::string> tasks;
  for (const auto& s : *samples) {
    const auto& req = s.link.request;
    if (req.kind != ys::RequestKind::loglik || !s.response || !s.response->ok() ||
        s.response->logliks.size() != req.continuations.size()) {
      std::fprintf(stderr, "llama_mc_tasks: item %s has no complete loglik answer\n",
                   s.link.item_id.c_str());
      return 1;
    }
    const int chosen = argmax(s.response->logliks, true);
    std::string t;
    put_string(&t, req.prompt);
    put_u32(&t, static_cast<uint32_t>(req.continuations.size()));
    for (const auto& c : req.continuations) {
      if (c.size() < 2 || c[0] != ' ') {
        std::fprintf(stderr,
                     "llama_mc_tasks: item %s: continuation '%s' does not start with a space\n",
                     s.link.item_id.c_str(), c.c_str());
        return 1;
      }
      put_string(&t, c.substr(1));  // llama.cpp puts the space back
    }
    for (size_t i = 0; i < req.continuations.size(); ++i)
      put_u32(&t, static_cast<int>(i) == chosen ? 1u : 0u);
    put_u32(&t, 0);  // mc2: no answers
    tasks.push_back(std::move(t));
    double margin = INFINITY;
    for (size_t i = 0; chosen >= 0 && i < req.continuations.size(); ++i) {
      if (static_cast<int>(i) == chosen) continue;
      const double gap = per_token(s.response->logliks[static_cast<size_t>(chosen)]) -
                         per_token(s.response->logliks[i]);
      if (gap == gap) margin = std::min(margin, gap);
    }
    std::printf("%s %d %d %zu %.4f\n", s.link.item_id.c_str(), chosen,
                argmax(s.response->logliks, false), req.continuations.size(), margin);
  }

  std::string file;
  put_u32(&file, static_cast<uint32_t>(tasks.size()));
  uint32_t offset = 4 + 4 * static_cast<uint32_t>(tasks.size());
  for (const auto& t : tasks) {
    put_u32(&file, offset);
    offset += static_cast<uint32_t>(t.size());
  }
  for (const auto& t : tasks) file += t;
  std::ofstream f(out, std::ios::binary);
  f.write(file.data(), static_cast<std::streamsize>(file.size()));
  if (!f) {
    std::fprintf(stderr, "llama_mc_tasks: cannot write %s\n", out.c_str());
    return 1;
  }
  return 0;
}
