#include "judge/stats/bradley_terry.h"

#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>

#include "judge/stats/bootstrap.h"
#include "judge/stats/logistic.h"

namespace ys::stats {

Status validate_bt_data(const BtData& d) {
  if (d.n_models < 0 || d.n_features < 0) return Error{"bradley-terry: negative dimensions"};
  if (d.outcome.size() != d.rows() ||
      d.features.size() != d.rows() * static_cast<size_t>(d.n_features)) {
    return Error{"bradley-terry: rows, outcomes and features disagree in size"};
  }
  for (size_t i = 0; i < d.rows(); ++i) {
    if (d.model[i] < -1 || d.model[i] >= d.n_models) {
      return Error{"bradley-terry: row " + std::to_string(i) + " has model index out of range"};
    }
    if (!(d.outcome[i] >= 0.0 && d.outcome[i] <= 1.0)) {
      return Error{"bradley-terry: row " + std::to_string(i) + " has an outcome outside [0, 1]"};
    }
  }
  for (double f : d.features) {
    if (!std::isfinite(f)) return Error{"bradley-terry: a style feature is not finite"};
  }
  return ok_status();
}

BtCompact compact_bt_rows(const BtData& d) {
  BtCompact c;
  const size_t k = static_cast<size_t>(d.n_features);
  std::unordered_map<std::string, uint32_t> seen;
  c.unique_of_row.resize(d.rows());
  std::string key;
  for (size_t i = 0; i < d.rows(); ++i) {
    key.assign(reinterpret_cast<const char*>(&d.model[i]), sizeof(int32_t));
    key.append(reinterpret_cast<const char*>(&d.outcome[i]), sizeof(double));
    key.append(reinterpret_cast<const char*>(d.features.data() + i * k), k * sizeof(double));
    auto [it, inserted] = seen.emplace(key, static_cast<uint32_t>(c.model.size()));
    if (inserted) {
      c.model.push_back(d.model[i]);
      c.outcome.push_back(d.outcome[i]);
      c.features.insert(c.features.end(), d.features.begin() + static_cast<long>(i * k),
                        d.features.begin() + static_cast<long>((i + 1) * k));
      c.count.push_back(0.0);
    }
    c.unique_of_row[i] = it->second;
    c.count[it->second] += 1.0;
  }
  return c;
}

namespace {

// Newton solver over compact rows with weights w (w = 0 rows are skipped).
class Newton {
 public:
  Newton(const BtCompact& c, int n_models, int k, const BtOptions& o)
      : c_(c),
        m_(n_models),
        k_(k),
        p_(n_models + k),
        o_(o),
        hess_(static_cast<size_t>(p_ * p_)),
        grad_(static_cast<size_t>(p_)) {}

  // One pass over the rows per iteration: the pass at theta gives the objective, gradient and
  // Hessian together. A step that raised the objective is undone and halved (damped Newton).
  Expected<BtFit> run(const std::vector<double>& w, std::vector<double> theta) {
    std::vector<double> prev_theta, prev_step;
    double prev_loss = 0.0, t = 1.0;
    for (int it = 1; it <= o_.max_iterations; ++it) {
      double loss = accumulate(w, theta);
      if (!prev_step.empty() && loss > prev_loss + 1e-12 * std::fabs(prev_loss) && t > 1e-9) {
        t *= 0.5;
        for (size_t j = 0; j < theta.size(); ++j) theta[j] = prev_theta[j] - t * prev_step[j];
        continue;
      }
      gradient_ = grad_;
      if (!cholesky_solve(hess_, grad_, p_)) return Error{"bradley-terry: singular Hessian"};
      double max_step = 0.0, decrement = 0.0;
      for (size_t j = 0; j < grad_.size(); ++j) {
        max_step = std::max(max_step, std::fabs(grad_[j]));
        decrement += gradient_[j] * grad_[j];
      }
      // Converged when the step is tiny, or when the Newton decrement says the objective is within
      // ~1e-12 of its minimum: with separated data (a model that wins every row) the coefficient
      // drifts towards the ridge optimum in steps that shrink slowly, while its win rate no longer
      // changes.
      if (max_step < o_.tolerance || 0.5 * decrement < o_.objective_tolerance)
        return finish(theta, it, true);
      prev_theta = theta;
      prev_step = grad_;
      prev_loss = loss;
      t = 1.0;
      for (size_t j = 0; j < theta.size(); ++j) theta[j] -= grad_[j];
    }
    return Error{"bradley-terry: Newton did not converge in " + std::to_string(o_.max_iterations) +
                 " iterations"};
  }

 private:
  // A baseline self-battle row (model -1) has no model term: the baseline's coefficient is 0.
  double eta(size_t i, const std::vector<double>& theta) const {
    double e = c_.model[i] >= 0 ? theta[static_cast<size_t>(c_.model[i])] : 0.0;
    const double* f = c_.features.data() + i * static_cast<size_t>(k_);
    for (int j = 0; j < k_; ++j) e += f[j] * theta[static_cast<size_t>(m_ + j)];
    return e;
  }

