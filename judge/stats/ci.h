// Confidence intervals and percentiles for benchmark scores (95% by default).
//
// - Wilson score interval for 0/1 outcomes (k successes in n trials). It stays inside [0, 1] and
//   behaves at k = 0 and k = n, where the normal ("Wald") interval collapses to a point.
// - Student-t interval of the mean for fractional scores: mean +/- t(0.975, n-1) * sd / sqrt(n),
//   with the sample standard deviation (n-1 denominator). Not clamped: metrics need not be in [0,
//   1].
// - Percentiles with linear interpolation between closest ranks (numpy's default, "type 7").
//
// Pure functions, no state, thread-safe. Degenerate inputs give degenerate but defined results
// (documented per function); nothing here throws or asserts on user data.
#pragma once

#include <cstdint>
#include <vector>

namespace ys {

// Two-sided 95% normal quantile, z(0.975).
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval for `successes` out of `n`. n <= 0 gives [0, 0]; successes is clamped to
// [0, n].
Interval wilson_interval(int64_t successes, int64_t n, double z = kZ95);

// Quantile of Student's t distribution with `df` degrees of freedom at probability p in (0, 1).
// df <= 0 or p outside (0, 1) gives 0.
double student_t_quantile(double p, double df);

// P(T <= t) for Student's t with `df` degrees of freedom; df <= 0 gives 0.5.
double student_t_cdf(double t, double df);

// 95% t interval of the mean of `values`. Fewer than two values: [mean, mean] (no spread known);
// empty: [0, 0].
Interval mean_interval(const std::vector<double>& values);

// True when every value is exactly 0 or 1 (an empty list counts as binary).
bool all_binary(const std::vector<double>& values);

// The interval a report shows for a score list: Wilson when all values are 0/1, else the t
// interval, clipped to [0, 1] when every value lies in [0, 1].
Interval score_interval(const std::vector<double>& values);

// p in [0, 1] (clamped). Linear interpolation between order statistics; NaNs are ignored; empty
// input gives 0.
// Takes a copy because it sorts.
double percentile(std::vector<double> values, double p);

double mean_of(const std::vector<double>& values);  // 0 for an empty list

}  // namespace ys
