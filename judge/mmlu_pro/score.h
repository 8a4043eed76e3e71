// Scoring of one MMLU-Pro response: strict score (the leaderboard's main number) plus the
// "official" variant the TIGER-Lab scripts compute, where an unextracted answer is credited when a
// seeded random guess hits.
//
// Steps: (1) a failed request (Response::ok() false) scores status error, value 0; (2) <think>
// blocks are removed when strip_think is set (judge/mmlu_pro/think.h); (3) for the chat rendering
// (item.meta["rendering"] == "chat", or no rendering recorded) every "**" is removed, as
// evaluate_from_api.py does; (4) the extraction chain of judge/mmlu_pro/extract.h runs; (5) value =
// 1 when the letter equals reference.answer, else 0; nothing extracted gives status unparsed,
// value 0.
//
// Item.reference = {"answer": "C", "n_options": 7, "question_id": 42, ["answer_index": 1]}: the
// optional answer_index (present when the file's index disagrees with the letter) is what the
// official guess must hit, as upstream compares its draw with answer_index. A malformed reference
// is a programming error upstream of scoring, but still comes back as status error with
// detail["error"], never as an exception.
//
// Score.detail = {"metrics": {"official": 0|1}, "reasoning_chars": N, ...}: reasoning_chars counts
// code points of Response::reasoning plus the removed <think> blocks; "official_guess" (the
// drawn letter) appears when nothing was extracted; "out_of_range": true when the extracted letter
// lies beyond the question's options (scored wrong, as upstream does); "think_unterminated": true
// when a <think> block ran to the end. Pure functions, thread-safe, never throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/types.h"

namespace ys::mmlu_pro {

enum class OfficialDraw {
  per_run,       // random.seed(seed) once per run; the unanswered questions draw from that one
                 // stream in the run's item order (upstream since 2025-02-24, its PRs #65-#67)
  reseed,        // random.seed(seed) before every draw (upstream's scripts before that change)
  per_question,  // random.seed(seed + question_id): independent draws, still reproducible
};

// "per-run", "reseed", "per-question" (the option values); nullopt for anything else.
std::optional<OfficialDraw> official_draw_from_string(const std::string& name);
std::string to_string(OfficialDraw draw);

struct MmluProScoring {
  bool strip_think = true;
  int64_t seed = 12345;
  OfficialDraw draw = OfficialDraw::per_run;
};

// The index in [0, n_options) the official rule draws for an unextracted answer: Python's
// random.seed(s); random.randint(0, n_options - 1) with s = seed (reseed) or seed + question_id.
// Not for per_run, whose draws depend on the run (official_guesses_per_run).
int official_guess(const MmluProScoring& scoring, int64_t question_id, int n_options);

// The per_run draws: random.seed(seed) once, then random.randint(0, n - 1) for each n in
// `n_options` in order (the unanswered questions' option counts, in run order).
std::vector<int> official_guesses_per_run(int64_t seed, const std::vector<int>& n_options);

// With draw = per_run, score_mmlu_pro cannot draw (the guess depends on the questions before
// it): an unextracted answer gets metrics.official = 0 and detail.official_pending = true, and
// this run-level pass, given every scored item of the run in item order, makes the draws and sets
// metrics.official and detail.official_guess. Returns the indexes of the scores it changed. Other
// rules: nothing to do.
std::vector<size_t> finalize_mmlu_pro_scores(const std::vector<const Item*>& items,
                                             std::vector<Score>& scores,
                                             const MmluProScoring& scoring);

Score score_mmlu_pro(const Item& item, const Response& response, const MmluProScoring& scoring);

// Macro average: the unweighted mean of per-category accuracies (label it "macro" in reports; the
// headline number is the micro average over questions). Categories with n == 0 are skipped;
// nullopt when none is left.
struct CategoryTally {
  std::string category;
  double correct = 0;  // sum of scores
  int64_t n = 0;
};
std::optional<double> macro_average(const std::vector<CategoryTally>& tallies);

}  // namespace ys::mmlu_pro
