// AVX2 panel matmul (gemm_panel.h): dequantize 16 weight rows x up to 256 columns, transpose them
// into columns of 16 floats, and multiply them with the batch's tokens six at a time.
#include <immintrin.h>

#include <algorithm>

#include "backends/local/cpu/blocks.h"
#include "backends/local/cpu/dequantize.h"
#include "backends/local/cpu/fp16.h"
#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/k_quant_avx2.h"

namespace ys::cpu {

namespace {

// Eight unsigned bytes -> floats s * q - m (the scalar reference's two roundings, no FMA).
inline void store_scaled_u8(__m128i bytes8, __m256 s, __m256 m, float* dst) {
  const __m256 q = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes8));
  _mm256_storeu_ps(dst, _mm256_sub_ps(_mm256_mul_ps(s, q), m));
}

// 32 unsigned bytes (one sub-block) -> floats dl * q - ml.
inline void store_sub_block(__m256i q, float dl, float ml, float* dst) {
  const __m256 s = _mm256_set1_ps(dl), m = _mm256_set1_ps(ml);
  const __m128i lo = _mm256_castsi256_si128(q), hi = _mm256_extracti128_si256(q, 1);
  store_scaled_u8(lo, s, m, dst);
  store_scaled_u8(_mm_srli_si128(lo, 8), s, m, dst + 8);
  store_scaled_u8(hi, s, m, dst + 16);
  store_scaled_u8(_mm_srli_si128(hi, 8), s, m, dst + 24);
}

// Q4_K and Q5_K blocks (qh null for Q4_K), as dequant_k4_block in dequantize.cpp computes them.
void dequantize_k4(const uint8_t* scales, uint16_t dh, uint16_t dminh, const uint8_t* qs,
                   const uint8_t* qh, float* y) {
  const float d = fp16_to_float(dh), dmin = fp16_to_float(dminh);
  const __m256i high =
      qh ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(qh)) : _mm256_setzero_si256();
  for (int c = 0; c < 4; ++c) {
    __m256i lo, hi;
    kq::k4_chunk_levels(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(qs + 32 * c)), high,
                        qh != nullptr, c, &lo, &hi);
    uint8_t sc, m;
    k_scale_min(2 * c, scales, &sc, &m);
    store_sub_block(lo, d * sc, dmin * m, y + 64 * c);
    k_scale_min(2 * c + 1, scales, &sc, &m);
    store_sub_block(hi, d * sc, dmin * m, y + 64 * c + 32);
  }
}

// A Q6_K block, as dequant_q6_k in dequantize.cpp computes it: (d * scale) * (q - 32).
void dequantize_q6_k_block(const BlockQ6_K& blk, float* y) {
  const float d = fp16_to_float(blk.d);
  const __m256i offset = _mm256_set1_epi8(32);
  for (int half = 0; half < 2; ++half) {
    __m256i levels[4];
    kq::q6_k_levels(blk, half, levels);
    for (int g = 0; g < 4; ++g) {
      const __m256i q = _mm256_sub_epi8(levels[g], offset);  // -32..31
      const int i0 = 128 * half + 32 * g;
      float* out = y + i0;
      const __m128i parts[2] = {_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1)};
      for (int p = 0; p < 2; ++p) {  // 16 values share one scale
        const __m256 s = _mm256_set1_ps(d * static_cast<float>(blk.scales[(i0 + 16 * p) / 16]));
        const __m256 a = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(parts[p]));
        const __m256 b = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(parts[p], 8)));
        _mm256_storeu_ps(out + 16 * p, _mm256_mul_ps(s, a));
        _mm256_storeu_ps(out + 16 * p + 8, _mm256_mul_ps(s, b));
      }
    }
  }
}

