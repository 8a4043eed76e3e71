// Times the Arena-Hard leaderboard: synthetic judgments of N models x Q questions (default
// 20 x 750, two games each, labels drawn from known strengths and style effects), then the plain
// bootstrap and the style-controlled Bradley-Terry leaderboard with R bootstrap rounds (default
// 100). Usage: arena_hard_bench [models] [questions] [rounds]. Prints figures, checks nothing.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>

#include "harness/core/clock.h"
#include "suites/arena_hard/leaderboard_from_judgments.h"

using namespace ys;
using namespace ys::arena;

namespace {

constexpr const char* kBaseline = "baseline";

StyleMeta random_meta(std::mt19937_64& gen) {
  std::uniform_int_distribution<int> len(100, 1500), small(0, 8);
  StyleMeta m;
  m.token_len = len(gen);
  m.counts.headers[1] = small(gen) / 2;
  m.counts.list_unordered = small(gen);
  m.counts.bold_star = small(gen);
  return m;
}

// A label for one game from the model's win probability p (the model sits in slot A when
// model_is_a).
std::string draw_label(std::mt19937_64& gen, double p, bool model_is_a) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  double x = u(gen);
  const char* strong_model = model_is_a ? "A>>B" : "B>>A";
  const char* model = model_is_a ? "A>B" : "B>A";
  const char* other = model_is_a ? "B>A" : "A>B";
  const char* strong_other = model_is_a ? "B>>A" : "A>>B";
  double tie = 0.15;
  if (x < p * 0.3) return strong_model;
  if (x < p * (1 - tie)) return model;
  if (x < p * (1 - tie) + tie) return "A=B";
  if (x < 1 - (1 - p) * 0.3) return other;
  return strong_other;
}

struct Synthetic {
  std::vector<ArenaJudgment> judgments;
  AnswerIndex answers;
};

Synthetic make_synthetic(int n_models, int n_questions) {
  std::mt19937_64 gen(2024);
  Synthetic s;
  std::vector<ArenaAnswer> base;
  for (int q = 0; q < n_questions; ++q) {
    ArenaAnswer a;
    a.uid = "q" + std::to_string(q);
    a.model = kBaseline;
    a.metadata = random_meta(gen);
    base.push_back(a);
  }
  add_to_index(s.answers, base);
  for (int m = 0; m < n_models; ++m) {
    std::string name = "model-" + std::to_string(m);
    double strength = -1.5 + 3.0 * m / std::max(1, n_models - 1);
    std::vector<ArenaAnswer> mine;
    for (int q = 0; q < n_questions; ++q) {
      ArenaAnswer a;
      a.uid = "q" + std::to_string(q);
      a.model = name;
      a.metadata = random_meta(gen);
      double len_ratio =
          std::log(static_cast<double>(a.metadata->token_len) /
                   static_cast<double>(base[static_cast<size_t>(q)].metadata->token_len));
      double p = 1.0 / (1.0 + std::exp(-(strength + 0.4 * len_ratio)));
      ArenaJudgment j;
      j.uid = a.uid;
      j.category = "hard_prompt";
      j.judge = "synthetic-judge";
      j.model = name;
      j.baseline = kBaseline;
      j.games[0] = ArenaGame{draw_label(gen, p, false), "", nullptr};
      j.games[1] = ArenaGame{draw_label(gen, p, true), "", nullptr};
      s.judgments.push_back(std::move(j));
      mine.push_back(std::move(a));
    }
    add_to_index(s.answers, std::move(mine));
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int n_models = argc > 1 ? std::atoi(argv[1]) : 20;
  int n_questions = argc > 2 ? std::atoi(argv[2]) : 750;
  int rounds = argc > 3 ? std::atoi(argv[3]) : 100;
  if (n_models < 1 || n_questions < 1 || rounds < 1) {
    std::fprintf(stderr, "usage: arena_hard_bench [models>=1] [questions>=1] [rounds>=1]\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  Synthetic s = make_synthetic(n_models, n_questions);
  std::printf("synthetic data: %d models x %d questions x 2 games: %.3f s\n", n_models, n_questions,
              seconds_since(t0));
  for (bool style : {false, true}) {
    LeaderboardOptions o;
    o.category = "hard_prompt";
    o.baseline = kBaseline;
    o.style_control = style;
    o.rounds = rounds;
    auto t1 = std::chrono::steady_clock::now();
    std::clock_t c1 = std::clock();
    auto board = compute_arena_leaderboard(s.judgments, s.answers, o);
    double secs = seconds_since(t1);
    double cpu_secs = static_cast<double>(std::clock() - c1) / CLOCKS_PER_SEC;
    if (!board) {
      std::fprintf(stderr, "leaderboard failed: %s\n", board.error().message.c_str());
      return 1;
    }
    int64_t rows = 0;
    for (const auto& r : board->rows) rows += r.n_rows;
    // CPU time too: on a shared machine wall time mostly measures the neighbours.
    std::printf("%s leaderboard, %d rounds, %lld rows: %.3f s wall, %.3f s cpu\n",
                board->method.c_str(), rounds, static_cast<long long>(rows), secs, cpu_secs);
    if (style) std::printf("%s", arena::render_leaderboard_text(*board).c_str());
  }
  return 0;
}
