// The style-controlled fit against an independent reference: bt_reference.py computes the style
// features, the N-1 standardisation and a Newton fit in plain Python (no ridge) and stores rows and
// coefficients in bt_reference.json.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "harness/core/types.h"
#include "judge/arena/style_features.h"
#include "judge/stats/bradley_terry.h"
#include "tests/support/paths.h"

using namespace ys;

TEST_CASE("features, standardisation and fit match the independent Python reference") {
  std::ifstream in(ys::test::source_path("tests/judge/arena/bt_reference.json"));
  REQUIRE(in.good());
  Json ref = Json::parse(in);
  stats::BtData d;
  d.n_models = ref["n_models"].get<int>();
  d.n_features = arena::kStyleFeatureCount;
  for (const Json& r : ref["rows"]) {
    auto num = [](const Json& a) {
      return arena::StyleNumbers{a[0].get<double>(), a[1].get<double>(), a[2].get<double>(),
                                 a[3].get<double>()};
    };
    auto f = arena::style_features(num(r["m"]), num(r["b"]));
    d.model.push_back(r["model"].get<int>());
    d.features.insert(d.features.end(), f.begin(), f.end());
    d.outcome.push_back(r["y"].get<double>());
  }
  stats::standardize_columns(d.features, d.rows(), d.n_features);
  auto fit = stats::fit_bradley_terry(d);
  REQUIRE(fit.ok());
  for (size_t m = 0; m < fit->beta.size(); ++m) {
    CHECK(fit->beta[m] == Approx(ref["beta"][m].get<double>()).margin(1e-4));
  }
  for (size_t k = 0; k < fit->gamma.size(); ++k) {
    CHECK(fit->gamma[k] == Approx(ref["gamma"][k].get<double>()).margin(1e-4));
  }
}
