// The tiles of the 32-value block types (Q8_0, Q4_0, Q5_0, IQ4_NL, Q4_1, Q5_1) on vpdpbusd,
// written once and compiled twice: with AVX-512 VNNI on 256-bit vectors (gemm_tile_avx512.cpp)
// and with AVX-VNNI, its VEX form (gemm_tile_avxvnni.cpp). Each row's levels are taken as
// unsigned bytes u = w + o (o the type's offset, 0 for the types with a minimum) and multiplied
// by one vpdpbusd per row and token whose accumulator starts at -o times the activations'
// four-byte sums (once per block and token): the same int32 lanes as the AVX2 tile's maddubs of
// |w| and sign(y, w) then madd, four exact products each, so the outputs are the AVX2 tiles'
// bit for bit.
//
// The including file supplies the policy Ops:
//   static __m256i dpbusd(__m256i acc, __m256i u, __m256i y)  acc + four-byte sums of u * y
//   static __m256i q5_levels(const uint8_t* qs, const uint8_t* qh)  a Q5 block's levels 0..31
// defined in its own anonymous namespace, so every instantiation here is private to that file
// (no copy compiled for one instruction set can stand in for the other's). Internal to
// backends/local/cpu; include only from files compiled with at least -mavx2 -mfma -mf16c and a
// VNNI flag.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/gemm_tile_common.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu::q32_tile {

using tile_detail::kPrefetchTiles;
using tile_detail::SlicePrefetch;

// Unsigned levels u and offset o (weight = u - o) of a 32-value block, and the activations' block
// type: Q8_0, or Q8_1 (whose s carries d_x * sum) for the types with a minimum m.
template <class Ops>
struct U8_0 {
  using Block = BlockQ8_0;
  using Act = BlockQ8_0;
  static constexpr int kOffset = 128;
  static __m256i levels(const Block& b) {
    return _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.qs)),
                            _mm256_set1_epi8(static_cast<char>(0x80)));
  }
};
template <class Ops>
struct U4_0 {
  using Block = BlockQ4_0;
  using Act = BlockQ8_0;
  static constexpr int kOffset = 8;
  static __m256i levels(const Block& b) { return avx2::unpack_nibbles_16(b.qs); }
};
template <class Ops>
struct U5_0 {
  using Block = BlockQ5_0;
  using Act = BlockQ8_0;
  static constexpr int kOffset = 16;
  static __m256i levels(const Block& b) { return Ops::q5_levels(b.qs, b.qh); }
};
// IQ4_NL: the table's values (-127..113) plus 128.
template <class Ops>
struct UIQ4_NL {
  using Block = BlockIQ4_NL;
  using Act = BlockQ8_0;
  static constexpr int kOffset = 128;
  static __m256i levels(const Block& b) {
    const __m128i table = _mm_xor_si128(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues)), _mm_set1_epi8(-128));
    return _mm256_shuffle_epi8(_mm256_set_m128i(table, table), avx2::unpack_nibbles_16(b.qs));
  }
};
template <class Ops>
struct U4_1 {
  using Block = BlockQ4_1;
  using Act = BlockQ8_1;
  static constexpr int kOffset = 0;
  static __m256i levels(const Block& b) { return avx2::unpack_nibbles_16(b.qs); }
};
template <class Ops>
struct U5_1 {
  using Block = BlockQ5_1;
  using Act = BlockQ8_1;
  static constexpr int kOffset = 0;
  static __m256i levels(const Block& b) { return Ops::q5_levels(b.qs, b.qh); }
};

// The 32-value block types; the float steps are those of the AVX2 tile_q (gemm_tile_avx2.cpp):
// Q8_0 activations, or Q8_1 with the min terms m * s_x per pair in lane j of a vector per row.
template <class Ops, template <class> class Level, int RM, int RN>
void tile_q32(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
              int64_t ys) {
  static_assert(RN <= 4, "the activation scales of a step share one vector");
  using L = Level<Ops>;
  using WB = typename L::Block;
  using XB = typename L::Act;
  constexpr bool kMin = std::is_same_v<XB, BlockQ8_1>;
  __m256 acc[RM][RN];
  for (auto& row : acc)
    for (auto& a : row) a = _mm256_setzero_ps();
  __m128 mins[RM];
  for (auto& m : mins) m = _mm_setzero_ps();
  const __m256i offset = _mm256_set1_epi8(static_cast<char>(L::kOffset));
  const int64_t nk = n / kQK32;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (int64_t k = 0; k < nk; ++k) {
    if constexpr (RN == 1) prefetch.step();  // generation: weights read once
    __m256i xv[RN], base[RN];
    uint64_t dx_bits = 0, sx_bits = 0;
#pragma GCC unroll 4
    for (int j = 0; j < RN; ++j) {
      const auto& xb = reinterpret_cast<const XB*>(x + j * xs)[k];
      xv[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb.qs));
      dx_bits |= uint64_t{xb.d} << (16 * j);
      if constexpr (kMin) sx_bits |= uint64_t{xb.s} << (16 * j);
      base[j] = _mm256_setzero_si256();
      if constexpr (L::kOffset != 0) {
        base[j] = _mm256_sub_epi32(base[j], Ops::dpbusd(base[j], offset, xv[j]));
      }
    }
    const __m128 dx4 = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(dx_bits)));
    const __m256 dx8 = _mm256_set_m128(dx4, dx4);
    __m128 sx4 = _mm_setzero_ps();
    if constexpr (kMin) sx4 = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(sx_bits)));
#pragma GCC unroll 4
    for (int i = 0; i < RM; ++i) {
      const auto& wb = reinterpret_cast<const WB*>(w + i * ws)[k];
      const __m256i u = L::levels(wb);
      const __m256 scales = _mm256_mul_ps(_mm256_set1_ps(_cvtsh_ss(wb.d)), dx8);
      if constexpr (kMin) mins[i] = _mm_fmadd_ps(_mm_set1_ps(_cvtsh_ss(wb.m)), sx4, mins[i]);
#pragma GCC unroll 4
      for (int j = 0; j < RN; ++j) {
        const __m256i p = Ops::dpbusd(base[j], u, xv[j]);
        const __m256 d = _mm256_shuffle_ps(scales, scales, 0x55 * j);
        acc[i][j] = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(p), acc[i][j]);
      }
    }
  }
  for (int i = 0; i < RM; ++i) {
    alignas(16) float m[4];
    _mm_store_ps(m, mins[i]);
    for (int j = 0; j < RN; ++j) {
      y[j * ys + i] = avx2::hsum(acc[i][j]);
      if constexpr (kMin) y[j * ys + i] += m[j];
    }
  }
}

// One tile_q32 kernel of the 4 x 3 table for the runtime shape (rm, rn): what the
// gemm_tile_<type>_<isa> functions call.
template <class Ops, template <class> class Level>
struct Fns {
  template <int RM, int RN>
  struct T {
    static constexpr tile_detail::TileFn f = tile_q32<Ops, Level, RM, RN>;
  };
};
template <class Ops, template <class> class Level>
void call(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x, size_t xs, int rn,
          float* y, int64_t ys) {
  tile_detail::TileTable<Fns<Ops, Level>::template T, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

}  // namespace ys::cpu::q32_tile
