// Bradley-Terry against a single baseline, with optional style control (Arena-Hard protocol).
//
// Model: a logistic regression without intercept. Row i (one judged game row) has the design
// +1 in its model's column and -1 in the baseline's column, plus k style features. We fix the
// baseline's coefficient at 0 (the columns are otherwise collinear: adding a constant to every
// model coefficient leaves all rows unchanged), so P(model wins row i) = sigmoid(beta_m +
// f_i.gamma) and the win rate against the baseline is sigmoid(beta_m - beta_base) =
// sigmoid(beta_m). Targets are soft (1, 0.5, 0); the loss is the weighted sum of binary
// cross-entropies plus ridge/2 * |theta|^2 (default 1e-6: it changes finite estimates by ~1e-6
// relative and keeps the fit finite when a model wins or loses every row, or a style column is all
// zeros). Fit by Newton/IRLS with step halving, to convergence (max |step| < tol, or the
// Newton decrement below objective_tolerance).
// Thread-compatible; no exceptions escape.
#pragma once

#include <cstdint>
#include <vector>

#include "harness/core/expected.h"

namespace ys::stats {

struct BtData {
  int n_models = 0;              // models other than the baseline: columns 0..n_models-1
  int n_features = 0;            // style features per row (0 = no style control)
  std::vector<int32_t> model;    // per row, in [0, n_models); -1 = the baseline against itself
  int baseline_column = 0;       // upstream fit only: the baseline's place among the players
  std::vector<double> features;  // row-major, rows x n_features (already standardised)
  std::vector<double> outcome;   // per row, in [0, 1] from the model's side
  size_t rows() const { return model.size(); }
};

// Sizes agree, model indices in [-1, n_models), outcomes in [0, 1], features finite.
Status validate_bt_data(const BtData& data);

// Rows with identical (model, features, outcome) merged with a count: strong labels give three
// identical rows, so this roughly halves the work of every pass over the rows.
struct BtCompact {
  std::vector<int32_t> model;
  std::vector<double> features;
  std::vector<double> outcome;
  std::vector<uint32_t> unique_of_row;  // original row -> compact row
  std::vector<double> count;            // multiplicity of each compact row in the data
};
BtCompact compact_bt_rows(const BtData& data);

struct BtOptions {
  double ridge = 1e-6;
  int max_iterations = 200;
  double tolerance = 1e-7;  // on the largest Newton step; the error left after it is ~step^2
  double objective_tolerance = 1e-12;  // on the Newton decrement / 2 (objective above its minimum)
};

struct BtFit {
  std::vector<double> beta;   // n_models, baseline = 0
  std::vector<double> gamma;  // n_features
  int iterations = 0;
  bool converged = false;
};

// Maximum-likelihood fit. `weights` (per row, may be empty = all 1) are bootstrap multiplicities.
// `start` (optional, size n_models + n_features) warm-starts Newton. Errors: inconsistent sizes,
// a model index out of range, a non-finite value, or no convergence within max_iterations.
Expected<BtFit> fit_bradley_terry(const BtData& data, const std::vector<double>& weights = {},
                                  const BtOptions& options = {},
                                  const std::vector<double>* start = nullptr);

struct BtQuantiles {
  double median = 0.0, lower = 0.0, upper = 0.0;  // 50th, tail, 1 - tail percentiles
};

// Median and the `tail` / 1 - `tail` quantiles (linear interpolation, as numpy/pandas).
BtQuantiles bt_quantiles(const std::vector<double>& values, double tail);

struct BtBootstrap {
  BtFit full;                            // fit on all rows
  std::vector<BtQuantiles> win_rate;     // per model: sigmoid(beta_m) over rounds
  std::vector<BtQuantiles> coefficient;  // per style feature, over rounds
  int rounds = 0;
};

// Resamples rows jointly with replacement `rounds` times (seeded, see bootstrap.h) and refits.
// Quantiles are the median and `tail` / 1 - `tail` (0.05: a 90% interval).
Expected<BtBootstrap> bootstrap_bradley_terry(const BtData& data, int rounds, uint64_t seed,
                                              const BtOptions& options = {}, double tail = 0.05);

// Standardises each of the k columns of a row-major rows x k matrix in place: subtract the mean,
// divide by the N-1 standard deviation. A constant column (or fewer than two rows) becomes zeros.
void standardize_columns(std::vector<double>& features, size_t rows, int k);

}  // namespace ys::stats
