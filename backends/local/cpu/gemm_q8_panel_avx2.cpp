// The AVX2 integer panels (gemm_q8_panel.h), for CPUs without AVX-512 VNNI. The weight panel is
// the AVX-512 kernel's (gemm_q8_panel_pack.h: 64 column groups of 32 rows x 4 bytes), read here
// one vector per 8 rows; the sub-block scales are stored as int16 pairs. Each 8-row vector runs
// one register tile against a group of six tokens:
//   - maddubs (levels x the token's four broadcast Q8_K bytes) gives two int16 pair sums per
//     row, added in int16 over kFlush column groups (no overflow: see flush_groups),
//   - madd with the sub-block scale turns them into int32 and adds them to the block sum,
//   - the min terms are madds of the int16 min pairs with the bsum pairs,
//   - and the float step is the AVX-512 kernel's, operation for operation.
// The integer sums are exact, so the outputs equal the AVX-512 panels' bit for bit.
#include <immintrin.h>

#include <cstdint>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/gemm_q8_panel.h"
#include "backends/local/cpu/gemm_q8_panel_pack.h"

namespace ys::cpu {

namespace {

using q8p::kR;
using q8p::WeightPanel;
constexpr int kNT = kQ8PanelTokens;

// rows[i] (row i of an 8 x 8 int32 matrix) -> rows[j] = column j.
[[gnu::always_inline]] inline void transpose8(__m256i r[8]) {
  __m256i t[8], c[8];
  for (int i = 0; i < 4; ++i) {
    t[2 * i] = _mm256_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm256_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
  }
  // c[4q + m], 128-bit lane L: rows 4q..4q+3 of column 4L + m.
  for (int q = 0; q < 2; ++q) {
    c[4 * q + 0] = _mm256_unpacklo_epi64(t[4 * q], t[4 * q + 2]);
    c[4 * q + 1] = _mm256_unpackhi_epi64(t[4 * q], t[4 * q + 2]);
    c[4 * q + 2] = _mm256_unpacklo_epi64(t[4 * q + 1], t[4 * q + 3]);
    c[4 * q + 3] = _mm256_unpackhi_epi64(t[4 * q + 1], t[4 * q + 3]);
  }
  for (int m = 0; m < 4; ++m) {
    r[m] = _mm256_permute2x128_si256(c[m], c[4 + m], 0x20);
    r[4 + m] = _mm256_permute2x128_si256(c[m], c[4 + m], 0x31);
  }
}

// Packs block kb of `rows` (<= kR) rows starting at w.
void pack_panel(TensorType type, const uint8_t* w, size_t row_bytes, int rows, int64_t kb,
                WeightPanel* p) {
  alignas(64) uint8_t lv[kR][kQK_K];
  q8p::unpack_rows<q8p::ScaleForm::kInt16Pair>(type, w, row_bytes, rows, kb, lv[0], p);
  for (int v = 0; v < kR / 8; ++v) {
    if (8 * v >= rows) break;  // the tile skips these row vectors
    for (int gc = 0; gc < kQK_K / 32; ++gc) {
      __m256i r[8];
      for (int i = 0; i < 8; ++i)
        r[i] = _mm256_load_si256(reinterpret_cast<const __m256i*>(lv[8 * v + i] + 32 * gc));
      transpose8(r);
      for (int j = 0; j < 8; ++j)
        _mm256_store_si256(reinterpret_cast<__m256i*>(p->q[8 * gc + j][8 * v]), r[j]);
    }
  }
}

// Column groups (of 4 columns) whose maddubs pair sums can be added in int16: a pair sum is at
// most 2 * max_level * 128 in magnitude (Q4_K levels 0..15: 3840; Q5_K 0..31: 7936; Q6_K
// 0..63: 16128), so 8, 4 and 2 of them stay within 32767.
constexpr int flush_groups(TensorType type) {
  return type == TensorType::Q4_K ? 8 : type == TensorType::Q5_K ? 4 : 2;
}

[[gnu::always_inline]] inline __m256i load8(const int32_t* p) {
  return _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
}

// Rows 8v..8v+7 of the panel (`lanes` of them real) times one token group (nt of kNT lanes
// real): S sub-blocks of 256 / S columns, int16 sums flushed every F column groups.
template <int S, int F>
void tile(const WeightPanel& p, int v, int lanes, const uint8_t* rec, int nt, float* y,
          int64_t y_stride, bool add) {
  constexpr int kG = kQK_K / 4 / S;  // column groups per sub-block
  static_assert(kG % F == 0);
  const auto* xq = reinterpret_cast<const int32_t*>(rec);
  __m256i sum[kNT], part[kNT];
#pragma GCC unroll 6
  for (int t = 0; t < kNT; ++t) sum[t] = _mm256_setzero_si256();
  for (int j = 0; j < S; ++j) {
    const __m256i sc = load8(p.sc[j] + 8 * v);
    for (int f = 0; f < kG; f += F) {
#pragma GCC unroll 6
      for (int t = 0; t < kNT; ++t) part[t] = _mm256_setzero_si256();
#pragma GCC unroll 2
      for (int gg = 0; gg < F; ++gg) {
        const int g = j * kG + f + gg;
        const __m256i wq = _mm256_load_si256(reinterpret_cast<const __m256i*>(p.q[g][8 * v]));
#pragma GCC unroll 6
        for (int t = 0; t < kNT; ++t)
          part[t] = _mm256_add_epi16(part[t],
                                     _mm256_maddubs_epi16(wq, _mm256_set1_epi32(xq[g * kNT + t])));
      }
#pragma GCC unroll 6
      for (int t = 0; t < kNT; ++t)
        sum[t] = _mm256_add_epi32(sum[t], _mm256_madd_epi16(part[t], sc));
    }
  }
  // The min terms against the bsum pairs.
  const auto* pairs = reinterpret_cast<const int32_t*>(rec + (kQK_K + 4) * kNT);
#pragma GCC unroll 6
  for (int t = 0; t < kNT; ++t) part[t] = _mm256_setzero_si256();
#pragma GCC unroll 8
  for (int q = 0; q < 8; ++q) {
    const __m256i mn = load8(p.mn[q] + 8 * v);
#pragma GCC unroll 6
    for (int t = 0; t < kNT; ++t)
      part[t] =
          _mm256_add_epi32(part[t], _mm256_madd_epi16(mn, _mm256_set1_epi32(pairs[q * kNT + t])));
  }
  const auto* xd = reinterpret_cast<const float*>(rec + kQK_K * kNT);
  const __m256 d = _mm256_load_ps(p.d + 8 * v), dmin = _mm256_load_ps(p.dmin + 8 * v);
  const __m256i mask =
      _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  for (int t = 0; t < nt; ++t) {
    const __m256 dx = _mm256_set1_ps(xd[t]);
    const __m256 pos = _mm256_mul_ps(_mm256_mul_ps(d, dx), _mm256_cvtepi32_ps(sum[t]));
    const __m256 neg = _mm256_mul_ps(_mm256_mul_ps(dmin, dx), _mm256_cvtepi32_ps(part[t]));
    __m256 r = _mm256_sub_ps(pos, neg);
    float* yt = y + t * y_stride + 8 * v;
    if (lanes == 8) {
      if (add) r = _mm256_add_ps(r, _mm256_loadu_ps(yt));
      _mm256_storeu_ps(yt, r);
    } else {
      if (add) r = _mm256_add_ps(r, _mm256_maskload_ps(yt, mask));
      _mm256_maskstore_ps(yt, mask, r);
    }
  }
}

template <TensorType T>
void run_rows(const uint8_t* w, size_t row_bytes, int64_t cols, int64_t r0, int64_t r1,
              const uint8_t* xp, int64_t b, float* y, int64_t y_stride) {
  constexpr int S = T == TensorType::Q6_K ? 16 : 8;
  const auto pack = [&](const uint8_t* wg, int rows, int64_t kb, WeightPanel* p) {
    pack_panel(T, wg, row_bytes, rows, kb, p);
  };
  const auto run = [&](const WeightPanel& p, const uint8_t* rec, int nt, int rows, float* yt,
                       bool add) {
    for (int v = 0; 8 * v < rows; ++v)
      tile<S, flush_groups(T)>(p, v, std::min(8, rows - 8 * v), rec, nt, yt, y_stride, add);
  };
  q8p::run_panels(w, row_bytes, cols, r0, r1, xp, b, y, y_stride, pack, run);
}

}  // namespace

void q8_panel_rows_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols,
                        int64_t r0, int64_t r1, const uint8_t* xp, int64_t b, float* y,
                        int64_t y_stride) {
  if (type == TensorType::Q4_K)
    run_rows<TensorType::Q4_K>(w, row_bytes, cols, r0, r1, xp, b, y, y_stride);
  else if (type == TensorType::Q5_K)
    run_rows<TensorType::Q5_K>(w, row_bytes, cols, r0, r1, xp, b, y, y_stride);
  else
    run_rows<TensorType::Q6_K>(w, row_bytes, cols, r0, r1, xp, b, y, y_stride);
}

}  // namespace ys::cpu
