// Reference draws printed by CPython 3.11 (`random.seed(s); [random.randint(0, n - 1) for n in
// range(2, 12)]; random.getrandbits(32)`), an independent implementation of the same generator.
#include "judge/mmlu_pro/python_random.h"

#include <catch2/catch.hpp>
#include <vector>

namespace {

std::vector<int64_t> draws(int64_t seed) {
  ys::mmlu_pro::PythonRandom rng(seed);
  std::vector<int64_t> out;
  for (int n = 2; n < 12; ++n) out.push_back(rng.randint(0, n - 1));
  out.push_back(rng.getrandbits(32));
  return out;
}

}  // namespace

TEST_CASE("PythonRandom matches CPython's draws for the official seed 12345") {
  CHECK(draws(12345) == std::vector<int64_t>{1, 2, 0, 2, 2, 1, 4, 6, 2, 5, 533722196});
}

TEST_CASE("PythonRandom matches CPython for zero, small, multi-word and negative seeds") {
  CHECK(draws(0) == std::vector<int64_t>{1, 1, 0, 2, 4, 3, 6, 4, 7, 5, 2505606783});
  CHECK(draws(1) == std::vector<int64_t>{0, 2, 0, 2, 0, 3, 7, 7, 6, 3, 403123852});
  CHECK(draws(1099511627783) == std::vector<int64_t>{1, 1, 1, 4, 3, 4, 5, 6, 7, 7, 3708329880});
  CHECK(draws(-5) == std::vector<int64_t>{1, 2, 2, 4, 0, 6, 7, 3, 0, 2, 486215926});
}

TEST_CASE("a fresh seed 12345 draws the index CPython draws for each option count") {
  // random.seed(12345); random.randint(0, n - 1) for n = 1..10.
  const std::vector<int64_t> expected = {0, 1, 1, 3, 3, 3, 3, 6, 6, 6};
  for (int n = 1; n <= 10; ++n) {
    ys::mmlu_pro::PythonRandom rng(12345);
    CHECK(rng.randint(0, n - 1) == expected[n - 1]);
  }
}
