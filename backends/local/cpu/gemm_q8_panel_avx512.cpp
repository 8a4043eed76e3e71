// The AVX-512 VNNI integer panels (gemm_q8_panel.h). For each 256-column block and each group of
// 32 weight rows, the rows' levels are unpacked and transposed into 64 column groups of 32 rows
// x 4 bytes (one vector per 16 rows), with the sub-block scales and min terms as int32 vectors;
// then every group of six tokens runs one register tile over them: 2 x 6 int32 accumulators
// per sub-block (vpdpbusd, each token's four bytes broadcast from the packed record), scaled into
// 2 x 6 block sums (vpmullo), the min terms by vpdpwssd on the bsum pairs, and the float step.
#if defined(__GNUC__) && !defined(__clang__)
// g++ 12 reports the upper half of _mm512_castsi256_si512 as maybe uninitialized.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/gemm_q8_panel.h"
#include "backends/local/cpu/gemm_q8_panel_pack.h"

namespace ys::cpu {

namespace {

using q8p::kR;
using q8p::WeightPanel;
constexpr int kNT = kQ8PanelTokens;

// r[i] = row i of a 16 x 16 int32 matrix -> r[j] = column j.
inline void transpose16(__m512i r[16]) {
  __m512i t[16], c[16];
  for (int i = 0; i < 8; ++i) {
    t[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
  }
  // c[4q + m], 128-bit lane L: rows 4q..4q+3 of column 4L + m.
  for (int q = 0; q < 4; ++q) {
    c[4 * q + 0] = _mm512_unpacklo_epi64(t[4 * q], t[4 * q + 2]);
    c[4 * q + 1] = _mm512_unpackhi_epi64(t[4 * q], t[4 * q + 2]);
    c[4 * q + 2] = _mm512_unpacklo_epi64(t[4 * q + 1], t[4 * q + 3]);
    c[4 * q + 3] = _mm512_unpackhi_epi64(t[4 * q + 1], t[4 * q + 3]);
  }
  for (int m = 0; m < 4; ++m) {
    const __m512i p0 = _mm512_shuffle_i32x4(c[m], c[4 + m], 0x44);
    const __m512i p1 = _mm512_shuffle_i32x4(c[m], c[4 + m], 0xee);
    const __m512i q0 = _mm512_shuffle_i32x4(c[8 + m], c[12 + m], 0x44);
    const __m512i q1 = _mm512_shuffle_i32x4(c[8 + m], c[12 + m], 0xee);
    r[m] = _mm512_shuffle_i32x4(p0, q0, 0x88);
    r[4 + m] = _mm512_shuffle_i32x4(p0, q0, 0xdd);
    r[8 + m] = _mm512_shuffle_i32x4(p1, q1, 0x88);
    r[12 + m] = _mm512_shuffle_i32x4(p1, q1, 0xdd);
  }
}

// Packs block kb of `rows` (<= kR) rows starting at w.
void pack_panel(TensorType type, const uint8_t* w, size_t row_bytes, int rows, int64_t kb,
                WeightPanel* p) {
  alignas(64) uint8_t lv[kR][kQK_K];
  q8p::unpack_rows<q8p::ScaleForm::kInt32>(type, w, row_bytes, rows, kb, lv[0], p);
  for (int v = 0; v < kR / 16; ++v) {
    for (int gc = 0; gc < kQK_K / 64; ++gc) {
      __m512i r[16];
      for (int i = 0; i < 16; ++i) r[i] = _mm512_load_si512(lv[16 * v + i] + 64 * gc);
      transpose16(r);
      for (int j = 0; j < 16; ++j) _mm512_store_si512(p->q[16 * gc + j][16 * v], r[j]);
    }
  }
}

// One token group (nt of kNT lanes real) times the panel: S sub-blocks of 256 / S columns.
// The row lanes past `rows` are masked off in the stores (m0, m1).
template <int S>
void tile(const WeightPanel& p, const uint8_t* rec, int nt, __mmask16 m0, __mmask16 m1, float* y,
          int64_t y_stride, bool add) {
  constexpr int kG = kQK_K / 4 / S;  // column groups per sub-block
  const auto* xq = reinterpret_cast<const int32_t*>(rec);
  __m512i acc[2][kNT], sum[2][kNT];
  for (int j = 0; j < S; ++j) {
#pragma GCC unroll 6
    for (int t = 0; t < kNT; ++t) acc[0][t] = acc[1][t] = _mm512_setzero_si512();
#pragma GCC unroll 8
    for (int gg = 0; gg < kG; ++gg) {
      const int g = j * kG + gg;
      const __m512i w0 = _mm512_load_si512(p.q[g][0]), w1 = _mm512_load_si512(p.q[g][16]);
#pragma GCC unroll 6
      for (int t = 0; t < kNT; ++t) {
        const __m512i x = _mm512_set1_epi32(xq[g * kNT + t]);
        acc[0][t] = _mm512_dpbusd_epi32(acc[0][t], w0, x);
        acc[1][t] = _mm512_dpbusd_epi32(acc[1][t], w1, x);
      }
    }
    const __m512i s0 = _mm512_load_si512(p.sc[j]), s1 = _mm512_load_si512(p.sc[j] + 16);
#pragma GCC unroll 6
    for (int t = 0; t < kNT; ++t) {
      const __m512i a0 = _mm512_mullo_epi32(acc[0][t], s0), a1 = _mm512_mullo_epi32(acc[1][t], s1);
      sum[0][t] = j == 0 ? a0 : _mm512_add_epi32(sum[0][t], a0);
      sum[1][t] = j == 0 ? a1 : _mm512_add_epi32(sum[1][t], a1);
    }
  }
  // The min terms against the bsum pairs, in the accumulators.
  const auto* pairs = reinterpret_cast<const int32_t*>(rec + (kQK_K + 4) * kNT);
#pragma GCC unroll 6
  for (int t = 0; t < kNT; ++t) acc[0][t] = acc[1][t] = _mm512_setzero_si512();
#pragma GCC unroll 8
  for (int q = 0; q < 8; ++q) {
    const __m512i n0 = _mm512_load_si512(p.mn[q]), n1 = _mm512_load_si512(p.mn[q] + 16);
#pragma GCC unroll 6
    for (int t = 0; t < kNT; ++t) {
      const __m512i x = _mm512_set1_epi32(pairs[q * kNT + t]);
      acc[0][t] = _mm512_dpwssd_epi32(acc[0][t], n0, x);
      acc[1][t] = _mm512_dpwssd_epi32(acc[1][t], n1, x);
    }
  }
  const auto* xd = reinterpret_cast<const float*>(rec + kQK_K * kNT);
  const __m512 d[2] = {_mm512_load_ps(p.d), _mm512_load_ps(p.d + 16)};
  const __m512 dmin[2] = {_mm512_load_ps(p.dmin), _mm512_load_ps(p.dmin + 16)};
  const __mmask16 mask[2] = {m0, m1};
#pragma GCC unroll 6
  for (int t = 0; t < kNT; ++t) {
    if (t >= nt) break;
    const __m512 dx = _mm512_set1_ps(xd[t]);
    for (int v = 0; v < 2; ++v) {
      const __m512 pos = _mm512_mul_ps(_mm512_mul_ps(d[v], dx), _mm512_cvtepi32_ps(sum[v][t]));
      const __m512 neg = _mm512_mul_ps(_mm512_mul_ps(dmin[v], dx), _mm512_cvtepi32_ps(acc[v][t]));
      __m512 r = _mm512_sub_ps(pos, neg);
      float* yt = y + t * y_stride + 16 * v;
      if (add) r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mask[v], yt));
      _mm512_mask_storeu_ps(yt, mask[v], r);
    }
  }
}

}  // namespace

void q8_panel_rows_avx512(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols,
                          int64_t r0, int64_t r1, const uint8_t* xp, int64_t b, float* y,
                          int64_t y_stride) {
  const bool q6 = type == TensorType::Q6_K;
  const auto pack = [&](const uint8_t* wg, int rows, int64_t kb, WeightPanel* p) {
    pack_panel(type, wg, row_bytes, rows, kb, p);
  };
  const auto run = [&](const WeightPanel& p, const uint8_t* rec, int nt, int rows, float* yt,
                       bool add) {
    const __mmask16 m0 = static_cast<__mmask16>(rows >= 16 ? 0xffff : (1u << rows) - 1);
    const __mmask16 m1 = static_cast<__mmask16>(rows >= 32   ? 0xffff
                                                : rows <= 16 ? 0
                                                             : (1u << (rows - 16)) - 1);
    if (q6)
      tile<16>(p, rec, nt, m0, m1, yt, y_stride, add);
    else
      tile<8>(p, rec, nt, m0, m1, yt, y_stride, add);
  };
  q8p::run_panels(w, row_bytes, cols, r0, r1, xp, b, y, y_stride, pack, run);
}

}  // namespace ys::cpu
