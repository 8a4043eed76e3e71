// AVX-512 VNNI tiles (see gemm_tile.h), bit-identical to the AVX2 tiles in gemm_tile_avx2.cpp.
//
// The 32-value block types (Q8_0, Q4_0, Q5_0, IQ4_NL, Q4_1, Q5_1): gemm_tile_q32.h, one
// vpdpbusd per row and token where the AVX2 kernel needs four instructions.
//
// For the K-quants (Q4_K, Q5_K, Q6_K): where the AVX2 kernel takes two 32-value chunks one after
// the other (maddubs to int16 pair sums, madd with the sub-block scale to int32), these put the two
// chunks in one 512-bit vector: one maddubs, then one vpdpwssd that multiplies the pair sums by
// their sub-blocks' scales (spread over the lanes with one vpermw) and adds them to the int32
// lanes. Every int32 lane of the AVX2 kernel's block sum is then the sum of the same lane of the
// two 256-bit halves (integer sums: exact), so the per-block float steps and their order are the
// AVX2 kernel's (k_quant_avx2.h). Compiled with AVX-512 F/BW/VL/VNNI; call only when
// cpu_has_avx512().
// g++ 12 warns inside its own AVX-512 headers, whose cast/extract/permute intrinsics start from
// an intentionally undefined vector (_mm512_undefined_*): a known false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include <cstring>
#include <type_traits>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/gemm_tile_common.h"
#include "backends/local/cpu/gemm_tile_q32.h"
#include "backends/local/cpu/k_quant_avx2.h"
#include "backends/local/cpu/simd_avx2.h"
#include "backends/local/cpu/simd_avx512.h"

namespace ys::cpu {

namespace {

using tile_detail::kPrefetchTiles;
using tile_detail::SlicePrefetch;
using tile_detail::TileFn;
using tile_detail::TileTable;

using avx512::fold;
using avx512::join;

// The 32-value block tiles (gemm_tile_q32.h) on AVX-512 VNNI: vpdpbusd on 256-bit vectors, and
// the fifth bits of a Q5_0/Q5_1 block added under a byte mask straight from qh.
struct Avx512Q32Ops {
  static __m256i dpbusd(__m256i acc, __m256i u, __m256i y) {
    return _mm256_dpbusd_epi32(acc, u, y);
  }
  static __m256i q5_levels(const uint8_t* qs, const uint8_t* qh) {
    __mmask32 high;
    std::memcpy(&high, qh, sizeof high);
    const __m256i low = avx2::unpack_nibbles_16(qs);
    return _mm256_mask_add_epi8(low, high, low, _mm256_set1_epi8(16));
  }
};

// The int16 lanes of a 512-bit vector that take scale c (of eight in lanes 0..7): lanes 0..15
// scale 2c, 16..31 scale 2c + 1, the pair-sum lanes of a Q4_K chunk's two sub-blocks.
inline __m512i chunk_scale_index(int c) {
  return _mm512_inserti64x4(_mm512_set1_epi16(static_cast<int16_t>(2 * c)),
                            _mm256_set1_epi16(static_cast<int16_t>(2 * c + 1)), 1);
}

// Q4_K (Q5 false) or Q5_K (Q5 true: levels 0..31 with the fifth bits from qh).
template <bool Q5, int RM, int RN>
void tile_k4(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
             int64_t ys) {
  kq::K4Acc acc[RM][RN];
  const __m512i index[4] = {chunk_scale_index(0), chunk_scale_index(1), chunk_scale_index(2),
                            chunk_scale_index(3)};
  const int64_t nk = n / kQK_K;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (int64_t k = 0; k < nk; ++k) {
    if constexpr (RN == 1) prefetch.step();
    const BlockQ8_K* xb[RN];
    for (int j = 0; j < RN; ++j) xb[j] = reinterpret_cast<const BlockQ8_K*>(x + j * xs) + k;
    for (int i = 0; i < RM; ++i) {
      using Block = std::conditional_t<Q5, BlockQ5_K, BlockQ4_K>;
      const Block& wb = reinterpret_cast<const Block*>(w + i * ws)[k];
      uint32_t sm[4];
      unpack_k_scales_mins(wb.scales, sm);
      const auto* sc = reinterpret_cast<const uint8_t*>(sm);  // scales 0..7, mins 0..7
      const __m512i scales16 = _mm512_zextsi128_si512(
          _mm_cvtepu8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(sc))));
      // Two sums per token (even and odd chunks), so that no vpdpwssd waits on the one before.
      __m512i isum[RN][2];
      for (int j = 0; j < RN; ++j) isum[j][0] = isum[j][1] = _mm512_setzero_si512();
      __m256i qh = _mm256_setzero_si256();
      if constexpr (Q5) qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(wb.qh));
      for (int c = 0; c < 4; ++c) {
        __m256i lo, hi;
        kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(wb.qs + 32 * c)),
                            qh, Q5, c, &lo, &hi);
        const __m512i u = join(lo, hi);
        const __m512i scales = _mm512_permutexvar_epi16(index[c], scales16);
        for (int j = 0; j < RN; ++j) {
          const __m512i pairs = _mm512_maddubs_epi16(u, _mm512_loadu_si512(xb[j]->qs + 64 * c));
          isum[j][c & 1] = _mm512_dpwssd_epi32(isum[j][c & 1], pairs, scales);
        }
      }
      const float d = _cvtsh_ss(wb.d), dmin = _cvtsh_ss(wb.dmin);
      for (int j = 0; j < RN; ++j) {
        kq::k4_block_step<Q5>(fold(_mm512_add_epi32(isum[j][0], isum[j][1])),
                              kq::k4_min_lanes(sc + 8, xb[j]->bsums), xb[j]->d, d, dmin,
                              &acc[i][j]);
      }
    }
  }
  for (int i = 0; i < RM; ++i)
    for (int j = 0; j < RN; ++j) y[j * ys + i] = kq::k4_result(acc[i][j]);
}

