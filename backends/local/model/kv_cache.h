// Key/value cache for many sequences at once. Each sequence stores, per position and per layer,
// its rotated key and its value vectors (kv_dim floats each, F32 like llama.cpp's default cache).
// Sequences are created empty, forked (the fork copies the parent's positions, so a shared prompt
// is computed once and continued several ways), truncated (to roll back) and released.
//
// Capacity: each sequence holds at most n_ctx positions; storage grows on demand. Ids are small
// non-negative ints, reused after release. Not thread-safe: one engine thread drives it (the
// forward pass reads it from worker threads only between reserve() and the end of the pass).
#pragma once

#include <cstdint>
#include <vector>

#include "harness/core/expected.h"

namespace ys::model {

class KvCache {
 public:
  KvCache(int n_layer, int kv_dim, int n_ctx);

  int create();                 // a new empty sequence
  Expected<int> fork(int src);  // a new sequence holding a copy of src's positions
  void release(int seq);        // no-op for an unknown id
  bool valid(int seq) const;
  int length(int seq) const;      // positions stored (0 for an unknown id)
  void truncate(int seq, int n);  // keeps the first min(n, length) positions
  int n_ctx() const { return n_ctx_; }
  int n_sequences() const;

  // Makes room for positions [0, n) without changing length(); Error if n > n_ctx.
  // Pointers from k()/v() stay valid until the next reserve()/fork()/create().
  Status reserve(int seq, int n);
  void set_length(int seq, int n);  // after the forward pass wrote positions < n
  float* k(int seq, int layer, int pos);
  float* v(int seq, int layer, int pos);
  // Floats between consecutive positions of one sequence (same layer): k(s, l, p + 1) - k(s, l, p).
  int64_t row_floats() const { return int64_t{2} * kv_dim_; }

 private:
  // Layer-major, so attention walks one layer's positions through contiguous memory (1 KiB apart
  // for a 0.5B model) rather than across every layer's rows (24 KiB apart: a page, and a TLB miss,
  // every few keys).
  struct Sequence {
    bool live = false;
    int length = 0;
    int capacity = 0;         // positions per layer
    std::vector<float> data;  // [n_layer][capacity][2][kv_dim]
  };
  size_t layer_floats(const Sequence& s) const {
    return static_cast<size_t>(s.capacity) * static_cast<size_t>(row_floats());
  }
  // Gives s room for `capacity` positions per layer, keeping its first `length` positions.
  void resize(Sequence& s, int capacity) const;

  int n_layer_, kv_dim_, n_ctx_;
  std::vector<Sequence> seqs_;
};

}  // namespace ys::model