  // Objective (returned), gradient and Hessian (lower triangle; the solve reads only that) at
  // theta.
  double accumulate(const std::vector<double>& w, const std::vector<double>& theta) {
    const size_t p = static_cast<size_t>(p_), m = static_cast<size_t>(m_),
                 k = static_cast<size_t>(k_);
    std::fill(hess_.begin(), hess_.end(), 0.0);
    double loss = 0.0;
    for (size_t j = 0; j < p; ++j) {
      loss += 0.5 * o_.ridge * theta[j] * theta[j];
      grad_[j] = o_.ridge * theta[j];
      hess_[j * p + j] = o_.ridge;
    }
    for (size_t i = 0; i < c_.model.size(); ++i) {
      if (w[i] == 0.0) continue;
      double e = eta(i, theta);
      double ex = std::exp(-std::fabs(e));  // one exp serves both the sigmoid and the softplus
      double pr = e >= 0 ? 1.0 / (1.0 + ex) : ex / (1.0 + ex);
      loss += w[i] * ((e > 0 ? e : 0.0) + std::log1p(ex) - c_.outcome[i] * e);
      double g = w[i] * (pr - c_.outcome[i]);
      double s = w[i] * pr * (1.0 - pr);
      const bool has_model = c_.model[i] >= 0;
      size_t col = has_model ? static_cast<size_t>(c_.model[i]) : 0;
      const double* f = c_.features.data() + i * k;
      if (has_model) {
        grad_[col] += g;
        hess_[col * p + col] += s;
      }
      for (size_t a = 0; a < k; ++a) {
        grad_[m + a] += g * f[a];
        if (has_model) hess_[(m + a) * p + col] += s * f[a];
        for (size_t b = 0; b <= a; ++b) hess_[(m + a) * p + m + b] += s * f[a] * f[b];
      }
    }
    return loss;
  }

  BtFit finish(const std::vector<double>& theta, int iterations, bool converged) const {
    BtFit fit;
    fit.beta.assign(theta.begin(), theta.begin() + m_);
    fit.gamma.assign(theta.begin() + m_, theta.end());
    fit.iterations = iterations;
    fit.converged = converged;
    return fit;
  }

  const BtCompact& c_;
  int m_, k_, p_;
  BtOptions o_;
  std::vector<double> hess_, grad_;
  std::vector<double> gradient_;  // the last pass's gradient, kept while grad_ holds the step
};

}  // namespace

BtQuantiles bt_quantiles(const std::vector<double>& v, double tail) {
  return {quantile_linear(v, 0.5), quantile_linear(v, tail), quantile_linear(v, 1.0 - tail)};
}

Expected<BtFit> fit_bradley_terry(const BtData& data, const std::vector<double>& weights,
                                  const BtOptions& options, const std::vector<double>* start) {
  Status st = validate_bt_data(data);
  if (!st) return st.error();
  if (!weights.empty() && weights.size() != data.rows()) {
    return Error{"bradley-terry: weights and rows disagree in size"};
  }
  BtCompact c = compact_bt_rows(data);
  std::vector<double> w(c.count.size(), 0.0);
  for (size_t i = 0; i < data.rows(); ++i)
    w[c.unique_of_row[i]] += weights.empty() ? 1.0 : weights[i];
  size_t p = static_cast<size_t>(data.n_models + data.n_features);
  std::vector<double> theta = start && start->size() == p ? *start : std::vector<double>(p, 0.0);
  return Newton(c, data.n_models, data.n_features, options).run(w, std::move(theta));
}

Expected<BtBootstrap> bootstrap_bradley_terry(const BtData& data, int rounds, uint64_t seed,
                                              const BtOptions& options, double tail) {
  Status st = validate_bt_data(data);
  if (!st) return st.error();
  if (rounds < 1) return Error{"bradley-terry: bootstrap needs at least one round"};
  if (data.rows() == 0) return Error{"bradley-terry: no rows to fit"};
  BtCompact c = compact_bt_rows(data);
  Newton newton(c, data.n_models, data.n_features, options);
  const size_t p = static_cast<size_t>(data.n_models + data.n_features);
  auto full = newton.run(c.count, std::vector<double>(p, 0.0));
  if (!full) return full.error();
  std::vector<double> start = full->beta;
  start.insert(start.end(), full->gamma.begin(), full->gamma.end());

  BootstrapRng rng(seed);
  std::vector<std::vector<double>> win(static_cast<size_t>(data.n_models));
  std::vector<std::vector<double>> coef(static_cast<size_t>(data.n_features));
  std::vector<double> w(c.count.size());
  for (int r = 0; r < rounds; ++r) {
    std::fill(w.begin(), w.end(), 0.0);
    for (size_t i = 0; i < data.rows(); ++i) w[c.unique_of_row[rng.index(data.rows())]] += 1.0;
    auto fit = newton.run(w, start);
    if (!fit) return Error{fit.error().message + " (bootstrap round " + std::to_string(r) + ")"};
    for (size_t m = 0; m < win.size(); ++m) win[m].push_back(sigmoid(fit->beta[m]));
    for (size_t f = 0; f < coef.size(); ++f) coef[f].push_back(fit->gamma[f]);
  }
  BtBootstrap out;
  out.full = std::move(*full);
  out.rounds = rounds;
  for (const auto& v : win) out.win_rate.push_back(bt_quantiles(v, tail));
  for (const auto& v : coef) out.coefficient.push_back(bt_quantiles(v, tail));
  return out;
}

void standardize_columns(std::vector<double>& features, size_t rows, int k) {
  const size_t kk = static_cast<size_t>(k);
  for (size_t j = 0; j < kk; ++j) {
    double sum = 0.0;
    for (size_t i = 0; i < rows; ++i) sum += features[i * kk + j];
    double mean = rows ? sum / static_cast<double>(rows) : 0.0;
    double ss = 0.0;
    for (size_t i = 0; i < rows; ++i)
      ss += (features[i * kk + j] - mean) * (features[i * kk + j] - mean);
    double sd = rows > 1 ? std::sqrt(ss / static_cast<double>(rows - 1)) : 0.0;
    for (size_t i = 0; i < rows; ++i) {
      features[i * kk + j] = sd > 0.0 ? (features[i * kk + j] - mean) / sd : 0.0;
    }
  }
}

}  // namespace ys::stats