// One weight row segment -> floats. F16, Q8_0 and the K-quants of the common presets have
// vector versions (the same values as dequantize_row, bit for bit); the others use the scalar
// reference.
void dequantize_segment(TensorType type, const uint8_t* src, float* dst, int64_t n) {
  if (type == TensorType::Q4_K || type == TensorType::Q5_K) {
    for (int64_t i = 0; i < n; i += kQK_K, dst += kQK_K) {
      if (type == TensorType::Q4_K) {
        const auto& blk = reinterpret_cast<const BlockQ4_K*>(src)[i / kQK_K];
        dequantize_k4(blk.scales, blk.d, blk.dmin, blk.qs, nullptr, dst);
      } else {
        const auto& blk = reinterpret_cast<const BlockQ5_K*>(src)[i / kQK_K];
        dequantize_k4(blk.scales, blk.d, blk.dmin, blk.qs, blk.qh, dst);
      }
    }
    return;
  }
  if (type == TensorType::Q6_K) {
    const auto* blk = reinterpret_cast<const BlockQ6_K*>(src);
    for (int64_t i = 0; i < n; i += kQK_K, dst += kQK_K) dequantize_q6_k_block(blk[i / kQK_K], dst);
    return;
  }
  if (type == TensorType::F16) {
    const auto* h = reinterpret_cast<const uint16_t*>(src);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      _mm256_storeu_ps(dst + i,
                       _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i))));
    for (; i < n; ++i) dst[i] = fp16_to_float(h[i]);  // plain-float rows need not be 8-aligned
    return;
  }
  if (type == TensorType::Q8_0) {
    const auto* blk = reinterpret_cast<const BlockQ8_0*>(src);
    for (int64_t i = 0; i < n; i += kQK8_0, ++blk, dst += kQK8_0) {
      const __m256 d = _mm256_set1_ps(fp16_to_float(blk->d));
      for (int j = 0; j < kQK8_0; j += 8) {
        const __m128i q = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(blk->qs + j));
        _mm256_storeu_ps(dst + j, _mm256_mul_ps(d, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q))));
      }
    }
    return;
  }
  dequantize_row(type, src, dst, n);
}

// out[j] = column j of the 8x8 block whose rows are r[0..7].
inline void transpose8(__m256 r[8]) {
  const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
  const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
  const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
  const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
  const __m256 s0 = _mm256_shuffle_ps(t0, t2, 0x44), s1 = _mm256_shuffle_ps(t0, t2, 0xee);
  const __m256 s2 = _mm256_shuffle_ps(t1, t3, 0x44), s3 = _mm256_shuffle_ps(t1, t3, 0xee);
  const __m256 s4 = _mm256_shuffle_ps(t4, t6, 0x44), s5 = _mm256_shuffle_ps(t4, t6, 0xee);
  const __m256 s6 = _mm256_shuffle_ps(t5, t7, 0x44), s7 = _mm256_shuffle_ps(t5, t7, 0xee);
  r[0] = _mm256_permute2f128_ps(s0, s4, 0x20);
  r[1] = _mm256_permute2f128_ps(s1, s5, 0x20);
  r[2] = _mm256_permute2f128_ps(s2, s6, 0x20);
  r[3] = _mm256_permute2f128_ps(s3, s7, 0x20);
  r[4] = _mm256_permute2f128_ps(s0, s4, 0x31);
  r[5] = _mm256_permute2f128_ps(s1, s5, 0x31);
  r[6] = _mm256_permute2f128_ps(s2, s6, 0x31);
  r[7] = _mm256_permute2f128_ps(s3, s7, 0x31);
}

