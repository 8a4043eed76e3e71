// Tiled AVX2 kernels (see gemm_tile.h). Templates over the tile shape keep the accumulators in
// registers; the runtime (rm, rn) picks an instantiation.
#include <immintrin.h>

#include <array>
#include <type_traits>
#include <utility>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/gemm_tile_common.h"
#include "backends/local/cpu/k_quant_avx2.h"
#include "backends/local/cpu/simd_avx2.h"

namespace ys::cpu {

namespace {

using tile_detail::kPrefetchTiles;
using tile_detail::SlicePrefetch;
using tile_detail::TileFn;
using tile_detail::TileTable;

// The 32 weight levels of block k of a row: signed (kMin false: Q8_0, Q4_0, Q5_0, IQ4_NL, against
// Q8_0 activations) or unsigned for the types with a minimum m (kMin true: Q4_1 0..15, Q5_1
// 0..31, against Q8_1 activations).
struct LoadQ8_0 {
  using Block = BlockQ8_0;
  static constexpr bool kMin = false;
  static __m256i load(const Block& b) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.qs));
  }
};
struct LoadQ4_0 {
  using Block = BlockQ4_0;
  static constexpr bool kMin = false;
  static __m256i load(const Block& b) {
    return _mm256_sub_epi8(avx2::unpack_nibbles_16(b.qs), _mm256_set1_epi8(8));
  }
};
struct LoadQ5_0 {
  using Block = BlockQ5_0;
  static constexpr bool kMin = false;
  static __m256i load(const Block& b) {
    return _mm256_sub_epi8(avx2::q5_levels(b.qs, b.qh), _mm256_set1_epi8(16));
  }
};
struct LoadIQ4_NL {
  using Block = BlockIQ4_NL;
  static constexpr bool kMin = false;
  static __m256i load(const Block& b) {
    const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues));
    return _mm256_shuffle_epi8(_mm256_set_m128i(table, table), avx2::unpack_nibbles_16(b.qs));
  }
};
struct LoadQ4_1 {
  using Block = BlockQ4_1;
  static constexpr bool kMin = true;
  static __m256i load(const Block& b) { return avx2::unpack_nibbles_16(b.qs); }
};
struct LoadQ5_1 {
  using Block = BlockQ5_1;
  static constexpr bool kMin = true;
  static __m256i load(const Block& b) { return avx2::q5_levels(b.qs, b.qh); }
};

// Per block step: the RN activation scales are converted together (packed into one 64-bit
// integer, one vcvtph2ps) and each row's scale products d_w * d_x[j] are one vector multiply; a
// pair takes its product with an in-lane shuffle. The arithmetic is the same as one float
// d_w * d_x per pair (llama.cpp's): eight float lanes per pair, each += (d_w * d_x) * lane sum.
// Signed levels w are multiplied as maddubs(|w|, sign(y, w)); unsigned ones (kMin) directly, and
// their min terms m * s_x (s_x = d_x * the block's sum, from Q8_1) go into one float per pair
// (lane j of a four-lane vector per row), added after the eight lanes' sum: ggml-cpu's AVX2
// vec_dot_q4_1_q8_1 order.
template <typename L, int RM, int RN>
void tile_q(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
            int64_t ys) {
  static_assert(RN <= 4, "the activation scales of a step share one vector");
  using WB = typename L::Block;
  using XB = std::conditional_t<L::kMin, BlockQ8_1, BlockQ8_0>;
  __m256 acc[RM][RN];
  for (auto& row : acc)
    for (auto& a : row) a = _mm256_setzero_ps();
  __m128 mins[RM];
  for (auto& m : mins) m = _mm_setzero_ps();
  const __m256i ones = _mm256_set1_epi16(1);
  const int64_t nk = n / kQK32;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (int64_t k = 0; k < nk; ++k) {
    if constexpr (RN == 1) prefetch.step();  // generation: weights read once
    __m256i xv[RN];
    uint64_t dx_bits = 0, sx_bits = 0;
#pragma GCC unroll 4
    for (int j = 0; j < RN; ++j) {
      const auto& xb = reinterpret_cast<const XB*>(x + j * xs)[k];
      xv[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb.qs));
      dx_bits |= uint64_t{xb.d} << (16 * j);
      if constexpr (L::kMin) sx_bits |= uint64_t{xb.s} << (16 * j);
    }
    const __m128 dx4 = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(dx_bits)));
    const __m256 dx8 = _mm256_set_m128(dx4, dx4);
    __m128 sx4 = _mm_setzero_ps();
    if constexpr (L::kMin) sx4 = _mm_cvtph_ps(_mm_cvtsi64_si128(static_cast<long long>(sx_bits)));
