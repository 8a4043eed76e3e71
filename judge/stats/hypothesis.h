// Significance tests and p-value adjustment for comparing two runs (docs/reports.md, "Paired
// comparison"). Pure functions; the randomised ones take an explicit seed and draw from
// stats::BootstrapRng, so a seed gives the same answer on every platform. Thread-safe; nothing
// here throws on user data.
#pragma once

#include <cstdint>
#include <vector>

namespace ys {

// Two-sided exact McNemar p-value for discordant counts b and c: min(1, 2 * P(X <= min(b, c)))
// with X ~ Binomial(b + c, 1/2). 1 when b + c = 0.
double mcnemar_exact_p(int64_t b, int64_t c);

// Largest number of non-zero differences for which sign_flip_p enumerates every sign pattern.
inline constexpr int kSignFlipExactMax = 20;

// Two-sided paired sign-flip permutation test of "the differences are symmetric about 0" with the
// statistic |sum of d|. Zero differences carry no sign and are left out. With at most
// kSignFlipExactMax non-zero differences every one of the 2^m sign patterns is enumerated (exact
// p = share of patterns with |S*| >= |S|); otherwise `rounds` random patterns (one
// BootstrapRng(seed) draw index(2) per non-zero difference, in order) give p = (1 + hits) /
// (1 + rounds). `exact` (optional) receives which of the two was used. No non-zero
// difference: 1.
double sign_flip_p(const std::vector<double>& diffs, int rounds, uint64_t seed,
                   bool* exact = nullptr);

// Two-sided Welch t-test of mean(a) = mean(b) for independent samples (Welch-Satterthwaite
// degrees of freedom). Fewer than two values on a side: 1. Zero spread on both sides: 1 when the
// means are equal, else 0.
double welch_t_p(const std::vector<double>& a, const std::vector<double>& b);

// Holm's step-down adjustment of p-values for m simultaneous tests (family-wise error rate):
// with p sorted ascending, adjusted p_(i) = max over j <= i of min(1, (m - j + 1) * p_(j)).
// Returned in the input order.
std::vector<double> holm_adjust(const std::vector<double>& p_values);

}  // namespace ys