// Packed activations xp[k * kPanelTokens + t] (t < NT) times the panel columns wp[k * 16 + i],
// k < kc -> y[t * y_stride + i] (added to what is there when `add`). The outputs of the next
// call (y_next, same stride, may be null) are fetched meanwhile: they are far apart in a wide
// output matrix and would otherwise miss the cache at the end of the call (in a stand-alone loop
// over 2432 rows x 512 tokens: 30 -> 41 GMAC/s).
template <int NT>
void panel_kernel(int64_t kc, const float* wp, const float* xp, float* y, int64_t y_stride,
                  bool add, const float* y_next) {
  if (y_next) {
    for (int t = 0; t < kPanelTokens; ++t) {
      _mm_prefetch(reinterpret_cast<const char*>(y_next + t * y_stride), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(y_next + t * y_stride + kPanelRows - 1),
                   _MM_HINT_T0);
    }
  }
  __m256 lo[NT], hi[NT];
#pragma GCC unroll 6
  for (int t = 0; t < NT; ++t) {
    lo[t] = _mm256_setzero_ps();
    hi[t] = _mm256_setzero_ps();
  }
  for (int64_t k = 0; k < kc; ++k, wp += kPanelRows, xp += kPanelTokens) {
    const __m256 w0 = _mm256_load_ps(wp), w1 = _mm256_load_ps(wp + 8);
#pragma GCC unroll 6
    for (int t = 0; t < NT; ++t) {
      const __m256 v = _mm256_broadcast_ss(xp + t);
      lo[t] = _mm256_fmadd_ps(w0, v, lo[t]);
      hi[t] = _mm256_fmadd_ps(w1, v, hi[t]);
    }
  }
#pragma GCC unroll 6
  for (int t = 0; t < NT; ++t) {
    float* yt = y + t * y_stride;
    if (add) {
      lo[t] = _mm256_add_ps(lo[t], _mm256_loadu_ps(yt));
      hi[t] = _mm256_add_ps(hi[t], _mm256_loadu_ps(yt + 8));
    }
    _mm256_storeu_ps(yt, lo[t]);
    _mm256_storeu_ps(yt + 8, hi[t]);
  }
}

using PanelKernel = void (*)(int64_t, const float*, const float*, float*, int64_t, bool,
                             const float*);
constexpr PanelKernel kKernels[kPanelTokens + 1] = {
    nullptr,         panel_kernel<1>, panel_kernel<2>, panel_kernel<3>,
    panel_kernel<4>, panel_kernel<5>, panel_kernel<6>};

// Fetches the weight bytes of the next panel a few cache lines at a time while the current one
// is multiplied, so that packing it does not wait for memory.
class PanelPrefetch {
 public:
  PanelPrefetch(const uint8_t* first_row, size_t row_bytes, int rows, size_t segment_bytes,
                int64_t steps)
      : first_(first_row),
        row_bytes_(row_bytes),
        rows_(rows),
        lines_per_row_(static_cast<int>((segment_bytes + 63) / 64)) {
    const int64_t total = static_cast<int64_t>(rows_) * lines_per_row_;
    per_step_ = static_cast<int>((total + steps - 1) / std::max<int64_t>(steps, 1));
  }
  void step() {
    for (int i = 0; i < per_step_ && row_ < rows_; ++i) {
      _mm_prefetch(reinterpret_cast<const char*>(first_ + static_cast<size_t>(row_) * row_bytes_ +
                                                 static_cast<size_t>(line_) * 64),
                   _MM_HINT_T0);
      if (++line_ == lines_per_row_) {
        line_ = 0;
        ++row_;
      }
    }
  }

 private:
  const uint8_t* first_;
  size_t row_bytes_;
  int rows_, lines_per_row_, per_step_ = 0, row_ = 0, line_ = 0;
};

}  // namespace

void panel_tile_avx2(int nt, int64_t kc, const float* panel, const float* xp, float* y,
                     int64_t y_stride, bool add) {
  kKernels[nt](kc, panel, xp, y, y_stride, add, nullptr);
}

void panel_put_row_avx2(TensorType type, const uint8_t* row, int64_t t, int64_t b, int64_t cols,
                        float* out) {
  alignas(32) float values[kPanelDepth];
  const int64_t n_blocks = (b + kPanelTokens - 1) / kPanelTokens;
  const int64_t block = t / kPanelTokens, lane = t % kPanelTokens;
  for (int64_t k0 = 0; k0 < cols; k0 += kPanelDepth) {
    const int64_t kc = std::min(kPanelDepth, cols - k0);
    dequantize_segment(type, row + type_row_bytes(type, k0), values, kc);
    float* dst = out + (k0 * n_blocks + block * kc) * kPanelTokens + lane;
    for (int64_t k = 0; k < kc; ++k) dst[k * kPanelTokens] = values[k];
  }
}