#pragma GCC unroll 4
    for (int i = 0; i < RM; ++i) {
      const auto& wb = reinterpret_cast<const WB*>(w + i * ws)[k];
      const __m256i wv = L::load(wb);
      const __m256 scales = _mm256_mul_ps(_mm256_set1_ps(_cvtsh_ss(wb.d)), dx8);
      __m256i wa = wv;  // the unsigned factor of maddubs
      if constexpr (L::kMin) {
        mins[i] = _mm_fmadd_ps(_mm_set1_ps(_cvtsh_ss(wb.m)), sx4, mins[i]);
      } else {
        wa = _mm256_sign_epi8(wv, wv);
      }
#pragma GCC unroll 4
      for (int j = 0; j < RN; ++j) {
        __m256i xj = xv[j];
        if constexpr (!L::kMin) xj = _mm256_sign_epi8(xj, wv);
        const __m256i p = _mm256_madd_epi16(_mm256_maddubs_epi16(wa, xj), ones);
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
      if constexpr (L::kMin) y[j * ys + i] += m[j];
    }
  }
}

// F16 weights x F16 activations. Both are converted to float in the inner loop; keeping the
// activations as floats instead (converted once) saved those conversions but doubled the bytes
// streamed past the weights, and was about 8% slower over a prompt (docs/engine-kernels.md).
template <int RM, int RN>
void tile_f16(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
              int64_t ys) {
  __m256 acc[RM][RN];
  for (auto& row : acc)
    for (auto& a : row) a = _mm256_setzero_ps();
  const auto load8 = [](const uint8_t* row, int64_t i) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * i)));
  };
  int64_t i = 0;
  const int64_t nk = n / 8;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (; i + 8 <= n; i += 8) {
    if constexpr (RN == 1) prefetch.step();
    // Activations in registers, one weight vector at a time: RM*RN + RN + 1 registers.
    __m256 xv[RN];
#pragma GCC unroll 8
    for (int j = 0; j < RN; ++j) xv[j] = load8(x + j * xs, i);
#pragma GCC unroll 8
    for (int r = 0; r < RM; ++r) {
      const __m256 wv = load8(w + r * ws, i);
#pragma GCC unroll 8
      for (int j = 0; j < RN; ++j) acc[r][j] = _mm256_fmadd_ps(wv, xv[j], acc[r][j]);
    }
  }
  for (int r = 0; r < RM; ++r) {
    for (int j = 0; j < RN; ++j) {
      float s = avx2::hsum(acc[r][j]);
      const auto* wr = reinterpret_cast<const uint16_t*>(w + r * ws);
      const auto* xr = reinterpret_cast<const uint16_t*>(x + j * xs);
      for (int64_t t = i; t < n; ++t) s += fp16_to_float(wr[t]) * fp16_to_float(xr[t]);
      y[j * ys + r] = s;
    }
  }
}

