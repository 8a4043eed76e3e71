// Pareto fronts worked out by hand: lower x and higher y are better.
#include "reports/pareto.h"

#include <catch2/catch.hpp>
#include <cmath>

using ys::pareto_front;
using Idx = std::vector<size_t>;

TEST_CASE("a point beaten on both axes is off the front", "[pareto]") {
  // (1, 50) (2, 70) (3, 60): the third costs more than the second and scores less
  CHECK(pareto_front({{1, 50}, {2, 70}, {3, 60}}) == Idx{0, 1});
}

TEST_CASE("the front is sorted by x", "[pareto]") {
  CHECK(pareto_front({{5, 90}, {1, 10}, {3, 50}}) == Idx{1, 2, 0});
}

TEST_CASE("a tie on one axis is decided by the other", "[pareto]") {
  // same cost, lower score: dominated; same score, higher cost: dominated
  CHECK(pareto_front({{2, 60}, {2, 50}, {3, 60}}) == Idx{0});
}

TEST_CASE("equal points are all on the front", "[pareto]") {
  CHECK(pareto_front({{1, 1}, {1, 1}}) == Idx{0, 1});
}

TEST_CASE("non-finite points are never on the front and beat nobody", "[pareto]") {
  CHECK(pareto_front({{NAN, 100}, {1, 10}, {2, INFINITY}}) == Idx{1});
  CHECK(pareto_front({}).empty());
}
