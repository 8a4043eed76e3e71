#include "backends/local/cpu/matmul.h"

#include <algorithm>
#include <cstdint>

#include "backends/local/cpu/cpu_features.h"
#include "backends/local/cpu/gemm_panel.h"
#include "backends/local/cpu/gemm_q8_panel.h"
#include "backends/local/cpu/gemm_tile.h"
#include "backends/local/cpu/quantize.h"
#include "backends/local/cpu/vec_dot.h"
#include "harness/core/expected.h"

namespace ys::cpu {

namespace {
// Rows of W processed together against every token, so a few rows stay in cache while the
// activations stream past.
constexpr int64_t kRowBlock = 16;
}  // namespace

unsigned panel_packs(TensorType weight_type) {
  return q8_panel_supported(weight_type) ? kPackQ8 : kPackFloats;
}

QuantizedRows quantize_rows(ThreadPool& pool, TensorType type, const float* x, int64_t b,
                            int64_t cols, std::vector<uint8_t>& scratch, int64_t panel_min_tokens,
                            unsigned packs) {
  YS_ASSERT(cols % type_block_elems(type) == 0, "quantize_rows: cols not a whole number of blocks");
  QuantizedRows q;
  q.type = type;
  q.row_bytes = type_row_bytes(type, cols);
  const bool panel = b >= panel_min_tokens && cpu_has_avx2();
  const bool floats = panel && (packs & kPackFloats);
  const bool q8 = panel && (packs & kPackQ8) && type == TensorType::Q8_K;
  if (type == TensorType::F32 && !floats) {
    q.data = reinterpret_cast<const uint8_t*>(x);
    return q;
  }
  // Layout: the converted rows, then their float values packed for the float panels
  // (gemm_panel.h), then the Q8_K rows packed for the integer panels (gemm_q8_panel.h), each
  // packing from a 64-byte boundary (the extra 64 bytes each: room to align the buffer's start).
  const size_t rows_bytes = type == TensorType::F32 ? 0 : q.row_bytes * static_cast<size_t>(b);
  const size_t values_at = (rows_bytes + 63) / 64 * 64;
  const size_t values_bytes = floats ? panel_packed_floats(b, cols) * sizeof(float) + 64 : 0;
  const size_t q8_at = (values_at + values_bytes + 63) / 64 * 64;
  const size_t need = q8 ? q8_at + q8_panel_packed_bytes(b, cols) + 64 : values_at + values_bytes;
  if (scratch.size() < need) scratch.resize(need);
  const auto aligned = [&](size_t at) {
    return (reinterpret_cast<uintptr_t>(scratch.data()) + at + 63) / 64 * 64;
  };
  uint8_t* out = type == TensorType::F32 ? nullptr : scratch.data();
  float* values = floats ? reinterpret_cast<float*>(aligned(values_at)) : nullptr;
  uint8_t* q8_out = q8 ? reinterpret_cast<uint8_t*>(aligned(q8_at)) : nullptr;
  pool.parallel_for(b, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const float* xt = x + t * cols;
      const uint8_t* converted = reinterpret_cast<const uint8_t*>(xt);
      if (out) {
        uint8_t* row = out + static_cast<size_t>(t) * q.row_bytes;
        quantize_row(type, xt, row, cols);
        converted = row;
      }
      if (values) panel_put_row_avx2(type, converted, t, b, cols, values);
      if (q8_out)
        q8_panel_put_row(reinterpret_cast<const BlockQ8_K*>(converted), t, b, cols, q8_out);
    }
  });
  if (q8_out) q8_panel_clear_padding(b, cols, q8_out);
  q.data = out ? out : reinterpret_cast<const uint8_t*>(x);
  q.values = values;
  q.q8 = q8_out;
  return q;
}

namespace {

// One row block of one matrix, on the tile when it has one (and the activations are in its
// format), else one vec_dot per output.
struct BlockRunner {
  const WeightMatrix* w = nullptr;
  float* y = nullptr;
  GemmTile tile;
  VecDotFn dot = nullptr;
  int64_t n_blocks = 0;

  // Rows a vec_dot-per-output block fetches ahead of itself with one token.
  static constexpr int64_t kRowsAhead = 4;

  // Fetches weight rows [r, r + n) into the cache.
  void prefetch_rows(int64_t r, int64_t n) const {
    const uint8_t* first = w->data + static_cast<size_t>(r) * w->row_bytes;
    for (size_t off = 0; off < static_cast<size_t>(n) * w->row_bytes; off += 64)
      __builtin_prefetch(first + off);
  }

  void prefetch_start(int64_t blk) const {
    // Generation reads every weight once, and the tiles fetch the rows kTilePrefetchAhead tiles
    // ahead of themselves: the first rows of a thread's chunk are fetched here, all at once
    // (chunks are short, e.g. 4 row blocks of a 896-row matrix; tg128 on the 0.5B Q8_0 model,
    // medians of nine alternating runs: 27.7 -> 29.3 tok/s).
    const int64_t r0 = blk * kRowBlock;
    const int64_t ahead = tile.fn ? int64_t{kTilePrefetchAhead} * tile.rows : kRowsAhead;
    prefetch_rows(r0, std::min<int64_t>(w->rows - r0, ahead));
  }