// Q4_K (Q5 false) or Q5_K (Q5 true, the fifth bits from qh) weights x Q8_K activations. Per block
// and pair: integer sums of scale * (q . q8) over the eight sub-blocks, minus
// dmin * sum(min * bsum), as vec_dot_q4_k / vec_dot_q5_k.
template <bool Q5, int RM, int RN>
void tile_k4(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
             int64_t ys) {
  kq::K4Acc acc[RM][RN];
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
      __m256i qh = _mm256_setzero_si256();
      if constexpr (Q5) qh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(wb.qh));
      __m256i isum[RN];
      for (int j = 0; j < RN; ++j) isum[j] = _mm256_setzero_si256();
      for (int c = 0; c < 4; ++c) {
        __m256i q_lo, q_hi;
        kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(wb.qs + 32 * c)),
                            qh, Q5, c, &q_lo, &q_hi);
        const __m256i s_lo = _mm256_set1_epi16(sc[2 * c]), s_hi = _mm256_set1_epi16(sc[2 * c + 1]);
        for (int j = 0; j < RN; ++j) {
          const auto* yv = reinterpret_cast<const __m256i*>(xb[j]->qs + 64 * c);
          const __m256i p_lo = _mm256_maddubs_epi16(q_lo, _mm256_loadu_si256(yv));
          const __m256i p_hi = _mm256_maddubs_epi16(q_hi, _mm256_loadu_si256(yv + 1));
          isum[j] = _mm256_add_epi32(isum[j], _mm256_add_epi32(_mm256_madd_epi16(p_lo, s_lo),
                                                               _mm256_madd_epi16(p_hi, s_hi)));
        }
      }
      const float d = _cvtsh_ss(wb.d), dmin = _cvtsh_ss(wb.dmin);
      for (int j = 0; j < RN; ++j) {
        kq::k4_block_step<Q5>(isum[j], kq::k4_min_lanes(sc + 8, xb[j]->bsums), xb[j]->d, d, dmin,
                              &acc[i][j]);
      }
    }
  }
  for (int i = 0; i < RM; ++i)
    for (int j = 0; j < RN; ++j) y[j * ys + i] = kq::k4_result(acc[i][j]);
}

// The frame of the tiles over Q8_K activations that keep eight float lanes per output (Q6_K,
// IQ4_XS): per block and weight row, sums(wb, xb, isum) makes the eight int32 lanes of each
// token's block sum, then acc += (d_w * d_x) * isum; at the end each output is the sum of its
// lanes (ggml-cpu's AVX2 order for both types).
template <class Block, int RM, int RN, class Sums>
[[gnu::always_inline]] inline void tile_q8_k_lanes(int64_t n, const uint8_t* w, size_t ws,
                                                   const uint8_t* x, size_t xs, float* y,
                                                   int64_t ys, Sums sums) {
  __m256 acc[RM][RN];
  for (auto& row : acc)
    for (auto& a : row) a = _mm256_setzero_ps();
  const int64_t nk = n / kQK_K;
  SlicePrefetch prefetch(w + kPrefetchTiles * RM * ws, RM * ws, nk);
  for (int64_t k = 0; k < nk; ++k) {
    if constexpr (RN == 1) prefetch.step();
    const BlockQ8_K* xb[RN];
    for (int j = 0; j < RN; ++j) xb[j] = reinterpret_cast<const BlockQ8_K*>(x + j * xs) + k;
    for (int i = 0; i < RM; ++i) {
      const Block& wb = reinterpret_cast<const Block*>(w + i * ws)[k];
      __m256i isum[RN];
      for (int j = 0; j < RN; ++j) isum[j] = _mm256_setzero_si256();
      sums(wb, xb, isum);
      const float d = _cvtsh_ss(wb.d);
      for (int j = 0; j < RN; ++j)
        acc[i][j] =
            _mm256_fmadd_ps(_mm256_set1_ps(d * xb[j]->d), _mm256_cvtepi32_ps(isum[j]), acc[i][j]);
    }
  }
  for (int i = 0; i < RM; ++i)
    for (int j = 0; j < RN; ++j) y[j * ys + i] = avx2::hsum(acc[i][j]);
}

