// A bit-exact copy of the draws CPython's `random` module makes for
//   random.seed(s); random.randint(0, n - 1)
// which is how the official MMLU-Pro scripts credit an unextracted answer. CPython uses MT19937
// seeded by init_by_array over the 32-bit words of |s| (least significant first), and randint uses
// rejection sampling over getrandbits(n.bit_length()). Not thread-safe per object (it has state).
#pragma once

#include <array>
#include <cstdint>

namespace ys::mmlu_pro {

class PythonRandom {
 public:
  // As random.seed(seed) for an int seed (the sign is dropped, as CPython does).
  explicit PythonRandom(int64_t seed);

  // As random.getrandbits(k) for 1 <= k <= 32.
  uint32_t getrandbits(int k);

  // As random.randint(low, high) for low <= high, high - low < 2^31.
  int64_t randint(int64_t low, int64_t high);

 private:
  uint32_t next_u32();
  void init_genrand(uint32_t s);

  std::array<uint32_t, 624> mt_{};
  int index_ = 625;
};

}  // namespace ys::mmlu_pro
