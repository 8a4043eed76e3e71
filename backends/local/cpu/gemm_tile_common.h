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

[[gnu::always_inline]] inline void prefetch_slice(const uint8_t* next, size_t span, int64_t k,
                                                  int64_t nk) {
  const size_t end = static_cast<size_t>(k + 1) * span / static_cast<size_t>(nk);
  for (size_t off = (static_cast<size_t>(k) * span / static_cast<size_t>(nk)) & ~size_t{63};
       off < end; off += 64)
    __builtin_prefetch(next + off);
}

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