// Q6_K weights x Q8_K activations: maddubs of the unsigned 6-bit values less maddubs of the
// offset 32, 16-value sub-block scales applied with madd (ggml-cpu's AVX2 lanes).
template <int RM, int RN>
void tile_q6_k(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
               int64_t ys) {
  const auto sums = [](const BlockQ6_K& wb, const BlockQ8_K* const* xb, __m256i* isum) {
    for (int half = 0; half < 2; ++half) {
      __m256i q6[4];
      kq::q6_k_levels(wb, half, q6);
      for (int g = 0; g < 4; ++g) {
        const int8_t* sc = wb.scales + 8 * half + 2 * g;
        const __m256i scales = _mm256_set_m128i(_mm_set1_epi16(sc[1]), _mm_set1_epi16(sc[0]));
        for (int j = 0; j < RN; ++j) {
          const __m256i yv =
              _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb[j]->qs + 128 * half + 32 * g));
          isum[j] = _mm256_add_epi32(isum[j], _mm256_madd_epi16(kq::q6_k_pairs(q6[g], yv), scales));
        }
      }
    }
  };
  tile_q8_k_lanes<BlockQ6_K, RM, RN>(n, w, ws, x, xs, y, ys, sums);
}

// IQ4_XS weights x Q8_K activations: the table levels of each 32-value sub-block (nibbles
// through a byte shuffle), maddubs with the sign trick, madd by the sub-block's ls - 32.
template <int RM, int RN>
void tile_iq4_xs(int64_t n, const uint8_t* w, size_t ws, const uint8_t* x, size_t xs, float* y,
                 int64_t ys) {
  const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4nlValues));
  const __m256i lut = _mm256_set_m128i(table, table);
  const auto sums = [lut](const BlockIQ4_XS& wb, const BlockQ8_K* const* xb, __m256i* isum) {
    for (int sub = 0; sub < kQK_K / 32; ++sub) {
      const __m256i q = _mm256_shuffle_epi8(lut, avx2::unpack_nibbles_16(wb.qs + 16 * sub));
      const __m256i aq = _mm256_sign_epi8(q, q);
      const __m256i scale = _mm256_set1_epi16(static_cast<int16_t>(iq4xs_scale(sub, wb)));
      for (int j = 0; j < RN; ++j) {
        const __m256i yv =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb[j]->qs + 32 * sub));
        const __m256i p16 = _mm256_maddubs_epi16(aq, _mm256_sign_epi8(yv, q));
        isum[j] = _mm256_add_epi32(isum[j], _mm256_madd_epi16(p16, scale));
      }
    }
  };
  tile_q8_k_lanes<BlockIQ4_XS, RM, RN>(n, w, ws, x, xs, y, ys, sums);
}

template <int RM, int RN>
struct Q8 {
  static constexpr TileFn f = tile_q<LoadQ8_0, RM, RN>;
};
template <int RM, int RN>
struct Q4 {
  static constexpr TileFn f = tile_q<LoadQ4_0, RM, RN>;
};
template <int RM, int RN>
struct Q5_0 {
  static constexpr TileFn f = tile_q<LoadQ5_0, RM, RN>;
};
template <int RM, int RN>
struct IQ4NL {
  static constexpr TileFn f = tile_q<LoadIQ4_NL, RM, RN>;
};
template <int RM, int RN>
struct Q4_1 {
  static constexpr TileFn f = tile_q<LoadQ4_1, RM, RN>;
};
template <int RM, int RN>
struct Q5_1 {
  static constexpr TileFn f = tile_q<LoadQ5_1, RM, RN>;
};
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
template <int RM, int RN>
struct IQ4XS {
  static constexpr TileFn f = tile_iq4_xs<RM, RN>;
};
template <int RM, int RN>
struct F16 {
  static constexpr TileFn f = tile_f16<RM, RN>;
};

}  // namespace

void gemm_tile_q8_0_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q8, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_0_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q4, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_0_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q5_0, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_iq4_nl_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  TileTable<IQ4NL, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_1_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q4_1, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_1_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q5_1, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q4_k_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q4K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q5_k_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q5K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_q6_k_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                         size_t xs, int rn, float* y, int64_t ys) {
  TileTable<Q6K, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_iq4_xs_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x,
                           size_t xs, int rn, float* y, int64_t ys) {
  TileTable<IQ4XS, 4, 2>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

void gemm_tile_f16_avx2(int64_t n, const uint8_t* w, size_t ws, int rm, const uint8_t* x, size_t xs,
                        int rn, float* y, int64_t ys) {
  TileTable<F16, 4, 3>::call(n, w, ws, rm, x, xs, rn, y, ys);
}

}  // namespace ys::cpu
