// The weight side of the integer panels (gemm_q8_panel.h), shared by the AVX2 and AVX-512
// kernels: one 256-column block of up to kQ8PanelRows rows unpacked into byte levels, sub-block
// scales, min terms and the two float scales per row. The levels come out row by row (lv); each
// kernel transposes them into column groups with its own vector width. Include only from files
// compiled with at least -mavx2; the helpers are always inlined (see k_quant_avx2.h).
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/gemm_q8_panel.h"
#include "backends/local/cpu/k_quant_avx2.h"
#include "backends/local/cpu/tensor_type.h"

namespace ys::cpu::q8p {

constexpr int kR = kQ8PanelRows;

// One block of kR weight rows, ready for the tiles (rows past the matrix are zeros).
struct alignas(64) WeightPanel {
  uint8_t q[kQK_K / 4][kR][4];  // column group g, row r: the levels of columns 4g..4g+3
  int32_t sc[16][kR];           // sub-block scales (eight used for Q4_K/Q5_K), see ScaleForm
  int32_t mn[8][kR];            // min terms of the 16-value sums 2p, 2p + 1, as two int16
  float d[kR], dmin[kR];
};

// How a sub-block scale s is stored in WeightPanel::sc: as an int32 (the AVX-512 tiles multiply
// int32 sums by it), or as two int16 copies (the AVX2 tiles multiply int16 pair sums by it with
// madd, which adds the two products).
enum class ScaleForm { kInt32, kInt16Pair };

template <ScaleForm F>
[[gnu::always_inline]] inline int32_t scale_word(int s) {
  if constexpr (F == ScaleForm::kInt32) return s;
  const uint32_t half = static_cast<uint16_t>(static_cast<int16_t>(s));
  return static_cast<int32_t>(half | half << 16);
}

[[gnu::always_inline]] inline void store32(uint8_t* dst, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), v);
}

// Row i of the panel from one Q4_K/Q5_K block (qh null for Q4_K): levels into lv (256 bytes).
template <ScaleForm F>
[[gnu::always_inline]] inline void unpack_k4(const uint8_t* scales, uint16_t d, uint16_t dmin,
                                             const uint8_t* qs, const uint8_t* qh, int i,
                                             uint8_t* lv, WeightPanel* p) {
  const __m256i high =
      qh ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(qh)) : _mm256_setzero_si256();
  for (int c = 0; c < 4; ++c) {
    __m256i lo, hi;
    kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(qs + 32 * c)), high,
                        qh != nullptr, c, &lo, &hi);
    store32(lv + 64 * c, lo);
    store32(lv + 64 * c + 32, hi);
  }
  for (int j = 0; j < 8; ++j) {
    uint8_t sc, m;
    k_scale_min(j, scales, &sc, &m);
    p->sc[j][i] = scale_word<F>(sc);
    p->mn[j][i] = static_cast<int32_t>(m) | static_cast<int32_t>(m) << 16;
  }
  p->d[i] = fp16_to_float(d);
  p->dmin[i] = fp16_to_float(dmin);
}

// Row i from one Q6_K block: levels 0..63; the -32 offset becomes the min terms 32 * scale.
template <ScaleForm F>
[[gnu::always_inline]] inline void unpack_q6_k(const BlockQ6_K& blk, int i, uint8_t* lv,
                                               WeightPanel* p) {
  for (int half = 0; half < 2; ++half) {
    __m256i levels[4];
    kq::q6_k_levels(blk, half, levels);
    for (int g = 0; g < 4; ++g) store32(lv + 128 * half + 32 * g, levels[g]);
  }
  for (int j = 0; j < 16; ++j) p->sc[j][i] = scale_word<F>(blk.scales[j]);
  for (int q = 0; q < 8; ++q) {
    const auto lo = static_cast<uint16_t>(32 * blk.scales[2 * q]);
    const auto hi = static_cast<uint16_t>(32 * blk.scales[2 * q + 1]);
    p->mn[q][i] = static_cast<int32_t>(lo | static_cast<uint32_t>(hi) << 16);
  }
  p->d[i] = p->dmin[i] = fp16_to_float(blk.d);
}

