#include "judge/stats/ci.h"

#include <algorithm>
#include <cmath>

namespace ys {
namespace {

// Continued fraction of the regularised incomplete beta function (modified Lentz evaluation).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  d = 1.0 / (std::fabs(d) < kTiny ? kTiny : d);
  double result = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    // Even step, then odd step of the fraction.
    for (int odd = 0; odd < 2; ++odd) {
      const double num = odd == 0 ? m * (b - m) * x / ((a + m2 - 1.0) * (a + m2))
                                  : -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
      d = 1.0 + num * d;
      d = 1.0 / (std::fabs(d) < kTiny ? kTiny : d);
      c = 1.0 + num / c;
      if (std::fabs(c) < kTiny) c = kTiny;
      result *= d * c;
      if (odd == 1 && std::fabs(d * c - 1.0) < kEps) return result;
    }
  }
  return result;
}

// I_x(a, b), the regularised incomplete beta function, for x in [0, 1].
double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  // The fraction converges fast only below the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1.0) / (a + b + 2.0)) {
    return std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
  }
  return 1.0 - std::exp(log_front) * beta_continued_fraction(b, a, 1.0 - x) / b;
}

// P(T > t) for t >= 0.
double student_t_upper_tail(double t, double df) {
  return 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

}  // namespace

Interval wilson_interval(int64_t successes, int64_t n, double z) {
  if (n <= 0) return {};
  const double nd = static_cast<double>(n);
  const double p = static_cast<double>(std::clamp<int64_t>(successes, 0, n)) / nd;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * nd)) / (1.0 + z2 / nd);
  const double half = z / (1.0 + z2 / nd) * std::sqrt(p * (1.0 - p) / nd + z2 / (4.0 * nd * nd));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double student_t_quantile(double p, double df) {
  if (!(df > 0.0) || !(p > 0.0 && p < 1.0)) return 0.0;
  if (p == 0.5) return 0.0;
  const double tail = p > 0.5 ? 1.0 - p : p;
  double lo = 0.0;
  double hi = 1.0;
  while (student_t_upper_tail(hi, df) > tail && hi < 1e12) hi *= 2.0;
  // The tail is monotone in t, so bisection converges; 200 halvings reach double precision.
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_upper_tail(mid, df) > tail ? lo : hi) = mid;
  }
  const double t = 0.5 * (lo + hi);
  return p > 0.5 ? t : -t;
}

double student_t_cdf(double t, double df) {
  if (!(df > 0.0) || std::isnan(t)) return 0.5;
  const double upper = student_t_upper_tail(std::fabs(t), df);
  return t >= 0.0 ? 1.0 - upper : upper;
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

Interval mean_interval(const std::vector<double>& values) {
  const double mean = mean_of(values);
  const size_t n = values.size();
  if (n < 2) return {mean, mean};
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / static_cast<double>(n - 1));
  const double half = student_t_quantile(0.975, static_cast<double>(n - 1)) * sd /
                      std::sqrt(static_cast<double>(n));
  return {mean - half, mean + half};
}

bool all_binary(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0 || v == 1.0; });
}

Interval score_interval(const std::vector<double>& values) {
  if (!all_binary(values)) {
    // Scores that cannot leave [0, 1] should not show an interval that does.
    Interval ci = mean_interval(values);
    const bool unit =
        std::all_of(values.begin(), values.end(), [](double v) { return v >= 0.0 && v <= 1.0; });
    if (unit) ci = {std::max(ci.low, 0.0), std::min(ci.high, 1.0)};
    return ci;
  }
  const auto successes = std::count(values.begin(), values.end(), 1.0);
  return wilson_interval(successes, static_cast<int64_t>(values.size()));
}

double percentile(std::vector<double> values, double p) {
  // NaN has no place in an order; dropping it keeps the sort well-defined.
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double rank = std::clamp(p, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(rank));
  const size_t above = std::min(below + 1, values.size() - 1);
  const double frac = rank - static_cast<double>(below);
  return values[below] + frac * (values[above] - values[below]);
}

}  // namespace ys
