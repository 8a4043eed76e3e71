#include "backends/local/model/kv_cache.h"

#include <algorithm>
#include <string>

namespace ys::model {

KvCache::KvCache(int n_layer, int kv_dim, int n_ctx)
    : n_layer_(n_layer), kv_dim_(kv_dim), n_ctx_(n_ctx) {}

int KvCache::create() {
  for (size_t i = 0; i < seqs_.size(); ++i) {
    if (!seqs_[i].live) {
      seqs_[i].live = true;
      seqs_[i].length = 0;
      return static_cast<int>(i);
    }
  }
  seqs_.emplace_back();
  seqs_.back().live = true;
  return static_cast<int>(seqs_.size() - 1);
}

Expected<int> KvCache::fork(int src) {
  if (!valid(src)) return Error{"fork of unknown sequence " + std::to_string(src)};
  const int dst = create();
  const Sequence& s = seqs_[static_cast<size_t>(src)];
  Sequence& d = seqs_[static_cast<size_t>(dst)];
  if (d.capacity < s.length) resize(d, s.length);
  const size_t n = static_cast<size_t>(s.length) * static_cast<size_t>(row_floats());
  for (int l = 0; l < n_layer_; ++l) {
    const float* from = s.data.data() + static_cast<size_t>(l) * layer_floats(s);
    std::copy(from, from + n, d.data.data() + static_cast<size_t>(l) * layer_floats(d));
  }
  d.length = s.length;
  return dst;
}

void KvCache::resize(Sequence& s, int capacity) const {
  Sequence grown;
  grown.capacity = capacity;
  grown.data.resize(static_cast<size_t>(n_layer_) * layer_floats(grown));
  const size_t keep =
      static_cast<size_t>(std::min(s.length, capacity)) * static_cast<size_t>(row_floats());
  for (int l = 0; l < n_layer_ && keep > 0; ++l) {
    const float* from = s.data.data() + static_cast<size_t>(l) * layer_floats(s);
    std::copy(from, from + keep, grown.data.data() + static_cast<size_t>(l) * layer_floats(grown));
  }
  s.data = std::move(grown.data);
  s.capacity = capacity;
}

void KvCache::release(int seq) {
  if (!valid(seq)) return;
  Sequence& s = seqs_[static_cast<size_t>(seq)];
  s.live = false;
  s.length = 0;
}

bool KvCache::valid(int seq) const {
  return seq >= 0 && static_cast<size_t>(seq) < seqs_.size() &&
         seqs_[static_cast<size_t>(seq)].live;
}

int KvCache::length(int seq) const {
  return valid(seq) ? seqs_[static_cast<size_t>(seq)].length : 0;
}

void KvCache::truncate(int seq, int n) {
  if (!valid(seq)) return;
  Sequence& s = seqs_[static_cast<size_t>(seq)];
  s.length = std::clamp(n, 0, s.length);
}

int KvCache::n_sequences() const {
  return static_cast<int>(
      std::count_if(seqs_.begin(), seqs_.end(), [](const Sequence& s) { return s.live; }));
}

Status KvCache::reserve(int seq, int n) {
  if (!valid(seq)) return Error{"unknown sequence " + std::to_string(seq)};
  if (n > n_ctx_) {
    return Error{"sequence needs " + std::to_string(n) + " positions, the context holds " +
                 std::to_string(n_ctx_)};
  }
  Sequence& s = seqs_[static_cast<size_t>(seq)];
  // Grow geometrically (capped at the context) so appending one token at a time is cheap.
  if (s.capacity < n) resize(s, std::min(n_ctx_, std::max(n, s.capacity * 2)));
  return ok_status();
}

void KvCache::set_length(int seq, int n) {
  seqs_[static_cast<size_t>(seq)].length = n;
}

float* KvCache::k(int seq, int layer, int pos) {
  Sequence& s = seqs_[static_cast<size_t>(seq)];
  return s.data.data() + static_cast<size_t>(layer) * layer_floats(s) +
         static_cast<size_t>(pos) * static_cast<size_t>(row_floats());
}

float* KvCache::v(int seq, int layer, int pos) {
  return k(seq, layer, pos) + kv_dim_;
}

}  // namespace ys::model
