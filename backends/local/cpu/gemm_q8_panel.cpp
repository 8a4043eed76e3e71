#include "backends/local/cpu/gemm_q8_panel.h"

#include <cstring>

#include "backends/local/cpu/cpu_features.h"

namespace ys::cpu {

namespace {

int64_t token_groups(int64_t b) {
  return (b + kQ8PanelTokens - 1) / kQ8PanelTokens;
}

// The record of block kb and token group tg.
uint8_t* record(uint8_t* out, int64_t kb, int64_t tg, int64_t n_groups) {
  return out + static_cast<size_t>(kb * n_groups + tg) * kQ8PanelRecordBytes;
}

// Token lane l of a record <- one Q8_K block (zeros when blk is null).
void put_lane(const BlockQ8_K* blk, int l, uint8_t* rec) {
  constexpr int kNT = kQ8PanelTokens;
  for (int g = 0; g < kQK_K / 4; ++g) {
    uint8_t* dst = rec + (g * kNT + l) * 4;
    if (blk)
      std::memcpy(dst, blk->qs + 4 * g, 4);
    else
      std::memset(dst, 0, 4);
  }
  const float d = blk ? blk->d : 0.0f;
  std::memcpy(rec + kQK_K * kNT + l * 4, &d, 4);
  uint8_t* pairs = rec + (kQK_K + 4) * kNT;
  for (int p = 0; p < kQK_K / 32; ++p) {
    uint8_t* dst = pairs + (p * kNT + l) * 4;
    if (blk)
      std::memcpy(dst, blk->bsums + 2 * p, 4);
    else
      std::memset(dst, 0, 4);
  }
}

}  // namespace

bool q8_panel_supported(TensorType weight_type) {
  if (!cpu_has_avx2()) return false;
  return weight_type == TensorType::Q4_K || weight_type == TensorType::Q5_K ||
         weight_type == TensorType::Q6_K;
}

void q8_panel_rows(TensorType type, const uint8_t* w, size_t row_bytes, int64_t cols, int64_t r0,
                   int64_t r1, const uint8_t* xp, int64_t b, float* y, int64_t y_stride) {
  using Fn = decltype(&q8_panel_rows_avx2);
  pick_kernel<Fn>(nullptr, q8_panel_rows_avx2, nullptr, q8_panel_rows_avx512)(
      type, w, row_bytes, cols, r0, r1, xp, b, y, y_stride);
}

size_t q8_panel_packed_bytes(int64_t b, int64_t cols) {
  return static_cast<size_t>(cols / kQK_K * token_groups(b)) * kQ8PanelRecordBytes;
}

void q8_panel_put_row(const BlockQ8_K* row, int64_t t, int64_t b, int64_t cols, uint8_t* out) {
  const int64_t n_groups = token_groups(b);
  for (int64_t kb = 0; kb < cols / kQK_K; ++kb)
    put_lane(row + kb, static_cast<int>(t % kQ8PanelTokens),
             record(out, kb, t / kQ8PanelTokens, n_groups));
}

void q8_panel_clear_padding(int64_t b, int64_t cols, uint8_t* out) {
  const int64_t n_groups = token_groups(b);
  for (int64_t t = b; t < n_groups * kQ8PanelTokens; ++t)
    for (int64_t kb = 0; kb < cols / kQK_K; ++kb)
      put_lane(nullptr, static_cast<int>(t % kQ8PanelTokens),
               record(out, kb, t / kQ8PanelTokens, n_groups));
}

}  // namespace ys::cpu
