// The Bradley-Terry fit exactly as lmarena/arena-hard-auto fits it for style control
// (utils/math_utils.py fit_pairwise_model, with torch.optim.LBFGS; docs/suites/arena-hard.md):
//   - one coefficient per player INCLUDING the baseline (columns in sorted-name order), plus one
//     per style feature; a row's logit is c[model] - c[baseline] + f . gamma (a row of the
//     baseline against itself has only the -c[baseline] term, as upstream's one-hot encoding
//     overwrites the +1 with -1);
//   - loss: sum of binary cross-entropies with logits and soft targets, no ridge;
//   - every coefficient starts at 0.5; float32 parameters, gradients and L-BFGS state;
//   - torch.optim.LBFGS with lr 0.1, max_iter 50 (max_eval 62), tolerance_grad and
//     tolerance_change 1e-9, history 100, no line search (a fixed step of lr along the L-BFGS
//     direction; the first step is min(1, 1/|g|_1) * lr), with torch's stopping tests.
// The result is NOT converged (50 steps of 10%): that is the point, it reproduces upstream's
// published numbers. Sums over rows are accumulated in double and rounded to float32 (torch sums
// in float32 in another order: differences stay at float32 rounding level).
// Thread-compatible; never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "judge/stats/bradley_terry.h"

namespace ys::stats {

struct LbfgsOptions {
  float lr = 0.1f;
  int max_iter = 50;
  int max_eval = 62;  // torch's default: max_iter * 5 // 4
  double tolerance_grad = 1e-9;
  double tolerance_change = 1e-9;
  int history_size = 100;
  float start = 0.5f;  // initial value of every coefficient
};

struct LbfgsFit {
  std::vector<float> players;  // n_models + 1 coefficients, column order (baseline included)
  std::vector<float> gamma;    // n_features
  int iterations = 0;
  int evaluations = 0;
  std::string stop;  // which of torch's tests ended the loop, e.g. "max_iter"
  // sigmoid(c_m - c_baseline) for model m in [0, n_models) (BtData's model numbering).
  double win_rate(const BtData& data, int model) const;
};

// Fits `data` (BtData: model -1 marks a baseline self-battle row; data.baseline_column places the
// baseline among the player columns). `weights` (per row, empty = all 1) are bootstrap
// multiplicities. Errors: inconsistent sizes or a non-finite feature.
Expected<LbfgsFit> fit_bt_lbfgs(const BtData& data, const std::vector<double>& weights = {},
                                const LbfgsOptions& options = {});

// Upstream's bootstrap: `rounds` joint resamples of the rows (seeded, see bootstrap.h), each fit
// from the start value; quantiles of win rates and style coefficients over rounds. `full` holds
// the fit on all rows, with beta[m] = c_m - c_baseline.
Expected<BtBootstrap> bootstrap_bt_lbfgs(const BtData& data, int rounds, uint64_t seed,
                                         const LbfgsOptions& options = {}, double tail = 0.05);

}  // namespace ys::stats