// Q6_K: the 6-bit values of two 32-value groups in one vector; maddubs gives pair sums in int16
// lanes, eight per 16-value sub-block, less those of the offset 32 (kq::q6_k_pairs), and one
// vpdpwssd multiplies them by the sub-blocks' scales and adds them to the int32 lanes (the AVX2
// tile's maddubs-then-madd lanes, so the same sums).
template <int RM, int RN>
void tile_q6_k(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
               int64_t ys) {
  __m256 acc[RM][RN];
  for (auto& row : acc)
    for (auto& a : row) a = _mm256_setzero_ps();
  // int16 lane l takes scale l / 8 of the four in lanes 0..3.
  const __m512i spread = _mm512_inserti64x4(
      _mm512_zextsi256_si512(_mm256_set_m128i(_mm_set1_epi16(1), _mm_set1_epi16(0))),
      _mm256_set_m128i(_mm_set1_epi16(3), _mm_set1_epi16(2)), 1);
  const __m512i offset = _mm512_set1_epi8(32);
  const int64_t nk = n / kQK_K;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (int64_t k = 0; k < nk; ++k) {
    if constexpr (RN == 1) prefetch.step();
    const BlockQ8_K* xb[RN];
    for (int j = 0; j < RN; ++j) xb[j] = reinterpret_cast<const BlockQ8_K*>(x + j * xs) + k;
    for (int i = 0; i < RM; ++i) {
      const BlockQ6_K& wb = reinterpret_cast<const BlockQ6_K*>(w + i * ws)[k];
      __m512i isum[RN][2];  // groups 0-1 and 2-3 of each half, as in the Q4_K tile
      for (int j = 0; j < RN; ++j) isum[j][0] = isum[j][1] = _mm512_setzero_si512();
      for (int half = 0; half < 2; ++half) {
        __m256i q6[4];
        kq::q6_k_levels(wb, half, q6);
        for (int g = 0; g < 4; g += 2) {
          int32_t four;  // the scales of groups g and g + 1, two sub-blocks each
          std::memcpy(&four, wb.scales + 8 * half + 2 * g, sizeof four);
          const __m512i scales = _mm512_permutexvar_epi16(
              spread, _mm512_zextsi128_si512(_mm_cvtepi8_epi16(_mm_cvtsi32_si128(four))));
          const __m512i q2 = join(q6[g], q6[g + 1]);
          for (int j = 0; j < RN; ++j) {
            const __m512i yv = _mm512_loadu_si512(xb[j]->qs + 128 * half + 32 * g);
            const __m512i pairs =
                _mm512_sub_epi16(_mm512_maddubs_epi16(q2, yv), _mm512_maddubs_epi16(offset, yv));
            isum[j][g / 2] = _mm512_dpwssd_epi32(isum[j][g / 2], pairs, scales);
          }
        }
      }
      for (int j = 0; j < RN; ++j) {
        kq::q6_k_block_step(fold(_mm512_add_epi32(isum[j][0], isum[j][1])), wb, *xb[j], &acc[i][j]);
      }
    }
  }
  for (int i = 0; i < RM; ++i)
    for (int j = 0; j < RN; ++j) y[j * ys + i] = avx2::hsum(acc[i][j]);
}

template <int RM, int RN>
struct Q4K {
  static constexpr TileFn f = tile_k4<false, RM, RN>;
};
template <int RM, int RN>
struct Q5K {
  static constexpr TileFn f = tile_k4<true, RM, RN>;
};
template <int RM, int RN>
struct Q6K {
  static constexpr TileFn f = tile_q6_k<RM, RN>;
};

}  // namespace

void gemm_tile_q8_0_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::U8_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_0_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::U4_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_0_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::U5_0>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_iq4_nl_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                             size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::UIQ4_NL>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_1_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::U4_1>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_1_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  q32_tile::call<Avx512Q32Ops, q32_tile::U5_1>(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_k_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q4K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_k_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q5K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q6_k_avx512(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q6K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

}  // namespace ys::cpu
