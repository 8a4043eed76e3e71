#include "reports/pareto.h"

#include <algorithm>
#include <cmath>

namespace ys {

namespace {
bool dominates(const ParetoPoint& a, const ParetoPoint& b) {
  return a.x <= b.x && a.y >= b.y && (a.x < b.x || a.y > b.y);
}
bool finite(const ParetoPoint& p) {
  return std::isfinite(p.x) && std::isfinite(p.y);
}
}  // namespace

// Quadratic, on purpose: a report has tens of models, and this is easy to check by eye.
std::vector<size_t> pareto_front(const std::vector<ParetoPoint>& points) {
  std::vector<size_t> front;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!finite(points[i])) continue;
    bool dominated = false;
    for (size_t j = 0; j < points.size() && !dominated; ++j)
      dominated = j != i && finite(points[j]) && dominates(points[j], points[i]);
    if (!dominated) front.push_back(i);
  }
  std::stable_sort(front.begin(), front.end(),
                   [&](size_t a, size_t b) { return points[a].x < points[b].x; });
  return front;
}

}  // namespace ys
