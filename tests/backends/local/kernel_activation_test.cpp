// The vectorised exp behind silu_mul and softmax: within 2 ulp of the correctly rounded exp
// (computed in double here) over the whole useful range, the stated edge behaviour, and the
// AVX2 entry points agree with the scalar ones, tails included.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "backends/local/cpu/activation.h"
#include "backends/local/cpu/cpu_features.h"

using namespace ys::cpu;

namespace {

// Distance in units in the last place of the float nearest to `exact`.
double ulps(float got, double exact) {
  const float nearest = static_cast<float>(exact);
  const float next = std::nextafter(nearest, std::numeric_limits<float>::infinity());
  return std::fabs(static_cast<double>(got) - exact) / (static_cast<double>(next) - nearest);
}

}  // namespace

TEST_CASE("AVX2 exp is within 2 ulp of exp over [-87.3, 88.7]") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::vector<float> x;
  for (double v = -87.3; v <= 88.7; v += 0.000731) x.push_back(static_cast<float>(v));
  for (float v : {0.0f, -0.0f, 1e-30f, -1e-30f, 0.5f, -0.5f, 1.0f, 88.72f, -87.33f}) x.push_back(v);
  std::vector<float> e = x;
  exp_shifted_avx2(e.data(), static_cast<int64_t>(e.size()), 0.0f);
  double worst = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double u = ulps(e[i], std::exp(static_cast<double>(x[i])));
    INFO("x = " << x[i] << " got " << e[i]);
    REQUIRE(u <= 2.0);
    worst = std::max(worst, u);
  }
  INFO("worst " << worst << " ulp");
  CHECK(worst > 0.0);  // the comparison really compared something
}

TEST_CASE("AVX2 exp underflows to 0, overflows to inf and keeps NaN") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  const float nan = std::numeric_limits<float>::quiet_NaN(),
              inf = std::numeric_limits<float>::infinity();
  std::vector<float> x = {-100.0f, -inf, 89.0f, 1000.0f, inf, nan, -88.0f, 0.0f};
  exp_shifted_avx2(x.data(), static_cast<int64_t>(x.size()), 0.0f);
  CHECK(x[0] == 0.0f);
  CHECK(x[1] == 0.0f);
  CHECK(x[2] == inf);
  CHECK(x[3] == inf);
  CHECK(x[4] == inf);
  CHECK(std::isnan(x[5]));
  CHECK(x[6] == 0.0f);  // below ln(FLT_MIN): flushed rather than subnormal
  CHECK(x[7] == 1.0f);
}

TEST_CASE("AVX2 silu_mul and exp_shifted agree with the scalar versions, tails included") {
  if (!cpu_has_avx2()) {
    WARN("SKIPPED: this CPU has no AVX2/FMA/F16C");
    return;
  }
  std::mt19937 rng(5);
  std::normal_distribution<float> normal(0.0f, 4.0f);
  for (int n : {1, 7, 8, 13, 100, 4864}) {
    std::vector<float> g(static_cast<size_t>(n)), u(static_cast<size_t>(n));
    for (auto& v : g) v = normal(rng);
    for (auto& v : u) v = normal(rng);
    auto g_ref = g, g_fast = g;
    silu_mul_scalar(g_ref.data(), u.data(), n);
    silu_mul_avx2(g_fast.data(), u.data(), n);
    INFO("n = " << n);
    for (int i = 0; i < n; ++i) REQUIRE(g_fast[i] == Approx(g_ref[i]).epsilon(1e-6).margin(1e-30));
    auto e_ref = g, e_fast = g;
    const double s_ref = exp_shifted_scalar(e_ref.data(), n, 3.0f);
    const double s_fast = exp_shifted_avx2(e_fast.data(), n, 3.0f);
    for (int i = 0; i < n; ++i) REQUIRE(e_fast[i] == Approx(e_ref[i]).epsilon(1e-6));
    REQUIRE(s_fast == Approx(s_ref).epsilon(1e-6));
  }
}