void panel_pack_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int rows, int64_t k0,
                     int64_t kc, float* tmp, float* out) {
  const size_t offset = type_row_bytes(type, k0);
  for (int i = 0; i < kPanelRows; ++i) {
    if (i < rows)
      dequantize_segment(type, w + static_cast<size_t>(i) * row_bytes + offset, tmp + i * kc, kc);
    else
      std::fill(tmp + i * kc, tmp + (i + 1) * kc, 0.0f);
  }
  for (int64_t k = 0; k < kc; k += 8) {
    for (int half = 0; half < 2; ++half) {
      __m256 r[8];
      for (int j = 0; j < 8; ++j) r[j] = _mm256_loadu_ps(tmp + (half * 8 + j) * kc + k);
      transpose8(r);
      for (int j = 0; j < 8; ++j) _mm256_store_ps(out + (k + j) * kPanelRows + half * 8, r[j]);
    }
  }
}

void panel_rows_avx2(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols, int64_t r0,
                     int64_t r1, const float* xp, int64_t b, float* y, int64_t y_stride,
                     bool avx512) {
  alignas(32) float tmp[kPanelRows * kPanelDepth];
  alignas(64) float panel[kPanelRows * kPanelDepth];  // 64: a column is one AVX-512 load
  alignas(32) float part[kPanelTokens * kPanelRows];  // outputs of a group with fewer rows
  const int64_t n_blocks = (b + kPanelTokens - 1) / kPanelTokens;
  // Column chunks outside, row groups inside: one chunk's packed activations (b x kPanelDepth
  // floats) are used by every row group of the range while they are in cache.
  for (int64_t k0 = 0; k0 < cols; k0 += kPanelDepth) {
    const int64_t kc = std::min(kPanelDepth, cols - k0);
    const bool add = k0 > 0;
    for (int64_t g = r0; g < r1; g += kPanelRows) {
      const int rows = static_cast<int>(std::min<int64_t>(kPanelRows, r1 - g));
      panel_pack_avx2(type, w + static_cast<size_t>(g) * row_bytes, row_bytes, rows, k0, kc, tmp,
                      panel);
      // The next panel: the next row group of this chunk, else the first of the next chunk.
      const bool last_group = g + kPanelRows >= r1;
      const int64_t next_g = last_group ? r0 : g + kPanelRows;
      const int64_t next_k0 = last_group ? k0 + kPanelDepth : k0;
      PanelPrefetch prefetch(
          w + static_cast<size_t>(next_g) * row_bytes +
              type_row_bytes(type, std::min(next_k0, cols)),
          row_bytes,
          next_k0 < cols ? static_cast<int>(std::min<int64_t>(kPanelRows, r1 - next_g)) : 0,
          type_row_bytes(type, std::min(kPanelDepth, std::max<int64_t>(0, cols - next_k0))),
          n_blocks);
      const float* xb = xp + k0 * n_blocks * kPanelTokens;  // this column chunk's token blocks
      for (int64_t tb = 0; tb < n_blocks; ++tb, xb += kc * kPanelTokens) {
        prefetch.step();
        const int64_t t = tb * kPanelTokens;
        const int nt = static_cast<int>(std::min<int64_t>(kPanelTokens, b - t));
        float* yt = y + t * y_stride + g;
        if (avx512 && rows == kPanelRows && tb + 1 < n_blocks) {
          // Two blocks at once; only the last block can be short, so the first one is full.
          prefetch.step();
          const int nt2 = static_cast<int>(std::min<int64_t>(kPanelTokens, b - t - kPanelTokens));
          const float* y_next = tb + 2 < n_blocks ? yt + 2 * kPanelTokens * y_stride : nullptr;
          panel_pair_avx512(nt2, kc, panel, xb, xb + kc * kPanelTokens, yt, y_stride, add, y_next);
          ++tb;
          xb += kc * kPanelTokens;
          continue;
        }
        if (rows == kPanelRows) {
          const float* y_next = tb + 1 < n_blocks ? yt + kPanelTokens * y_stride : nullptr;
          kKernels[nt](kc, panel, xb, yt, y_stride, add, y_next);
          continue;
        }
        kKernels[nt](kc, panel, xb, part, kPanelRows, false, nullptr);
        for (int j = 0; j < nt; ++j)
          for (int i = 0; i < rows; ++i)
            yt[j * y_stride + i] = (add ? yt[j * y_stride + i] : 0.0f) + part[j * kPanelRows + i];
      }
    }
  }
}

}  // namespace ys::cpu