  void run(int64_t blk, const QuantizedRows& xq, int64_t b) const {
    const int64_t r0 = blk * kRowBlock, r1 = std::min(w->rows, r0 + kRowBlock);
    if (tile.fn) {
      for (int64_t t = 0; t < b; t += tile.cols) {
        const int rn = static_cast<int>(std::min<int64_t>(tile.cols, b - t));
        for (int64_t r = r0; r < r1; r += tile.rows) {
          const int rm = static_cast<int>(std::min<int64_t>(tile.rows, r1 - r));
          tile.fn(w->cols, w->data + static_cast<size_t>(r) * w->row_bytes, w->row_bytes, rm,
                  xq.data + static_cast<size_t>(t) * xq.row_bytes, xq.row_bytes, rn,
                  y + t * w->rows + r, w->rows);
        }
      }
      return;
    }
    for (int64_t t = 0; t < b; ++t) {
      const uint8_t* xt = xq.data + static_cast<size_t>(t) * xq.row_bytes;
      float* yt = y + t * w->rows;
      for (int64_t r = r0; r < r1; ++r) {
        // Generation reads each weight row once: fetch the row kRowsAhead ahead of this one, as
        // the tiles fetch theirs (the first ones of a chunk come from prefetch_start).
        if (b == 1 && r + kRowsAhead < w->rows) prefetch_rows(r + kRowsAhead, 1);
        yt[r] = dot(w->cols, w->data + static_cast<size_t>(r) * w->row_bytes, xt);
      }
    }
  }
};

constexpr size_t kMaxJobs = 4;

}  // namespace

void matmul_quantized_many(ThreadPool& pool, std::span<const MatmulJob> jobs,
                           const QuantizedRows& xq, int64_t b) {
  YS_ASSERT(jobs.size() <= kMaxJobs, "matmul_quantized_many: too many matrices");
  // Batches: each matrix on the integer panels, else the float panels, where it can; the rest
  // go to the tiles together below.
  const MatmulJob* rest[kMaxJobs];
  size_t n_rest = 0;
  for (const MatmulJob& j : jobs) {
    const WeightMatrix& w = *j.w;
    const int64_t n_groups_q8 = (w.rows + kQ8PanelRows - 1) / kQ8PanelRows;
    const int64_t n_groups = (w.rows + kPanelRows - 1) / kPanelRows;
    if (xq.q8 && xq.type == TensorType::Q8_K && q8_panel_supported(w.type)) {
      pool.parallel_for(n_groups_q8, [&](int64_t begin, int64_t end) {
        q8_panel_rows(w.type, w.data, w.row_bytes, w.cols, begin * kQ8PanelRows,
                      std::min(w.rows, end * kQ8PanelRows), xq.q8, b, j.y, w.rows);
      });
    } else if (xq.values && xq.type == matmul_input_type(w.type) && panel_supported(w.type)) {
      const bool avx512 = cpu_has_avx512();
      pool.parallel_for(n_groups, [&](int64_t begin, int64_t end) {
        panel_rows_avx2(w.type, w.data, w.row_bytes, w.cols, begin * kPanelRows,
                        std::min(w.rows, end * kPanelRows), xq.values, b, j.y, w.rows, avx512);
      });
    } else {
      rest[n_rest++] = &j;
    }
  }
  if (n_rest == 0) return;
  BlockRunner runners[kMaxJobs];
  int64_t total = 0;
  for (size_t i = 0; i < n_rest; ++i) {
    BlockRunner& r = runners[i];
    r.w = rest[i]->w;
    r.y = rest[i]->y;
    r.dot = vec_dot_fn(r.w->type);
    YS_ASSERT(r.dot != nullptr, "matmul: unsupported weight type");
    r.tile = gemm_tile(r.w->type);
    if (!r.tile.fn || xq.type != r.tile.act_type) {
      r.tile = {};
      YS_ASSERT(xq.type == vec_dot_type(r.w->type), "matmul: activations in the wrong format");
    }
    r.n_blocks = (r.w->rows + kRowBlock - 1) / kRowBlock;
    total += r.n_blocks;
  }
  // The matrices' row blocks one after the other, split across the threads in one pass.
  pool.parallel_for(total, [&](int64_t begin, int64_t end) {
    size_t i = 0;
    int64_t first = 0;  // index of runners[i]'s block 0 in the combined range
    while (begin >= first + runners[i].n_blocks) first += runners[i++].n_blocks;
    if (b == 1) runners[i].prefetch_start(begin - first);
    for (int64_t blk = begin; blk < end; ++blk) {
      while (blk >= first + runners[i].n_blocks) {
        first += runners[i++].n_blocks;
        if (b == 1) runners[i].prefetch_start(blk - first);
      }
      runners[i].run(blk - first, xq, b);
    }
  });
}

void matmul_quantized(ThreadPool& pool, const WeightMatrix& w, const QuantizedRows& xq, int64_t b,
                      float* y) {
  const MatmulJob job{&w, y};
  matmul_quantized_many(pool, std::span<const MatmulJob>(&job, 1), xq, b);
}

void matmul(ThreadPool& pool, const WeightMatrix& w, const float* x, int64_t b, float* y,
            std::vector<uint8_t>& scratch, int64_t panel_min_tokens) {
  const QuantizedRows xq = quantize_rows(pool, matmul_input_type(w.type), x, b, w.cols, scratch,
                                         panel_min_tokens, panel_packs(w.type));
  matmul_quantized(pool, w, xq, b, y);
}

}  // namespace ys::cpu
