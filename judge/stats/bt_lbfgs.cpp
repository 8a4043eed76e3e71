#include "judge/stats/bt_lbfgs.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "judge/stats/bootstrap.h"
#include "judge/stats/logistic.h"

namespace ys::stats {
namespace {

using Vec = std::vector<float>;

float dot(const Vec& a, const Vec& b) {
  double s = 0.0;
  for (size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * b[i];
  return static_cast<float>(s);
}

// a += alpha * b, in float32 as torch's add_(b, alpha=alpha).
void axpy(Vec& a, float alpha, const Vec& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] = a[i] + alpha * b[i];
}

float abs_max(const Vec& v) {
  float m = 0.0f;
  for (float x : v) m = std::max(m, std::fabs(x));
  return m;
}

// Loss and gradient of the upstream BT objective at `c` over compact rows with weights `w`.
class Objective {
 public:
  Objective(const BtCompact& rows, const BtData& data)
      : rows_(rows), m_(data.n_models), k_(data.n_features), base_(data.baseline_column) {}
  size_t size() const { return static_cast<size_t>(m_ + 1 + k_); }

  int player_column(int model) const { return model < base_ ? model : model + 1; }

  // Returns the loss (rounded to float32, as torch's) and writes the gradient.
  float evaluate(const std::vector<double>& w, const Vec& c, Vec& grad) const {
    std::vector<double> g(size(), 0.0);
    double loss = 0.0;
    const size_t k = static_cast<size_t>(k_), first_feature = static_cast<size_t>(m_ + 1);
    for (size_t i = 0; i < rows_.model.size(); ++i) {
      if (w[i] == 0.0) continue;
      const double* f = rows_.features.data() + i * k;
      const int model = rows_.model[i];
      double x = -static_cast<double>(c[static_cast<size_t>(base_)]);
      if (model >= 0) x += c[static_cast<size_t>(player_column(model))];
      for (size_t j = 0; j < k; ++j)
        x += static_cast<double>(static_cast<float>(f[j])) * c[first_feature + j];
      const double y = rows_.outcome[i];
      const double e = std::exp(-std::fabs(x));  // one exp for both the softplus and the sigmoid
      loss += w[i] * ((x > 0 ? x : 0.0) + std::log1p(e) - y * x);
      const double r = w[i] * ((x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - y);
      g[static_cast<size_t>(base_)] -= r;
      if (model >= 0) g[static_cast<size_t>(player_column(model))] += r;
      for (size_t j = 0; j < k; ++j) g[first_feature + j] += r * static_cast<float>(f[j]);
    }
    grad.resize(size());
    for (size_t j = 0; j < size(); ++j) grad[j] = static_cast<float>(g[j]);
    return static_cast<float>(loss);
  }

 private:
  const BtCompact& rows_;
  int m_ = 0, k_ = 0, base_ = 0;
};

struct LbfgsState {
  Vec c;
  int iterations = 0, evaluations = 0;
  const char* stop = "max_iter";
};

// The first step: min(1, 1 / |g|_1) * lr, in float32.
float first_step(const Vec& g, float lr) {
  double s = 0.0;
  for (float x : g) s += std::fabs(x);
  float inv = 1.0f / static_cast<float>(s);
  return (inv < 1.0f ? inv : 1.0f) * lr;
}

// The L-BFGS direction from the gradient and the memory (torch's two-loop recursion).
class Memory {
 public:
  explicit Memory(int history) : history_(static_cast<size_t>(history)), al_(history_, 0.0f) {}

  void update(const Vec& g, const Vec& prev_g, const Vec& d, float t) {
    Vec y = g, s = d;
    for (size_t i = 0; i < y.size(); ++i) y[i] -= prev_g[i];
    for (float& x : s) x *= t;
    float ys = dot(y, s);
    if (!(ys > 1e-10f)) return;
    if (dirs_.size() == history_) {
      dirs_.pop_front();
      stps_.pop_front();
      ro_.pop_front();
    }
    h_diag_ = ys / dot(y, y);
    dirs_.push_back(std::move(y));
    stps_.push_back(std::move(s));
    ro_.push_back(1.0f / ys);
  }

  Vec direction(const Vec& g) {
    Vec q = g;
    for (float& x : q) x = -x;
    for (size_t i = dirs_.size(); i-- > 0;) {
      al_[i] = dot(stps_[i], q) * ro_[i];
      axpy(q, -al_[i], dirs_[i]);
    }
    for (float& x : q) x *= h_diag_;
    for (size_t i = 0; i < dirs_.size(); ++i) {
      float be_i = dot(dirs_[i], q) * ro_[i];
      axpy(q, al_[i] - be_i, stps_[i]);
    }
    return q;
  }