// Unpacks block kb of `rows` (<= kR) rows starting at w into the panel's scales and lv[kR][256]
// (row i's levels at lv + 256 i; zeros for the rows past `rows`). The caller transposes lv.
template <ScaleForm F>
[[gnu::always_inline]] inline void unpack_rows(TensorType type, const uint8_t* w, size_t row_bytes,
                                               int rows, int64_t kb, uint8_t* lv, WeightPanel* p) {
  for (int i = 0; i < kR; ++i, lv += kQK_K) {
    if (i >= rows) {
      std::memset(lv, 0, kQK_K);
      for (int j = 0; j < 16; ++j) p->sc[j][i] = 0;
      for (int q = 0; q < 8; ++q) p->mn[q][i] = 0;
      p->d[i] = p->dmin[i] = 0.0f;
      continue;
    }
    const uint8_t* row = w + static_cast<size_t>(i) * row_bytes;
    if (type == TensorType::Q4_K) {
      const auto& blk = reinterpret_cast<const BlockQ4_K*>(row)[kb];
      unpack_k4<F>(blk.scales, blk.d, blk.dmin, blk.qs, nullptr, i, lv, p);
    } else if (type == TensorType::Q5_K) {
      const auto& blk = reinterpret_cast<const BlockQ5_K*>(row)[kb];
      unpack_k4<F>(blk.scales, blk.d, blk.dmin, blk.qs, blk.qh, i, lv, p);
    } else {
      unpack_q6_k<F>(reinterpret_cast<const BlockQ6_K*>(row)[kb], i, lv, p);
    }
  }
}

// The loop both kernels run over W rows [r0, r1) and the packed activations xp of b tokens:
// blocks outside, row groups inside, so one block's packed activations (b x 292 bytes) are used
// by every row group of the range while they are in cache. For each block kb and group of kR
// rows from g, pack(w_g, rows, kb, &panel) fills the panel once, then
// tile(panel, record, nt, rows, y + t * y_stride + g, kb > 0) runs for each token group (tokens
// t.. t + nt - 1 of kQ8PanelTokens lanes), while the next panel's weight bytes are fetched a row
// per token group.
template <class Pack, class Tile>
[[gnu::always_inline]] inline void run_panels(const uint8_t* w, size_t row_bytes, int64_t cols,
                                              int64_t r0, int64_t r1, const uint8_t* xp, int64_t b,
                                              float* y, int64_t y_stride, Pack pack, Tile tile) {
  constexpr int kNT = kQ8PanelTokens;
  WeightPanel panel;
  const int64_t n_groups = (b + kNT - 1) / kNT;
  const int64_t n_kb = cols / kQK_K;
  const size_t block_bytes = row_bytes / static_cast<size_t>(n_kb);
  for (int64_t kb = 0; kb < n_kb; ++kb) {
    const uint8_t* xb = xp + static_cast<size_t>(kb * n_groups) * kQ8PanelRecordBytes;
    for (int64_t g = r0; g < r1; g += kR) {
      const int rows = static_cast<int>(std::min<int64_t>(kR, r1 - g));
      pack(w + static_cast<size_t>(g) * row_bytes, rows, kb, &panel);
      const bool last_group = g + kR >= r1;
      const int64_t next_g = last_group ? r0 : g + kR, next_kb = last_group ? kb + 1 : kb;
      const int next_rows =
          next_kb < n_kb ? static_cast<int>(std::min<int64_t>(kR, r1 - next_g)) : 0;
      const uint8_t* next =
          w + static_cast<size_t>(next_g) * row_bytes + static_cast<size_t>(next_kb) * block_bytes;
      const uint8_t* rec = xb;
      for (int64_t tg = 0; tg < n_groups; ++tg, rec += kQ8PanelRecordBytes) {
        for (int64_t i = tg; i < next_rows; i += n_groups)
          for (size_t off = 0; off < block_bytes; off += 64)
            _mm_prefetch(reinterpret_cast<const char*>(next + i * row_bytes + off), _MM_HINT_T0);
        const int64_t t = tg * kNT;
        const int nt = static_cast<int>(std::min<int64_t>(kNT, b - t));
        tile(panel, rec, nt, rows, y + t * y_stride + g, kb > 0);
      }
    }
  }
}

}  // namespace ys::cpu::q8p
