#include "backends/local/model/attention_prefill.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/model/ops.h"

namespace ys::model {

namespace {

constexpr int kQueryBlock = 8 * cpu::kPanelTokens;  // queries per task
constexpr int kRows = cpu::kPanelRows;
constexpr int kTok = cpu::kPanelTokens;

int64_t round_up(int64_t v, int64_t m) {
  return (v + m - 1) / m * m;
}

float* aligned32(float* p) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<float*>((at + 31) / 32 * 32);
}

}  // namespace

bool use_prefill_attention(int hd) {
  return cpu::cpu_has_avx2() && hd > 0 && hd % kRows == 0;
}

void attention_prefill(cpu::ThreadPool& pool, const PrefillAttention& a,
                       std::vector<float>& scratch) {
  const int hd = a.hd;
  const int64_t n = a.p0 + a.b;  // positions the last token sees
  const int64_t n16 = round_up(n, kRows);
  const int64_t nq = static_cast<int64_t>(a.b) * a.group;
  const int64_t n_blocks = (nq + kQueryBlock - 1) / kQueryBlock;
  // Scratch: key panels, value panels, then per thread: packed queries, scores (rows of n16),
  // packed probabilities, outputs, one scaled query.
  const size_t kp_size = static_cast<size_t>(n16 * hd);
  const size_t vp_size = static_cast<size_t>(hd) * static_cast<size_t>(n16);
  const size_t per_thread =
      static_cast<size_t>(kQueryBlock) * static_cast<size_t>(2 * hd + 2 * n16) + hd + 16;
  const size_t pack_tmp = static_cast<size_t>(kRows * hd);  // panel_pack_avx2's row buffer
  const size_t need =
      kp_size + vp_size + pack_tmp + per_thread * static_cast<size_t>(pool.size()) + 32;
  if (scratch.size() < need) scratch.resize(need);
  float* kp = aligned32(scratch.data());
  float* vp = kp + kp_size;  // kp_size is a multiple of 16 floats, so vp is aligned too
  float* tmp = vp + vp_size;
  float* thread_base = tmp + pack_tmp;

  // Key panels: panel p holds positions 16p .. 16p + 15 (zeros past n), column d = their d-th
  // values. Value panels: dimension group dg holds, for each position j, v_j[16dg .. 16dg + 15].
  for (int64_t p = 0; p < n16 / kRows; ++p) {
    const int rows = static_cast<int>(std::min<int64_t>(kRows, n - p * kRows));
    cpu::panel_pack_avx2(
        cpu::TensorType::F32, reinterpret_cast<const uint8_t*>(a.k + p * kRows * a.kv_stride),
        static_cast<size_t>(a.kv_stride) * sizeof(float), rows, 0, hd, tmp, kp + p * kRows * hd);
  }
  for (int dg = 0; dg < hd / kRows; ++dg) {
    float* dst = vp + static_cast<size_t>(dg) * static_cast<size_t>(n16) * kRows;
    for (int64_t j = 0; j < n; ++j)
      std::memcpy(dst + j * kRows, a.v + j * a.kv_stride + dg * kRows, kRows * sizeof(float));
  }

  pool.parallel_for_indexed(n_blocks, [&](int thread, int64_t begin, int64_t end) {
    float* xp = thread_base + per_thread * static_cast<size_t>(thread);
    float* s = xp + kQueryBlock * hd;
    float* pp = s + kQueryBlock * n16;
    float* o = pp + kQueryBlock * n16;
    float* row = o + kQueryBlock * hd;
    for (int64_t blk = begin; blk < end; ++blk) {
      const int64_t q0 = blk * kQueryBlock, q1 = std::min(nq, q0 + kQueryBlock);
      const int64_t m = q1 - q0, m_blocks = (m + kTok - 1) / kTok;
      // Positions query i of the block sees (it grows with i).
      auto seen = [&](int64_t i) { return a.p0 + (q0 + i) / a.group + 1; };
      const int64_t n_max = seen(m - 1);

      for (int64_t i = 0; i < m; ++i) {
        const int64_t t = (q0 + i) / a.group, g = (q0 + i) % a.group;
        const float* q = a.q + t * a.q_stride + g * hd;
        for (int d = 0; d < hd; ++d) row[d] = q[d] * a.scale;
        cpu::panel_put_row_avx2(cpu::TensorType::F32, reinterpret_cast<const uint8_t*>(row), i, m,
                                hd, xp);
      }
      // Scores: sub-block sb (queries 6sb ..) against key panel p where its last query sees it.
      for (int64_t sb = 0; sb < m_blocks; ++sb) {
        const int nt = static_cast<int>(std::min<int64_t>(kTok, m - sb * kTok));
        const int64_t visible = seen(sb * kTok + nt - 1);
        for (int64_t p = 0; p * kRows < visible; ++p) {
          cpu::panel_tile_avx2(nt, hd, kp + p * kRows * hd, xp + sb * kTok * hd,
                               s + sb * kTok * n16 + p * kRows, n16, false);
        }
      }
      // Probabilities over each query's own positions, zeros after them up to n_max.
      for (int64_t i = 0; i < m; ++i) {
        float* si = s + i * n16;
        const int64_t ni = seen(i);
        softmax(si, ni);
        std::fill(si + ni, si + n_max, 0.0f);
        cpu::panel_put_row_avx2(cpu::TensorType::F32, reinterpret_cast<const uint8_t*>(si), i, m,
                                n_max, pp);
      }
      // Mix: chunk k0 of positions adds to a sub-block's outputs while its last query sees it.
      for (int dg = 0; dg < hd / kRows; ++dg) {
        const float* vdg = vp + static_cast<size_t>(dg) * static_cast<size_t>(n16) * kRows;
        for (int64_t k0 = 0; k0 < n_max; k0 += cpu::kPanelDepth) {
          const int64_t kc = std::min(cpu::kPanelDepth, n_max - k0);
          for (int64_t sb = 0; sb < m_blocks; ++sb) {
            const int nt = static_cast<int>(std::min<int64_t>(kTok, m - sb * kTok));
            if (seen(sb * kTok + nt - 1) <= k0) continue;
            cpu::panel_tile_avx2(nt, kc, vdg + k0 * kRows, pp + (k0 * m_blocks + sb * kc) * kTok,
                                 o + sb * kTok * hd + dg * kRows, hd, k0 > 0);
          }
        }
      }
      for (int64_t i = 0; i < m; ++i) {
        const int64_t t = (q0 + i) / a.group, g = (q0 + i) % a.group;
        std::memcpy(a.out + t * a.out_stride + g * hd, o + i * hd, sizeof(float) * hd);
      }
    }
  });
}

}  // namespace ys::model
