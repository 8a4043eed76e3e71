// The Pareto front of points where a lower x (cost, tokens, latency) and a higher y (score) are
// both better. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <vector>

namespace ys {

struct ParetoPoint {
  double x = 0, y = 0;
};

// Indices of the points that no other point dominates (another point dominates p when its x <= p.x
// and its y >= p.y, one of them strictly), sorted by x ascending. Equal points are all on the
// front. Non-finite coordinates are never on it.
std::vector<size_t> pareto_front(const std::vector<ParetoPoint>& points);

}  // namespace ys