 private:
  size_t history_;
  std::deque<Vec> dirs_, stps_;
  std::deque<float> ro_;
  std::vector<float> al_;
  float h_diag_ = 1.0f;
};

// torch.optim.LBFGS.step with line_search_fn=None, one call from a fresh state
// (torch/optim/lbfgs.py): the same updates, the same order of stopping tests.
LbfgsState run_lbfgs(const Objective& obj, const std::vector<double>& w, const LbfgsOptions& o) {
  LbfgsState st;
  st.c.assign(obj.size(), o.start);
  Vec g, d, prev_g;
  float loss = obj.evaluate(w, st.c, g);
  st.evaluations = 1;
  if (abs_max(g) <= o.tolerance_grad) {
    st.stop = "tolerance_grad";
    return st;
  }
  Memory memory(o.history_size);
  float t = 0.0f;
  for (int n_iter = 1; n_iter <= o.max_iter; ++n_iter) {
    st.iterations = n_iter;
    if (n_iter == 1) {
      d = g;
      for (float& x : d) x = -x;
    } else {
      memory.update(g, prev_g, d, t);
      d = memory.direction(g);
    }
    prev_g = g;
    const float prev_loss = loss;
    t = n_iter == 1 ? first_step(g, o.lr) : o.lr;
    if (dot(g, d) > -o.tolerance_change) {
      st.stop = "tolerance_change (directional derivative)";
      return st;
    }
    axpy(st.c, t, d);
    bool opt_cond = false;
    if (n_iter != o.max_iter) {  // torch does not evaluate after the last step
      loss = obj.evaluate(w, st.c, g);
      ++st.evaluations;
      opt_cond = abs_max(g) <= o.tolerance_grad;
    }
    const char* stop = nullptr;
    Vec step = d;
    for (float& x : step) x *= t;
    if (n_iter == o.max_iter)
      stop = "max_iter";
    else if (st.evaluations >= o.max_eval)
      stop = "max_eval";
    else if (opt_cond)
      stop = "tolerance_grad";
    else if (abs_max(step) <= o.tolerance_change)
      stop = "tolerance_change (step)";
    else if (std::fabs(static_cast<double>(loss) - prev_loss) < o.tolerance_change)
      stop = "tolerance_change (loss)";
    if (stop) {
      st.stop = stop;
      return st;
    }
  }
  return st;
}

LbfgsFit to_fit(LbfgsState st, const BtData& data) {
  LbfgsFit fit;
  const long players = data.n_models + 1;
  fit.players.assign(st.c.begin(), st.c.begin() + players);
  fit.gamma.assign(st.c.begin() + players, st.c.end());
  fit.iterations = st.iterations;
  fit.evaluations = st.evaluations;
  fit.stop = st.stop;
  return fit;
}

Status check(const BtData& data) {
  Status st = validate_bt_data(data);
  if (!st) return st;
  if (data.baseline_column < 0 || data.baseline_column > data.n_models)
    return Error{"bradley-terry: baseline column out of range"};
  return ok_status();
}

}  // namespace

double LbfgsFit::win_rate(const BtData& data, int model) const {
  size_t col = static_cast<size_t>(model < data.baseline_column ? model : model + 1);
  return sigmoid(static_cast<double>(players[col]) -
                 static_cast<double>(players[static_cast<size_t>(data.baseline_column)]));
}

Expected<LbfgsFit> fit_bt_lbfgs(const BtData& data, const std::vector<double>& weights,
                                const LbfgsOptions& options) {
  if (Status st = check(data); !st) return st.error();
  if (!weights.empty() && weights.size() != data.rows())
    return Error{"bradley-terry: weights and rows disagree in size"};
  BtCompact c = compact_bt_rows(data);
  std::vector<double> w(c.count.size(), 0.0);
  for (size_t i = 0; i < data.rows(); ++i)
    w[c.unique_of_row[i]] += weights.empty() ? 1.0 : weights[i];
  return to_fit(run_lbfgs(Objective(c, data), w, options), data);
}

Expected<BtBootstrap> bootstrap_bt_lbfgs(const BtData& data, int rounds, uint64_t seed,
                                         const LbfgsOptions& options, double tail) {
  if (Status st = check(data); !st) return st.error();
  if (rounds < 1) return Error{"bradley-terry: bootstrap needs at least one round"};
  if (data.rows() == 0) return Error{"bradley-terry: no rows to fit"};
  BtCompact c = compact_bt_rows(data);
  Objective obj(c, data);
  LbfgsFit full = to_fit(run_lbfgs(obj, c.count, options), data);
  BootstrapRng rng(seed);
  std::vector<std::vector<double>> win(static_cast<size_t>(data.n_models));
  std::vector<std::vector<double>> coef(static_cast<size_t>(data.n_features));
  std::vector<double> w(c.count.size());
  for (int r = 0; r < rounds; ++r) {
    std::fill(w.begin(), w.end(), 0.0);
    for (size_t i = 0; i < data.rows(); ++i) w[c.unique_of_row[rng.index(data.rows())]] += 1.0;
    LbfgsFit fit = to_fit(run_lbfgs(obj, w, options), data);
    for (size_t m = 0; m < win.size(); ++m)
      win[m].push_back(fit.win_rate(data, static_cast<int>(m)));
    for (size_t f = 0; f < coef.size(); ++f) coef[f].push_back(fit.gamma[f]);
  }
  BtBootstrap out;
  out.rounds = rounds;
  out.full.iterations = full.iterations;
  const float base = full.players[static_cast<size_t>(data.baseline_column)];
  for (int m = 0; m < data.n_models; ++m) {
    size_t col = static_cast<size_t>(m < data.baseline_column ? m : m + 1);
    out.full.beta.push_back(static_cast<double>(full.players[col]) - base);
  }
  out.full.gamma.assign(full.gamma.begin(), full.gamma.end());
  for (const auto& v : win) out.win_rate.push_back(bt_quantiles(v, tail));
  for (const auto& v : coef) out.coefficient.push_back(bt_quantiles(v, tail));
  return out;
}

}  // namespace ys::stats
