// Shared by the tile kernel files (gemm_tile_avx2.cpp, gemm_tile_avx512.cpp): the generation
// prefetch and the table of tile-shape instantiations. Internal to backends/local/cpu.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "backends/local/cpu/gemm_tile.h"

namespace ys::cpu::tile_detail {

// The following tiles' rows follow this tile's in memory. With one activation row (generation)
// every weight is read once, and each row of a tile is too short a stream for the hardware
// prefetcher to ramp up, so the kernels fetch the tile kPrefetchTiles ahead while this one
// computes: step k of nk fetches the k-th slice of the `span` bytes at `next`. (Measured on a Q8_0
// 0.5B model, 2 threads: tg 5-6 tok/s without, 27.7 one tile ahead, 30.3 two ahead, 27 four.)
constexpr size_t kPrefetchTiles = kTilePrefetchAhead;

// Step k of nk (k = 0, 1, ... in order) covers bytes [k * span / nk, (k + 1) * span / nk) of the
// span at `next`. The bounds advance by the quotient and remainder computed once, so a step costs
// no division (an F16 step is only 8 columns: two 64-bit divisions per step held generation on
// F16 weights to 18 GB/s).
class SlicePrefetch {
 public:
  SlicePrefetch(const uint8_t* next, size_t span, int64_t nk)
      : next_(next),
        nk_(static_cast<size_t>(nk > 0 ? nk : 1)),
        quot_(span / nk_),
        rem_(span % nk_) {}
  [[gnu::always_inline]] void step() {
    end_ += quot_;
    frac_ += rem_;
    if (frac_ >= nk_) {
      frac_ -= nk_;
      ++end_;
    }
    for (; line_ < end_; line_ += 64) __builtin_prefetch(next_ + line_);
  }

 private:
  const uint8_t* next_;
  size_t nk_, quot_, rem_;
  size_t end_ = 0, frac_ = 0, line_ = 0;
};

using TileFn = void (*)(int64_t, const uint8_t*, size_t, const uint8_t*, size_t, float*, int64_t);

// Every instantiation K<rm, rn> for rm <= RM, rn <= RN, indexed by (rm - 1) * RN + (rn - 1).
template <template <int, int> class K, int RM, int RN>
struct TileTable {
  template <size_t... I>
  static constexpr std::array<TileFn, RM * RN> make(std::index_sequence<I...>) {
    return {K<static_cast<int>(I) / RN + 1, static_cast<int>(I) % RN + 1>::f...};
  }
  static constexpr std::array<TileFn, RM* RN> fns = make(std::make_index_sequence<RM * RN>{});
  static void call(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x, size_t xs,
                   int rn, float* y, int64_t ys) {
    fns[static_cast<size_t>((rm - 1) * RN + (rn - 1))](n, w, ws, x, xs, y, ys);
  }
};
}  // namespace ys::cpu::tile_detail
