// Small numerics for logistic models: a stable sigmoid, and a dense symmetric
// positive-definite solve (Cholesky) for the normal equations of Newton/IRLS steps. No allocation
// inside the solve; thread-safe.
#pragma once

#include <cmath>
#include <vector>

namespace ys::stats {

inline double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

// Solves A x = b for symmetric positive-definite A (p x p, row-major). A is overwritten with its
// Cholesky factor and b with x. Returns false when A is not positive definite.
bool cholesky_solve(std::vector<double>& a, std::vector<double>& b, int p);

}  // namespace ys::stats
